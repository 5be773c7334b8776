// Single sign-on end to end: a real OpenID Connect provider (oidc-provider) on loopback, set up
// like ProConnect (code flow with PKCE, claims given_name / usual_name, userinfo answered as a
// signed JWT, end_session_endpoint), and the app as relying party through app.request().
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appInternals, createApp } from '../../server/app.ts';
import type { OidcSettings } from '../../server/auth/oidc.ts';
import { openDatabase } from '../../server/db/database.ts';
import { loadTerritories } from '../../server/territories.ts';
import { AS_OF, TEST_SCRYPT_COST, makeServer, seedSmall, type TestServer } from './helpers.ts';

const REDIRECT = 'http://localhost/api/auth/oidc/callback';
const USERS: Record<string, { email: string; email_verified: boolean; given_name: string; usual_name: string }> = {
  'agent-1': { email: 'Claire.Dupont@ars.sante.fr', email_verified: true, given_name: 'Claire', usual_name: 'Dupont' },
  'agent-2': { email: 'inconnu@ars.sante.fr', email_verified: true, given_name: 'Ivan', usual_name: 'Connu' },
  'agent-3': { email: 'ancien@ars.sante.fr', email_verified: true, given_name: 'Anne', usual_name: 'Cien' },
  'agent-4': { email: 'non-verifie@ars.sante.fr', email_verified: false, given_name: 'Noé', usual_name: 'Vérifié' },
};

let op: Server;
const userinfoTypes: string[] = [];
let issuer: string;
let OIDC: OidcSettings;
let s: TestServer;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' };
  // oidc-provider warns about its development conveniences (in-memory store, built-in login form)
  // and about Node 20: expected here, not worth a line in the test report.
  const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const { default: Provider } = await import('oidc-provider');
  op = createServer();
  await new Promise<void>((resolve) => op.listen(0, '127.0.0.1', () => resolve()));
  issuer = `http://127.0.0.1:${(op.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'articulation',
        client_secret: 'secret-de-test-assez-long-pour-hs256-0123456789',
        redirect_uris: [REDIRECT],
        post_logout_redirect_uris: ['http://localhost/'],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['cle-de-test-des-cookies'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], given_name: ['given_name'], usual_name: ['usual_name'] },
    features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount: async (_ctx: unknown, sub: string) => (USERS[sub] ? { accountId: sub, claims: async () => ({ sub, ...USERS[sub] }) } : undefined),
  } as never);
  quiet.mockRestore();
  op.on('request', provider.callback());
  // What the provider answered at its userinfo endpoint (ProConnect answers a signed JWT).
  op.on('request', (req, res) => {
    if (req.url?.startsWith('/me')) res.on('finish', () => userinfoTypes.push(String(res.getHeader('content-type'))));
  });

  OIDC = { issuer, clientId: 'articulation', clientSecret: 'secret-de-test-assez-long-pour-hs256-0123456789', redirectUri: REDIRECT, scopes: 'openid email given_name usual_name', label: 'ProConnect' };
  s = await makeServer('oidc', { auth: { oidc: OIDC } });
  await seedSmall(s.app);
  const { accounts } = appInternals(s.app).auth;
  await accounts.insert({ email: 'claire.dupont@ars.sante.fr', role: 'ars', scope: { departements: ['79'] } }, null, s.admin.id);
  const old = await accounts.insert({ email: 'ancien@ars.sante.fr', role: 'lecteur' }, null, s.admin.id);
  await accounts.update(old.id, { disabled: true }, s.admin.id);
  await accounts.insert({ email: 'non-verifie@ars.sante.fr', role: 'lecteur' }, null, s.admin.id);
});
afterAll(async () => {
  await s?.close();
  await new Promise((resolve) => op?.close(resolve));
});

/** The browser at the provider: follows redirects, keeps its cookies, signs in as `login` and consents. */
async function atProvider(start: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      init = {};
      if (url.href.startsWith(REDIRECT)) return url;
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    const action = new URL(/action="([^"]+)"/.exec(html)![1], url);
    const form: Record<string, string> = html.includes('name="login"') ? { prompt: 'login', login, password: 'peu importe' } : { prompt: 'consent' };
    url = action;
    init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() };
  }
  throw new Error('trop de redirections chez le fournisseur');
}

/** Start at the app, sign in at the provider, come back to the app's callback. */
async function signIn(login: string, options: { dropStateCookie?: boolean } = {}) {
  const start = await s.request('/api/auth/oidc/start?returnTo=%2F%23%2Freseau%3Fdepartement%3D79');
  expect(start.status).toBe(302);
  const stateCookie = /articulation_oidc=[^;]*/.exec(start.headers.get('set-cookie') ?? '')![0];
  const authorize = new URL(start.headers.get('location')!);
  const callback = await atProvider(authorize.href, login);
  const back = await s.request(`${callback.pathname}${callback.search}`, { headers: options.dropStateCookie ? {} : { Cookie: stateCookie } });
  const session = /articulation_session=([^;]+)/.exec(back.headers.getSetCookie().join('\n'));
  return { authorize, callback, stateCookie, back, location: back.headers.get('location'), cookie: session ? `articulation_session=${session[1]}` : undefined };
}

describe('OpenID Connect (ProConnect)', () => {
  it('/api/auth/me offers single sign-on with its label', async () => {
    expect(await (await s.request('/api/auth/me')).json()).toMatchObject({ authenticated: false, oidc: { enabled: true, label: 'ProConnect' } });
  });

  it('sends the browser to the provider with PKCE, state, nonce and the configured scopes', async () => {
    const start = await s.request('/api/auth/oidc/start');
    const url = new URL(start.headers.get('location')!);
    expect(url.origin).toBe(issuer);
    const p = url.searchParams;
    expect(p.get('client_id')).toBe('articulation');
    expect(p.get('redirect_uri')).toBe(REDIRECT);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('scope')).toBe('openid email given_name usual_name');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(start.headers.get('set-cookie')).toMatch(new RegExp(`articulation_oidc=${p.get('state')};.*HttpOnly.*SameSite=Lax`));
  });

  it('signs in an existing account matched by email, opens a session and comes back to where the user was', async () => {
    const { back, location, cookie } = await signIn('agent-1');
    expect(back.status).toBe(302);
    expect(location).toBe('/#/reseau?departement=79');
    expect(cookie).toBeDefined();
    const me = await (await s.request('/api/auth/me', { headers: { Cookie: cookie! } })).json();
    expect(me).toMatchObject({ authenticated: true, via: 'session', account: { email: 'claire.dupont@ars.sante.fr', role: 'ars', name: 'Claire Dupont', oidcLinked: true } });
    expect(userinfoTypes.at(-1)).toMatch(/^application\/jwt/); // the email came from the signed userinfo
    // The session is a normal one: reads, and writes with the CSRF token.
    const write = await s.request('/api/people', { method: 'POST', headers: { Cookie: cookie!, 'X-CSRF-Token': me.csrfToken, 'Content-Type': 'application/json' }, body: JSON.stringify({ label: 'Via ProConnect' }) });
    expect(write.status).toBe(201);
    // Logging out of a single-sign-on session goes through the provider's logout.
    const out = await s.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie!, 'X-CSRF-Token': me.csrfToken } });
    const { logoutUrl } = await out.json();
    const logout = new URL(logoutUrl);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${issuer}/session/end`);
    expect(logout.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost/');
    expect((await (await s.request('/api/auth/me', { headers: { Cookie: cookie! } })).json()).authenticated).toBe(false);
  });

  it('refuses an unknown, a disabled or an unverified email, with a code for a French message and no session', async () => {
    for (const [login, code] of [
      ['agent-2', 'compte-inconnu'],
      ['agent-3', 'compte-desactive'],
      ['agent-4', 'email-non-verifie'],
    ]) {
      const { location, cookie } = await signIn(login);
      expect(location, login).toBe(`/#/connexion?erreur=${code}`);
      expect(cookie, login).toBeUndefined();
    }
  });

  it('refuses a callback without this browser’s state, or played twice', async () => {
    const stolen = await signIn('agent-1', { dropStateCookie: true });
    expect(stolen.location).toBe('/#/connexion?erreur=etat-invalide');
    expect(stolen.cookie).toBeUndefined();
    const once = await signIn('agent-1');
    expect(once.cookie).toBeDefined();
    const replay = await s.request(`${once.callback.pathname}${once.callback.search}`, { headers: { Cookie: once.stateCookie } });
    expect(replay.headers.get('location')).toBe('/#/connexion?erreur=etat-invalide');
    const forged = await s.request('/api/auth/oidc/callback?code=abc&state=xyz', { headers: { Cookie: 'articulation_oidc=xyz' } });
    expect(forged.headers.get('location')).toBe('/#/connexion?erreur=etat-invalide');
  });

  it('a sign-in begun on one instance finishes on another (its state is in the database), once', async () => {
    const { db: other } = await openDatabase(s.where.location);
    const second = createApp({ db: other, territories: loadTerritories(), today: () => AS_OF, auth: { scryptCost: TEST_SCRYPT_COST, oidc: OIDC } });
    try {
      const start = await s.request('/api/auth/oidc/start');
      const stateCookie = /articulation_oidc=[^;]*/.exec(start.headers.get('set-cookie') ?? '')![0];
      const callback = await atProvider(start.headers.get('location')!, 'agent-1');
      const back = await second.request(`${callback.pathname}${callback.search}`, { headers: { Cookie: stateCookie } });
      const session = /articulation_session=([^;]+)/.exec(back.headers.getSetCookie().join('\n'));
      expect(back.headers.get('location')).toBe('/');
      expect(session).not.toBeNull();
      // The session opened there works here.
      expect(await (await s.request('/api/auth/me', { headers: { Cookie: `articulation_session=${session![1]}` } })).json()).toMatchObject({ authenticated: true, account: { email: 'claire.dupont@ars.sante.fr' } });
      // Played again on the first instance: the state was used.
      const replay = await s.request(`${callback.pathname}${callback.search}`, { headers: { Cookie: stateCookie } });
      expect(replay.headers.get('location')).toBe('/#/connexion?erreur=etat-invalide');
    } finally {
      await appInternals(second).writer.close();
      await other.close();
    }
  });

  it('only paths of this site are accepted to come back to', async () => {
    for (const returnTo of ['https://ailleurs.example/', '//ailleurs.example/x', '/\\ailleurs.example']) {
      const start = await s.request(`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
      const url = new URL(start.headers.get('location')!);
      const callback = await atProvider(url.href, 'agent-1');
      const back = await s.request(`${callback.pathname}${callback.search}`, { headers: { Cookie: /articulation_oidc=[^;]*/.exec(start.headers.get('set-cookie')!)![0] } });
      expect(back.headers.get('location'), returnTo).toBe('/');
    }
  });

  it('without OIDC_* variables, single sign-on is off', async () => {
    const plain = await makeServer('oidc-off');
    try {
      expect((await plain.request('/api/auth/oidc/start')).status).toBe(404);
      expect(await (await plain.request('/api/auth/me')).json()).toMatchObject({ oidc: { enabled: false } });
    } finally {
      await plain.close();
    }
  });
});
