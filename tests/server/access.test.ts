// The access matrix: every mutating route × every role (anonymous, lecteur, coordinateur, ARS
// officer, administrator) × a target inside the role's scope and one outside, asserting the exact
// status; a refused request leaves the database byte for byte as it was.
//
// The state: the Deux-Sèvres (79) and the Vienne (86). The ARS officer's scope is the 79, the
// coordinator's the CLSM of Niort; « in » targets are in both scopes, « out » targets in neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../server/app.ts';
import type { AccountScope } from '../../server/auth/types.ts';
import { accountFor, C, call, checksum, clsmNiort, coordNiort, makeServer, ptsm79, type TestServer } from './helpers.ts';

const POITIERS = '86194';
const ptsm86 = { id: 'ptsm-86', kind: 'PTSM', name: 'PTSM de la Vienne', status: 'active', territory: { departements: ['86'] }, dates: { start: '2021-01-01', adopted: '2021-01-01' } };
const clsmPoitiers = {
  id: 'clsm-poitiers',
  kind: 'CLSM',
  name: 'CLSM de Poitiers',
  status: 'active',
  territory: { communes: [POITIERS] },
  coordinators: [{ person: 'coord-poitiers', fte: 1 }],
};
const coordPoitiers = { id: 'coord-poitiers', label: 'Coordination CLSM Poitiers', email: 'clsm@poitiers.example.fr' };

const BASE = {
  format: 'articulation/1',
  title: 'Deux-Sèvres et Vienne',
  mechanisms: [ptsm79, clsmNiort, ptsm86, clsmPoitiers],
  people: [coordNiort, coordPoitiers],
  links: [
    { id: 'avis-niort', kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', opinion: 'favorable' },
    { id: 'avis-poitiers', kind: 'avis', from: 'clsm-poitiers', to: 'ptsm-86', stage: 'projet', date: '2020-11-02', opinion: 'favorable' },
  ],
};

type Role = 'anonyme' | 'lecteur' | 'coordinateur' | 'ars' | 'admin';
const ROLES: Role[] = ['anonyme', 'lecteur', 'coordinateur', 'ars', 'admin'];

interface Ctx {
  /** Journal entries of the last administrator change of each CLSM. */
  niort: number;
  poitiers: number;
  /** An account to change or delete, a fresh token of the requesting account, one of another account. */
  account: number;
  ownToken: number;
  otherToken: number;
}
interface Target {
  method: string;
  path: (ctx: Ctx) => string;
  body?: unknown;
  version?: true;
}
interface RouteCase {
  route: string;
  ok: number;
  /** Administrator writes made after the reset, before the request. */
  setup?: () => Promise<void>;
  in: Target;
  out?: Target;
  /** Expected status per role and target, where it is not « ok in scope, 403 out of scope ». */
  expect?: Partial<Record<Role, { in: number; out?: number }>>;
}

const denied = { in: 403, out: 403 };
const adminOnly = { coordinateur: denied, ars: denied };

/** An administrator's change of a mechanism (the state a case starts from). */
async function adminPut(id: string, change: (data: any) => any): Promise<void> {
  const current = await call(s.app, 'GET', `/api/mechanisms/${id}`);
  const res = await call(s.app, 'PUT', `/api/mechanisms/${id}`, change(current.body.data), { 'If-Match': String(current.body.version) });
  expect(res.status, res.text).toBe(200);
}
const niortWith = (extra: { person: string; fte: number }) => ({ ...clsmNiort, themes: ['logement'], coordinators: [...clsmNiort.coordinators, extra] });

const CASES: RouteCase[] = [
  {
    route: 'POST /api/mechanisms',
    ok: 201,
    in: { method: 'POST', path: () => '/api/mechanisms', body: { id: 'clsm-chauray', kind: 'CLSM', name: 'CLSM de Chauray', status: 'project', territory: { communes: [C.chauray] } } },
    out: { method: 'POST', path: () => '/api/mechanisms', body: { id: 'clsm-chatellerault', kind: 'CLSM', name: 'CLSM de Châtellerault', status: 'project', territory: { communes: ['86066'] } } },
    expect: { coordinateur: denied },
  },
  {
    route: 'PUT /api/mechanisms/:id',
    ok: 200,
    in: { method: 'PUT', path: () => '/api/mechanisms/clsm-niort', body: { ...clsmNiort, name: 'CLSM de Niort (modifié)' }, version: true },
    out: { method: 'PUT', path: () => '/api/mechanisms/clsm-poitiers', body: { ...clsmPoitiers, name: 'CLSM de Poitiers (modifié)' }, version: true },
  },
  {
    // Moving a mechanism out of the département its ARS covers needs that ARS or an administrator,
    // whoever else may edit the mechanism.
    route: 'PUT /api/mechanisms/:id — territory moved to Paris',
    ok: 200,
    in: { method: 'PUT', path: () => '/api/mechanisms/clsm-niort', body: { ...clsmNiort, territory: { communes: [C.paris20] } }, version: true },
    expect: adminOnly,
  },
  {
    route: 'PUT /api/mechanisms/:id — territory leaves one of its two départements',
    ok: 200,
    setup: () => adminPut('clsm-niort', (data) => ({ ...data, territory: { communes: [C.niort, POITIERS] } })),
    in: { method: 'PUT', path: () => '/api/mechanisms/clsm-niort', body: { ...clsmNiort, territory: { communes: [C.niort] } }, version: true },
    expect: adminOnly,
  },
  {
    // Step one of a takeover is allowed (she coordinates Poitiers already)…
    route: 'PUT /api/mechanisms/:id — names a person who coordinates another mechanism',
    ok: 200,
    in: { method: 'PUT', path: () => '/api/mechanisms/clsm-niort', body: niortWith({ person: 'coord-poitiers', fte: 0.2 }), version: true },
  },
  {
    // …step two is not: she coordinates a mechanism out of scope too.
    route: 'PUT /api/people/:id — a person named on an in-scope mechanism who also coordinates one out of scope',
    ok: 200,
    setup: () => adminPut('clsm-niort', () => niortWith({ person: 'coord-poitiers', fte: 0.2 })),
    in: { method: 'PUT', path: () => '/api/people/coord-poitiers', body: { ...coordPoitiers, email: 'pirate@example.fr' }, version: true },
    expect: adminOnly,
  },
  {
    // A person who coordinates nothing is named only by who may edit her (here her creator, the administrator).
    route: 'PUT /api/mechanisms/:id — names a person who coordinates nothing, created by another account',
    ok: 200,
    setup: async () => expect((await call(s.app, 'POST', '/api/people', { id: 'personne-libre', label: 'Personne libre' })).status).toBe(201),
    in: { method: 'PUT', path: () => '/api/mechanisms/clsm-niort', body: niortWith({ person: 'personne-libre', fte: 0.2 }), version: true },
    expect: adminOnly,
  },
  {
    route: 'DELETE /api/mechanisms/:id',
    ok: 200,
    in: { method: 'DELETE', path: () => '/api/mechanisms/clsm-niort?cascade=true', version: true },
    out: { method: 'DELETE', path: () => '/api/mechanisms/clsm-poitiers?cascade=true', version: true },
    expect: { coordinateur: denied },
  },
  {
    // A new person has no territory: every role that writes may create one (no « out » target).
    route: 'POST /api/people',
    ok: 201,
    in: { method: 'POST', path: () => '/api/people', body: { id: 'coord-nouvelle', label: 'Nouvelle coordination' } },
  },
  {
    route: 'PUT /api/people/:id',
    ok: 200,
    in: { method: 'PUT', path: () => '/api/people/coord-niort', body: { ...coordNiort, email: 'clsm@niort.example.fr' }, version: true },
    out: { method: 'PUT', path: () => '/api/people/coord-poitiers', body: { ...coordPoitiers, label: 'Autre' }, version: true },
  },
  {
    route: 'DELETE /api/people/:id',
    ok: 200,
    in: { method: 'DELETE', path: () => '/api/people/coord-niort?cascade=true', version: true },
    out: { method: 'DELETE', path: () => '/api/people/coord-poitiers?cascade=true', version: true },
  },
  {
    route: 'POST /api/links',
    ok: 201,
    in: { method: 'POST', path: () => '/api/links', body: { kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' } },
    out: { method: 'POST', path: () => '/api/links', body: { kind: 'contribution', from: 'clsm-poitiers', to: 'ptsm-86' } },
  },
  {
    route: 'PUT /api/links/:id',
    ok: 200,
    in: { method: 'PUT', path: () => '/api/links/avis-niort', body: { ...BASE.links[0], opinion: 'favorable-reserves' }, version: true },
    out: { method: 'PUT', path: () => '/api/links/avis-poitiers', body: { ...BASE.links[1], opinion: 'favorable-reserves' }, version: true },
  },
  {
    route: 'DELETE /api/links/:id',
    ok: 200,
    in: { method: 'DELETE', path: () => '/api/links/avis-niort', version: true },
    out: { method: 'DELETE', path: () => '/api/links/avis-poitiers', version: true },
  },
  {
    // Replacing the whole dataset is for administrators only, whatever it contains.
    route: 'POST /api/import?mode=replace',
    ok: 200,
    in: { method: 'POST', path: () => '/api/import?mode=replace', body: { ...BASE, mechanisms: BASE.mechanisms.map((m) => (m.id === 'clsm-niort' ? { ...m, name: 'Remplacé' } : m)) } },
    expect: { coordinateur: denied, ars: denied },
  },
  {
    route: 'POST /api/import?mode=merge',
    ok: 200,
    in: { method: 'POST', path: () => '/api/import?mode=merge', body: { format: 'articulation/1', mechanisms: [{ ...clsmNiort, name: 'CLSM de Niort (fusion)' }] } },
    out: { method: 'POST', path: () => '/api/import?mode=merge', body: { format: 'articulation/1', mechanisms: [{ ...clsmPoitiers, name: 'CLSM de Poitiers (fusion)' }] } },
  },
  {
    route: 'POST /api/audit/:seq/undo',
    ok: 200,
    in: { method: 'POST', path: (ctx) => `/api/audit/${ctx.niort}/undo` },
    out: { method: 'POST', path: (ctx) => `/api/audit/${ctx.poitiers}/undo` },
  },
  // Accounts: administrators only (no scope).
  {
    route: 'POST /api/accounts',
    ok: 201,
    in: { method: 'POST', path: () => '/api/accounts', body: { email: 'nouveau@ars.example.fr', role: 'ars', scope: { departements: ['79'] } } },
    expect: { coordinateur: denied, ars: denied },
  },
  {
    route: 'PATCH /api/accounts/:id',
    ok: 200,
    in: { method: 'PATCH', path: (ctx) => `/api/accounts/${ctx.account}`, body: { role: 'coordinateur', scope: { mechanisms: ['clsm-niort'] } } },
    expect: { coordinateur: denied, ars: denied },
  },
  {
    route: 'POST /api/accounts/:id/password',
    ok: 200,
    in: { method: 'POST', path: (ctx) => `/api/accounts/${ctx.account}/password`, body: { generate: true } },
    expect: { coordinateur: denied, ars: denied },
  },
  {
    route: 'DELETE /api/accounts/:id',
    ok: 200,
    in: { method: 'DELETE', path: (ctx) => `/api/accounts/${ctx.account}` },
    expect: { coordinateur: denied, ars: denied },
  },
  // API tokens: everyone signed in manages their own (« in »); another account's is hidden (404)
  // except to an administrator. A token cannot create a token (sessions only, see auth tests).
  {
    route: 'DELETE /api/auth/tokens/:id',
    ok: 200,
    in: { method: 'DELETE', path: (ctx) => `/api/auth/tokens/${ctx.ownToken}` },
    out: { method: 'DELETE', path: (ctx) => `/api/auth/tokens/${ctx.otherToken}` },
    expect: { lecteur: { in: 200, out: 404 }, coordinateur: { in: 200, out: 404 }, ars: { in: 200, out: 404 } },
  },
  {
    route: 'POST /api/auth/tokens',
    ok: 201,
    in: { method: 'POST', path: () => '/api/auth/tokens', body: { name: 'script', expiresInDays: 7 } },
    expect: { lecteur: denied, coordinateur: denied, ars: denied, admin: denied },
  },
];

let s: TestServer;
const tokens: Record<Role, Record<string, string>> = {} as never;
const accountIds: Partial<Record<Role, number>> = {};

beforeAll(async () => {
  s = await makeServer('access');
  tokens.admin = { Authorization: `Bearer ${s.adminToken}` };
  accountIds.admin = s.admin.id;
  for (const [role, scope] of [
    ['ars', { departements: ['79'] }],
    ['coordinateur', { mechanisms: ['clsm-niort'] }],
    ['lecteur', {}],
  ] as [Role & ('ars' | 'coordinateur' | 'lecteur'), AccountScope][]) {
    const made = await accountFor(s, role, scope);
    tokens[role] = made.auth;
    accountIds[role] = made.account.id;
  }
  tokens.anonyme = {};
});

/** Accounts and tokens as they matter (not the last-use timestamps a request may touch). */
async function accountsChecksum(): Promise<string> {
  const { kysely } = s.db;
  return JSON.stringify([
    await kysely.selectFrom('accounts').select(['id', 'email', 'name', 'role', 'scope', 'password_hash', 'disabled']).orderBy('id').execute(),
    await kysely.selectFrom('api_tokens').select(['id', 'account_id', 'token_hash', 'expires_at', 'revoked_at']).orderBy('id').execute(),
  ]);
}
afterAll(() => s?.close());

/** Back to the base state, then one administrator change on each CLSM (the entries to undo), a spare account, fresh tokens. */
async function reset(role: Role = 'admin'): Promise<Ctx> {
  expect((await call(s.app, 'POST', '/api/import?mode=replace', BASE)).status).toBe(200);
  const seq: Record<string, number> = {};
  for (const [key, m] of [
    ['niort', clsmNiort],
    ['poitiers', clsmPoitiers],
  ] as const) {
    const current = await call(s.app, 'GET', `/api/mechanisms/${m.id}`);
    const res = await call(s.app, 'PUT', `/api/mechanisms/${m.id}`, { ...m, themes: ['logement'] }, { 'If-Match': String(current.body.version) });
    expect(res.status).toBe(200);
    seq[key] = (await call(s.app, 'GET', `/api/audit?entity=mechanisms&id=${m.id}&limit=1`)).body.items[0].seq;
  }
  const { tokens: tokenStore } = appInternals(s.app).auth;
  const spare = await accountFor(s, 'lecteur');
  const own = role === 'anonyme' ? 0 : (await tokenStore.create(accountIds[role]!, 'à révoquer', 1, null)).info.id;
  const other = (await tokenStore.create(spare.account.id, 'd’un autre compte', 1, null)).info.id;
  return { niort: seq.niort, poitiers: seq.poitiers, account: spare.account.id, ownToken: own, otherToken: other };
}

async function versionOf(path: string): Promise<string> {
  const res = await call(s.app, 'GET', path.split('?')[0]);
  expect(res.status, path).toBe(200);
  return String(res.body.version);
}

describe('access matrix', () => {
  const rows: [string, Role, 'in' | 'out'][] = [];
  for (const c of CASES) for (const role of ROLES) for (const where of ['in', 'out'] as const) if (where === 'in' || c.out) rows.push([c.route, role, where]);

  it(`${rows.length} requests: exact statuses, and nothing changes when refused`, async () => {
    const failures: string[] = [];
    let refusedCount = 0;
    for (const c of CASES) {
      for (const role of ROLES) {
        for (const where of ['in', 'out'] as const) {
          const target = where === 'in' ? c.in : c.out;
          if (!target) continue;
          const ctx = await reset(role);
          await c.setup?.();
          const path = target.path(ctx);
          const headers: Record<string, string> = { ...tokens[role] };
          if (target.version) headers['If-Match'] = await versionOf(path);
          const expected = c.expect?.[role]?.[where] ?? (role === 'anonyme' ? 401 : role === 'lecteur' ? 403 : role === 'admin' || where === 'in' ? c.ok : 403);
          const before = (await checksum(s.db, true)) + (await accountsChecksum());
          const res = await s.request(path, {
            method: target.method,
            headers: { ...(target.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
            body: target.body === undefined ? undefined : JSON.stringify(target.body),
          });
          const text = await res.text();
          const label = `${c.route} — ${role} — ${where === 'in' ? 'dans' : 'hors'} périmètre`;
          if (res.status !== expected) failures.push(`${label} : ${res.status} au lieu de ${expected} (${text.slice(0, 200)})`);
          if (res.status >= 400) {
            refusedCount++;
            const body = JSON.parse(text);
            expect(typeof body.error, label).toBe('string');
            expect(Array.isArray(body.issues), label).toBe(true);
            if (res.status === 401) expect(body.error, label).toMatch(/authentification requise/);
            if (res.status === 403) expect(body.error, label).toMatch(/accès refusé|périmètre|coordinateur modifie|un jeton d’accès ne peut pas/);
            if ((await checksum(s.db, true)) + (await accountsChecksum()) !== before) failures.push(`${label} : refusée mais la base a changé`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(refusedCount).toBeGreaterThan(50);
    expect(s.errors).toEqual([]);
  });
});

describe('scope details', () => {
  it('an ARS officer can move a mechanism neither out of nor into their scope', async () => {
    await reset();
    const ars = tokens.ars;
    const out = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...clsmNiort, territory: { communes: [POITIERS] } }, { ...ars, 'If-Match': await versionOf('/api/mechanisms/clsm-niort') });
    expect(out.status).toBe(403);
    expect(out.body.error).toMatch(/sortirait de votre périmètre/);
    const into = await call(s.app, 'PUT', '/api/mechanisms/clsm-poitiers', { ...clsmPoitiers, territory: { communes: [C.niort] } }, { ...ars, 'If-Match': await versionOf('/api/mechanisms/clsm-poitiers') });
    expect(into.status).toBe(403);
    // A mechanism that spans both départements is in scope (its territory meets the 79).
    const both = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...clsmNiort, territory: { communes: [C.niort, POITIERS] } }, { ...ars, 'If-Match': await versionOf('/api/mechanisms/clsm-niort') });
    expect(both.status).toBe(200);
  });

  it('a région scope stands for its départements; an EPCI territory is normalised', async () => {
    await reset();
    const region = (await accountFor(s, 'ars', { regions: ['75'] })).auth; // Nouvelle-Aquitaine: 79 and 86
    const put = await call(s.app, 'PUT', '/api/mechanisms/clsm-poitiers', { ...clsmPoitiers, name: 'CLSM de Poitiers (région)' }, { ...region, 'If-Match': await versionOf('/api/mechanisms/clsm-poitiers') });
    expect(put.status).toBe(200);
    const other = (await accountFor(s, 'ars', { regions: ['11'] })).auth; // Île-de-France
    const refused = await call(s.app, 'POST', '/api/mechanisms', { id: 'cls-agglo', kind: 'CLS', name: 'CLS Niort Agglo', status: 'active', territory: { epci: ['200041317'] } }, other);
    expect(refused.status).toBe(403);
    const allowed = await call(s.app, 'POST', '/api/mechanisms', { id: 'cls-agglo', kind: 'CLS', name: 'CLS Niort Agglo', status: 'active', territory: { epci: ['200041317'] } }, tokens.ars);
    expect(allowed.status).toBe(201);
  });

  it('a person who coordinates nothing is editable by administrators and the account that created them, and by no other scoped account', async () => {
    await reset();
    const created = await call(s.app, 'POST', '/api/people', { id: 'personne-ars', label: 'Nouvelle coordinatrice' }, tokens.ars);
    expect(created.status).toBe(201);
    expect((await call(s.app, 'PUT', '/api/people/personne-ars', { label: 'Nouvelle coordinatrice (PTSM)' }, { ...tokens.ars, 'If-Match': '1' })).status).toBe(200);
    const refused = await call(s.app, 'PUT', '/api/people/personne-ars', { label: 'X' }, { ...tokens.coordinateur, 'If-Match': '2' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/ne coordonne aucun dispositif et a été créée par un autre compte/);
    expect((await call(s.app, 'PUT', '/api/people/personne-ars', { label: 'Nouvelle coordinatrice (admin)' }, { ...tokens.admin, 'If-Match': '2' })).status).toBe(200);
    // Naming her gives no right over her: the coordinator may not name someone they may not edit.
    const niort = await call(s.app, 'GET', '/api/mechanisms/clsm-niort');
    const withHer = { ...niort.body.data, coordinators: [...niort.body.data.coordinators, { person: 'personne-ars', fte: 0.2 }] };
    const before = await checksum(s.db, true);
    const named = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', withHer, { ...tokens.coordinateur, 'If-Match': String(niort.body.version) });
    expect(named.status).toBe(403);
    expect(named.body.error).toMatch(/nommer une personne ne donne pas le droit de la modifier/);
    expect(await checksum(s.db, true)).toBe(before);
    // Her creator names her on a CLSM of the coordinator: she then coordinates only what the coordinator edits.
    expect((await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', withHer, { ...tokens.ars, 'If-Match': String(niort.body.version) })).status).toBe(200);
    expect((await call(s.app, 'PUT', '/api/people/personne-ars', { label: 'Coordinatrice adjointe' }, { ...tokens.coordinateur, 'If-Match': '3' })).status).toBe(200);
    // A person created in the same merge as the mechanism that names her is the writer's own.
    const merged = await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', people: [{ id: 'personne-fusion', label: 'Créée par fusion' }], mechanisms: [{ ...withHer, version: undefined, coordinators: [...withHer.coordinators, { person: 'personne-fusion', fte: 0.1 }] }] }, tokens.coordinateur);
    expect(merged.status).toBe(200);
  });

  it('a merge touching an out-of-scope record is refused as a whole; dataset fields are for administrators', async () => {
    await reset();
    const before = await checksum(s.db, true);
    const mixed = await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', mechanisms: [{ ...clsmNiort, name: 'A' }, { ...clsmPoitiers, name: 'B' }] }, tokens.ars);
    expect(mixed.status).toBe(403);
    const meta = await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', title: 'Nouveau titre', mechanisms: [] }, tokens.ars);
    expect(meta.status).toBe(403);
    expect(meta.body.error).toMatch(/administrateur/);
    expect(await checksum(s.db, true)).toBe(before);
    // A dry run runs the same scope checks as the import: refused the same way, not « valid » then 403.
    const outOfScope = { format: 'articulation/1', mechanisms: [{ ...clsmPoitiers, name: 'B' }] };
    const dry = await call(s.app, 'POST', '/api/import?mode=merge&dryRun=true', outOfScope, tokens.ars);
    const real = await call(s.app, 'POST', '/api/import?mode=merge', outOfScope, tokens.ars);
    expect([dry.status, real.status]).toEqual([403, 403]);
    expect(dry.body).toEqual(real.body);
    expect(dry.body.error).toMatch(/clsm-poitiers/);
    const metaDry = await call(s.app, 'POST', '/api/import?mode=merge&dryRun=true', { format: 'articulation/1', title: 'Nouveau titre', mechanisms: [] }, tokens.ars);
    expect(metaDry.status).toBe(403);
    // In scope, the dry run answers 200 with the diff, and writes nothing either.
    const inScope = await call(s.app, 'POST', '/api/import?mode=merge&dryRun=true', { format: 'articulation/1', mechanisms: [{ ...clsmNiort, name: 'A' }] }, tokens.ars);
    expect(inScope.status).toBe(200);
    expect(inScope.body).toMatchObject({ dryRun: true, valid: true, changed: true, diff: { mechanisms: { updated: ['clsm-niort'] } } });
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('deleting a person cascades only into mechanisms the account may edit', async () => {
    await reset();
    // coord-niort also coordinates the CLSM of Poitiers: the coordinator of Niort may no longer
    // edit her (she coordinates a mechanism out of its scope), let alone remove her from Poitiers'
    // coordination; the refusal names that mechanism.
    const poitiers = await call(s.app, 'GET', '/api/mechanisms/clsm-poitiers');
    await call(s.app, 'PUT', '/api/mechanisms/clsm-poitiers', { ...poitiers.body.data, coordinators: [{ person: 'coord-niort', fte: 0.1 }] }, { 'If-Match': String(poitiers.body.version) });
    const before = await checksum(s.db, true);
    const res = await call(s.app, 'DELETE', '/api/people/coord-niort?cascade=true', undefined, { ...tokens.coordinateur, 'If-Match': await versionOf('/api/people/coord-niort') });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/« CLSM de Poitiers »/);
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('/api/auth/me lists the mechanisms each account may edit', async () => {
    await reset();
    const me = async (auth: Record<string, string>) => (await call(s.app, 'GET', '/api/auth/me', undefined, auth)).body;
    expect((await me(tokens.admin)).permissions.editableMechanisms).toBe('all');
    expect((await me(tokens.ars)).permissions.editableMechanisms).toEqual(['ptsm-79', 'clsm-niort']);
    expect((await me(tokens.coordinateur)).permissions).toMatchObject({ editableMechanisms: ['clsm-niort'], createMechanisms: false, write: true, audit: false });
    const reader = await me(tokens.lecteur);
    expect(reader.account).toMatchObject({ role: 'lecteur', roleLabel: 'lecteur', scopeLabel: 'lecture seule' });
    expect(reader.permissions).toMatchObject({ write: false, editableMechanisms: [], personalData: false });
    const anonymous = await s.request('/api/auth/me');
    expect(await anonymous.json()).toEqual({ authenticated: false, publicRead: false, oidc: { enabled: false, label: null } });
  });
});
