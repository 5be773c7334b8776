// Authentication: local logins and sessions (cookies, fixation, CSRF, expiry, logout), API tokens
// (shown once, stored hashed, revocable, expiring), login throttling, security headers, account
// management by administrators, the first administrator, and the configuration variables.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../server/app.ts';
import { AccountStore } from '../../server/auth/accounts.ts';
import { hashPassword, verifyPassword } from '../../server/auth/secrets.ts';
import { ConfigError, loadAuthConfig, loadServerConfig } from '../../server/config.ts';
import { ADMIN_EMAIL, TEST_SCRYPT_COST, accountFor, call, checksum, clsmBressuire, login, makeServer, rows, seedSmall, type TestServer } from './helpers.ts';

const PASSWORD = 'un mot de passe très long';
let now = Date.parse('2025-06-01T08:00:00Z');
let s: TestServer;

async function withPassword(email: string, role: 'admin' | 'ars' | 'lecteur' = 'lecteur', scope = {}) {
  const { accounts } = appInternals(s.app).auth;
  return (await accounts.create({ email, role, scope, password: PASSWORD }, s.admin.id)).account;
}

beforeAll(async () => {
  s = await makeServer('auth', { auth: { now: () => now, throttle: { max: 5, windowMs: 60_000 } } });
  await seedSmall(s.app);
  await withPassword('agent@ars.example.fr', 'ars', { departements: ['79'] });
  await withPassword('lecteur@ars.example.fr');
});
afterAll(() => s?.close());

/** A request in a session, as a browser would send it. */
const inSession = (session: { cookie: string; csrf: string }, extra: Record<string, string> = {}) => ({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf, ...extra });

describe('passwords', () => {
  it('scrypt hashes carry their cost and salt; verification is exact', async () => {
    const hash = await hashPassword('correct horse battery staple', TEST_SCRYPT_COST);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hashPassword('correct horse battery staple', TEST_SCRYPT_COST)).not.toBe(hash); // salted
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99$8$1$AAAA$BBBB')).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('the database never holds a password, session or token in clear', async () => {
    const session = await login(s, 'agent@ars.example.fr', PASSWORD);
    const created = await call(s.app, 'POST', '/api/auth/tokens', { name: 'export nocturne', expiresInDays: 30 }, inSession(session));
    expect(created.status).toBe(201);
    const dump = JSON.stringify(await Promise.all(['accounts', 'sessions', 'api_tokens', 'audit', 'login_failures', 'oidc_states'].map((table) => rows(s.db, sql`SELECT * FROM ${sql.table(table)}`))));
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain(created.body.token);
    expect(dump).not.toContain(session.cookie.split('=')[1]);
  });
});

describe('login and sessions', () => {
  it('opens a session in an HttpOnly, SameSite=Lax cookie and answers the account and a CSRF token', async () => {
    const res = await s.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'Agent@ARS.example.fr ', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^articulation_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toMatchObject({ authenticated: true, via: 'session', account: { email: 'agent@ars.example.fr', role: 'ars', scopeLabel: 'département Deux-Sèvres (79)' }, csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
  });

  it('one generic French message for an unknown email, a wrong password, a disabled or a single-sign-on-only account', async () => {
    const { accounts } = appInternals(s.app).auth;
    const disabled = await withPassword('parti@ars.example.fr');
    await accounts.update(disabled.id, { disabled: true }, s.admin.id);
    await accounts.insert({ email: 'sso@ars.example.fr', role: 'lecteur' }, null, s.admin.id);
    const answers = [];
    for (const [email, password, address] of [
      ['inconnu@ars.example.fr', PASSWORD, '198.51.100.1'],
      ['agent@ars.example.fr', 'mauvais mot de passe', '198.51.100.2'],
      ['parti@ars.example.fr', PASSWORD, '198.51.100.3'],
      ['sso@ars.example.fr', PASSWORD, '198.51.100.4'],
    ]) {
      const res = await login(s, email, password, { address });
      answers.push({ status: res.status, body: res.body, cookie: res.cookie });
    }
    for (const a of answers) expect(a).toEqual({ status: 401, body: { error: 'adresse électronique ou mot de passe incorrect', issues: [{ path: '(connexion)', message: 'adresse électronique ou mot de passe incorrect' }] }, cookie: '' });
  });

  it('refuses malformed logins: 415 for a form post (no login CSRF), 400 for missing fields', async () => {
    const form = await s.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `email=agent%40ars.example.fr&password=${encodeURIComponent(PASSWORD)}` });
    expect(form.status).toBe(415);
    const missing = await s.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'x@y.fr' }) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).issues[0].path).toBe('password');
  });

  it('session fixation: a cookie chosen before the login is never adopted, and a new login ends the previous session', async () => {
    const planted = 'articulation_session=valeur-choisie-par-un-attaquant-0123456789abcdef';
    const first = await login(s, 'agent@ars.example.fr', PASSWORD, { cookie: planted });
    expect(first.status).toBe(200);
    expect(first.cookie).not.toBe(planted);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, { Cookie: planted })).status).toBe(401);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, { Cookie: first.cookie })).status).toBe(200);
    // Signing in again from the same browser replaces the session identifier.
    const second = await login(s, 'agent@ars.example.fr', PASSWORD, { cookie: first.cookie });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, { Cookie: first.cookie })).status).toBe(401);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, { Cookie: second.cookie })).status).toBe(200);
  });

  it('logout ends the session and clears the cookie', async () => {
    const session = await login(s, 'lecteur@ars.example.fr', PASSWORD);
    const res = await call(s.app, 'POST', '/api/auth/logout', undefined, inSession(session));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ authenticated: false, logoutUrl: null });
    expect(res.headers.get('set-cookie')).toMatch(/articulation_session=;.*Max-Age=0/);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, { Cookie: session.cookie })).status).toBe(401);
    // Logging out needs the CSRF token too (no forced logout from another site).
    const other = await login(s, 'lecteur@ars.example.fr', PASSWORD);
    expect((await call(s.app, 'POST', '/api/auth/logout', undefined, { Cookie: other.cookie })).status).toBe(403);
  });

  it('sessions expire after 2 hours idle and after 12 hours in all; a role change ends them', async () => {
    const session = await login(s, 'lecteur@ars.example.fr', PASSWORD);
    const start = now;
    try {
      now = start + 90 * 60 * 1000;
      expect((await call(s.app, 'GET', '/api/dataset', undefined, { Cookie: session.cookie })).status).toBe(200);
      now = start + 3 * 60 * 60 * 1000; // 1 h 30 after the last request
      expect((await call(s.app, 'GET', '/api/dataset', undefined, { Cookie: session.cookie })).status).toBe(200);
      now = start + 5 * 60 * 60 * 1000 + 1; // 2 h after the last request
      expect((await call(s.app, 'GET', '/api/dataset', undefined, { Cookie: session.cookie })).status).toBe(401);
      const busy = await login(s, 'lecteur@ars.example.fr', PASSWORD);
      for (let h = 1; h <= 11; h++) {
        now = start + 5 * 60 * 60 * 1000 + h * 60 * 60 * 1000;
        expect((await call(s.app, 'GET', '/api/dataset', undefined, { Cookie: busy.cookie })).status).toBe(200);
      }
      now = start + 5 * 60 * 60 * 1000 + 12 * 60 * 60 * 1000 + 1;
      expect((await call(s.app, 'GET', '/api/dataset', undefined, { Cookie: busy.cookie })).status).toBe(401);
    } finally {
      now = start;
    }
    const agent = await login(s, 'agent@ars.example.fr', PASSWORD);
    const id = (await appInternals(s.app).auth.accounts.findByEmail('agent@ars.example.fr'))!.id;
    expect((await call(s.app, 'PATCH', `/api/accounts/${id}`, { scope: { departements: ['79', '86'] } })).status).toBe(200);
    expect((await call(s.app, 'GET', '/api/dataset', undefined, { Cookie: agent.cookie })).status).toBe(401);
  });

  it('secure cookies behind https: Secure and the __Host- prefix', async () => {
    const secure = await makeServer('auth-secure', { auth: { secureCookies: true } });
    try {
      await appInternals(secure.app).auth.accounts.setPassword(secure.admin.id, PASSWORD, null);
      const res = await secure.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: PASSWORD }) });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/^__Host-articulation_session=[\w-]{43};.*Path=\/;.*HttpOnly;.*Secure;.*SameSite=Lax/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF', () => {
  it('a cookie-authenticated write needs the session’s X-CSRF-Token; refused writes change nothing', async () => {
    const session = await login(s, 'agent@ars.example.fr', PASSWORD);
    const body = { id: 'clsm-thouars', kind: 'CLSM', name: 'CLSM de Thouars', status: 'project', territory: { communes: ['79329'] } };
    const before = await checksum(s.db, true);
    const without = await call(s.app, 'POST', '/api/mechanisms', body, { Cookie: session.cookie });
    expect(without.status).toBe(403);
    expect(without.body.error).toMatch(/CSRF/);
    const wrong = await call(s.app, 'POST', '/api/mechanisms', body, { Cookie: session.cookie, 'X-CSRF-Token': 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    const otherSession = await login(s, 'agent@ars.example.fr', PASSWORD);
    expect((await call(s.app, 'POST', '/api/mechanisms', body, { Cookie: session.cookie, 'X-CSRF-Token': otherSession.csrf })).status).toBe(403);
    expect(await checksum(s.db, true)).toBe(before);
    const ok = await call(s.app, 'POST', '/api/mechanisms', body, inSession(session));
    expect(ok.status).toBe(201);
  });

  it('cross-site writes are refused even with the token; same-origin ones pass', async () => {
    const session = await login(s, 'agent@ars.example.fr', PASSWORD);
    const current = await call(s.app, 'GET', '/api/mechanisms/clsm-bressuire');
    const put = (headers: Record<string, string>) =>
      call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: 'Bressuire (CSRF)' }, { ...inSession(session), 'If-Match': String(current.body.version), ...headers });
    expect((await put({ Origin: 'https://attaquant.example' })).status).toBe(403);
    expect((await put({ Origin: 'null' })).status).toBe(403);
    expect((await put({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const crossLogin = await s.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://attaquant.example' }, body: JSON.stringify({ email: 'agent@ars.example.fr', password: PASSWORD }) });
    expect(crossLogin.status).toBe(403);
    expect((await put({ Origin: 'http://localhost', Host: 'localhost', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('bearer-token writes need no CSRF token (no cookie is involved)', async () => {
    const { auth } = await accountFor(s, 'ars', { departements: ['79'] });
    const res = await call(s.app, 'POST', '/api/people', { label: 'Coordination par script' }, auth);
    expect(res.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('created from a session, shown once, listed without their value, usable, revocable', async () => {
    const session = await login(s, 'lecteur@ars.example.fr', PASSWORD);
    const created = await call(s.app, 'POST', '/api/auth/tokens', { name: 'tableau de bord', expiresInDays: 10 }, inSession(session));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ token: expect.stringMatching(/^art_[\w-]{43}$/), name: 'tableau de bord', active: true, revokedAt: null });
    expect(Date.parse(created.body.expiresAt) - now).toBe(10 * 24 * 60 * 60 * 1000);
    const token = { Authorization: `Bearer ${created.body.token}` };
    const listed = await call(s.app, 'GET', '/api/auth/tokens', undefined, { Cookie: session.cookie });
    expect(listed.body.items.map((t: any) => t.name)).toContain('tableau de bord');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, token)).status).toBe(200);
    // A token carries its account's role: a reader's token cannot write.
    expect((await call(s.app, 'POST', '/api/people', { label: 'x' }, token)).status).toBe(403);
    // A token cannot make another token.
    expect((await call(s.app, 'POST', '/api/auth/tokens', { name: 'x' }, token)).status).toBe(403);
    const revoked = await call(s.app, 'DELETE', `/api/auth/tokens/${created.body.id}`, undefined, inSession(session));
    expect(revoked.status).toBe(200);
    expect(revoked.body.active).toBe(false);
    const refused = await call(s.app, 'GET', '/api/mechanisms', undefined, token);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('jeton d’accès révoqué');
    expect(refused.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });

  it('expire at their date; a disabled account’s tokens are refused; bad values are 401', async () => {
    const made = await accountFor(s, 'lecteur');
    const short = await appInternals(s.app).auth.tokens.create(made.account.id, 'court', 1, null);
    const auth = { Authorization: `Bearer ${short.token}` };
    const start = now;
    try {
      now = start + 24 * 60 * 60 * 1000 - 1000;
      expect((await call(s.app, 'GET', '/api/dataset', undefined, auth)).status).toBe(200);
      now = start + 24 * 60 * 60 * 1000;
      const expired = await call(s.app, 'GET', '/api/dataset', undefined, auth);
      expect(expired.status).toBe(401);
      expect(expired.body.error).toBe('jeton d’accès expiré');
    } finally {
      now = start;
    }
    expect((await call(s.app, 'GET', '/api/dataset', undefined, made.auth)).status).toBe(200);
    await appInternals(s.app).auth.accounts.update(made.account.id, { disabled: true }, s.admin.id);
    expect((await call(s.app, 'GET', '/api/dataset', undefined, made.auth)).body.error).toMatch(/compte est désactivé/);
    for (const header of ['Bearer art_inexistant', 'Basic YWRtaW46YWRtaW4=', 'Bearer']) {
      const res = await call(s.app, 'GET', '/api/dataset', undefined, { Authorization: header });
      expect(res.status, header).toBe(401);
    }
    expect((await call(s.app, 'POST', '/api/auth/tokens', { name: 'x', expiresInDays: 400 }, inSession(await login(s, 'lecteur@ars.example.fr', PASSWORD)))).status).toBe(400);
  });
});

describe('login throttling', () => {
  it('5 failures a minute per account, then 429 with Retry-After — even with the right password', async () => {
    await withPassword('cible@ars.example.fr');
    for (let i = 0; i < 5; i++) {
      const res = await login(s, 'cible@ars.example.fr', `essai ${i}`, { address: `203.0.113.${i + 1}` });
      expect(res.status).toBe(401);
    }
    const blocked = await s.request(
      '/api/auth/login',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'cible@ars.example.fr', password: PASSWORD }) },
      { incoming: { socket: { remoteAddress: '203.0.113.99' } } },
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error).toMatch(/trop de tentatives de connexion : réessayez dans \d+ secondes?/);
    // Other accounts are not affected.
    expect((await login(s, 'lecteur@ars.example.fr', PASSWORD, { address: '203.0.113.99' })).status).toBe(200);
    const start = now;
    try {
      now = start + 61_000;
      expect((await login(s, 'cible@ars.example.fr', PASSWORD, { address: '203.0.113.99' })).status).toBe(200);
    } finally {
      now = start;
    }
  });

  it('5 failures a minute per address, across accounts', async () => {
    for (let i = 0; i < 5; i++) expect((await login(s, `personne${i}@ailleurs.example.fr`, 'x', { address: '192.0.2.200' })).status).toBe(401);
    expect((await login(s, 'lecteur@ars.example.fr', PASSWORD, { address: '192.0.2.200' })).status).toBe(429);
    expect((await login(s, 'lecteur@ars.example.fr', PASSWORD, { address: '192.0.2.201' })).status).toBe(200);
  });
});

describe('anonymous visitors and headers', () => {
  it('get /api/health, the client and the API documentation only; every data route is 401 in French', async () => {
    expect((await s.request('/api/health')).status).toBe(200);
    expect((await s.request('/')).status).toBe(200);
    // Documentation, not data: the page, its assets and the OpenAPI description.
    for (const path of ['/api/docs', '/api/docs/docs.js', '/api/docs/docs.css', '/api/docs/dsfr/core/core.min.css', '/api/openapi.json', '/favicon.ico']) expect((await s.request(path)).status, path).toBe(200);
    for (const path of ['/api/mechanisms', '/api/people', '/api/links', '/api/findings', '/api/graph', '/api/indicators', '/api/export', '/api/audit', '/api/accounts', '/api/dataset', '/api/report/departement/79.pdf', '/api/nothing']) {
      const res = await s.request(path);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error, path).toMatch(/^authentification requise/);
      expect(res.headers.get('www-authenticate'), path).toBe('Bearer realm="articulation"');
    }
  });

  it('security headers on every answer, and no CORS', async () => {
    for (const path of ['/api/health', '/api/mechanisms', '/', '/api/nothing']) {
      const res = await s.app.request(path, { headers: { Origin: 'https://ailleurs.example' } });
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(res.headers.get('strict-transport-security'), path).toBeNull(); // plain http here
    }
    const preflight = await s.request('/api/mechanisms', { method: 'OPTIONS', headers: { Origin: 'https://ailleurs.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('account management', () => {
  it('administrators create accounts (password generated once), change them, and cannot lock themselves out', async () => {
    const created = await call(s.app, 'POST', '/api/accounts', { email: 'Coordinatrice@Niort.example.fr', name: 'Camille', role: 'coordinateur', scope: { mechanisms: ['clsm-niort'] }, generatePassword: true });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ email: 'coordinatrice@niort.example.fr', role: 'coordinateur', scopeLabel: 'dispositif CLSM de Niort', hasPassword: true, disabled: false });
    expect(created.body.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await login(s, 'coordinatrice@niort.example.fr', created.body.password)).status).toBe(200);
    const dup = await call(s.app, 'POST', '/api/accounts', { email: 'coordinatrice@niort.example.fr', role: 'lecteur' });
    expect(dup.status).toBe(409);
    const badScope = await call(s.app, 'POST', '/api/accounts', { email: 'x@ars.example.fr', role: 'ars', scope: { departements: ['99'], mechanisms: ['clsm-niort'] } });
    expect(badScope.status).toBe(400);
    expect(badScope.body.issues.map((i: any) => i.message)).toEqual(['département inconnu « 99 »', 'le périmètre d’un agent d’ARS se donne en régions et départements']);
    const noScope = await call(s.app, 'PATCH', `/api/accounts/${created.body.account.id}`, { role: 'ars' });
    expect(noScope.status).toBe(400);
    expect(noScope.body.error).toMatch(/au moins une région ou un département/);
    const shortPassword = await call(s.app, 'POST', `/api/accounts/${created.body.account.id}/password`, { password: 'court' });
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body.error).toMatch(/au moins 12 caractères/);
    expect((await call(s.app, 'PATCH', `/api/accounts/${s.admin.id}`, { disabled: true })).status).toBe(409);
    expect((await call(s.app, 'PATCH', `/api/accounts/${s.admin.id}`, { role: 'lecteur' })).status).toBe(409);
    expect((await call(s.app, 'DELETE', `/api/accounts/${s.admin.id}`)).status).toBe(409);
    const list = await call(s.app, 'GET', '/api/accounts');
    expect(list.body.items.find((a: any) => a.email === ADMIN_EMAIL)).toMatchObject({ role: 'admin', disabled: false });
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt\$/);
  });

  it('the last administrator cannot be demoted by another path either', async () => {
    const { accounts } = appInternals(s.app).auth;
    await expect(accounts.update(s.admin.id, { role: 'lecteur' }, null)).rejects.toThrow(/dernier compte administrateur/);
  });

  it('first start: an administrator with the given password, or a random one; never twice', async () => {
    const other = await makeServer('auth-first');
    try {
      const accounts = new AccountStore(other.db, { scryptCost: TEST_SCRYPT_COST });
      await other.db.kysely.deleteFrom('accounts').execute();
      const generated = await accounts.ensureAdmin('admin@localhost', undefined);
      expect(generated).toMatchObject({ created: true, email: 'admin@localhost', password: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
      expect(await accounts.ensureAdmin('admin@localhost', undefined)).toEqual({ created: false });
      await other.db.kysely.deleteFrom('accounts').execute();
      const given = await accounts.ensureAdmin('chef@ars.example.fr', 'mot de passe donné par la variable');
      expect(given).toEqual({ created: true, email: 'chef@ars.example.fr' });
      expect(await accounts.verifyLogin('chef@ars.example.fr', 'mot de passe donné par la variable')).toMatchObject({ role: 'admin' });
    } finally {
      await other.close();
    }
  });
});

describe('configuration', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadAuthConfig(env);
    } catch (e) {
      return (e as ConfigError).problems;
    }
    return [];
  };

  it('defaults: no public read, no single sign-on, plain cookies', () => {
    expect(loadAuthConfig({})).toEqual({ adminEmail: 'admin@localhost', publicRead: false, secureCookies: false, trustProxy: false });
    expect(loadAuthConfig({ ARTICULATION_PUBLIC_URL: 'https://articulation.ars.sante.fr/', ARTICULATION_PUBLIC_READ: 'oui' })).toMatchObject({
      publicUrl: 'https://articulation.ars.sante.fr',
      secureCookies: true,
      publicRead: true,
    });
    expect(loadAuthConfig({ ARTICULATION_PUBLIC_URL: 'https://a.example.fr', ARTICULATION_SECURE_COOKIES: 'false' }).secureCookies).toBe(false);
  });

  it('names each bad variable in French', () => {
    expect(problems({ ARTICULATION_ADMIN_PASSWORD: 'court' })).toEqual([{ variable: 'ARTICULATION_ADMIN_PASSWORD', message: expect.stringMatching(/au moins 12 caractères/) }]);
    expect(problems({ ARTICULATION_ADMIN_PASSWORD: 'court' })[0].message).not.toContain('court');
    expect(problems({ ARTICULATION_PUBLIC_READ: 'peut-être' })).toEqual([{ variable: 'ARTICULATION_PUBLIC_READ', message: 'attendu : true ou false (valeur reçue : « peut-être »)' }]);
    expect(problems({ ARTICULATION_SECURE_COOKIES: '2' })[0].variable).toBe('ARTICULATION_SECURE_COOKIES');
    expect(problems({ ARTICULATION_ADMIN_EMAIL: 'admin' })[0].variable).toBe('ARTICULATION_ADMIN_EMAIL');
    expect(problems({ ARTICULATION_PUBLIC_URL: 'articulation.fr' })[0]).toMatchObject({ variable: 'ARTICULATION_PUBLIC_URL', message: expect.stringMatching(/adresse absolue/) });
  });

  it('ARTICULATION_HOSTS: host names without port, the public address’s always among them', () => {
    expect(loadAuthConfig({ ARTICULATION_HOSTS: 'Articulation.ARS.sante.fr., localhost [::1] 192.0.2.10' }).allowedHosts).toEqual(['articulation.ars.sante.fr', 'localhost', '[::1]', '192.0.2.10']);
    expect(loadAuthConfig({ ARTICULATION_HOSTS: 'localhost', ARTICULATION_PUBLIC_URL: 'https://articulation.ars.sante.fr' }).allowedHosts).toEqual(['localhost', 'articulation.ars.sante.fr']);
    expect(loadAuthConfig({ ARTICULATION_HOSTS: ' ' }).allowedHosts).toBeUndefined();
    for (const bad of ['localhost:3000', 'https://articulation.fr', 'a_b.fr', '-x.fr']) {
      expect(problems({ ARTICULATION_HOSTS: bad }), bad).toEqual([{ variable: 'ARTICULATION_HOSTS', message: expect.stringMatching(/noms d’hôte séparés par des virgules.*invalide/) }]);
    }
  });

  it('OIDC_* go together, over https (http only on this machine)', () => {
    expect(problems({ OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2' }).map((p) => p.variable)).toEqual(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI']);
    expect(problems({ OIDC_ISSUER: 'https://x' }).every((p) => /vont ensemble/.test(p.message))).toBe(true);
    const full = { OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret', OIDC_REDIRECT_URI: 'https://articulation.example.fr/api/auth/oidc/callback' };
    expect(loadAuthConfig(full).oidc).toEqual({ issuer: full.OIDC_ISSUER, clientId: 'id', clientSecret: 'secret', redirectUri: full.OIDC_REDIRECT_URI, scopes: 'openid email given_name usual_name', label: 'ProConnect' });
    expect(problems({ ...full, OIDC_ISSUER: 'http://auth.example.fr' })[0]).toMatchObject({ variable: 'OIDC_ISSUER', message: expect.stringMatching(/https:\/\//) });
    expect(problems({ ...full, OIDC_ISSUER: 'http://127.0.0.1:9000' })).toEqual([]);
    expect(problems({ ...full, OIDC_REDIRECT_URI: 'https://articulation.example.fr/retour' })[0]).toMatchObject({ variable: 'OIDC_REDIRECT_URI', message: expect.stringMatching(/api\/auth\/oidc\/callback/) });
    expect(problems({ ...full, OIDC_SCOPES: 'email' })[0].variable).toBe('OIDC_SCOPES');
  });

  it('the server reports the problems of both configurations at once', () => {
    try {
      loadServerConfig({ PORT: 'x', ARTICULATION_PUBLIC_READ: 'x' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.variable)).toEqual(['PORT', 'ARTICULATION_PUBLIC_READ']);
    }
  });
});
