// Shared set-up of the server tests: a real database per server — a SQLite file, or a PostgreSQL
// database in the suite's second half (test-database.ts) —, the app over it, small fixtures on
// real communes of the Deux-Sèvres (79), and a checksum of the database.
//
// Access control stays on: every server starts with an administrator account and an API token,
// and its `app.request` sends that token unless the request carries its own Authorization or
// Cookie header. `s.request` is the bare one (anonymous); `accountFor` makes accounts of other
// roles with their tokens; `login` opens a browser session (cookie + CSRF token).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { appInternals, createApp } from '../../server/app.ts';
import type { AuthOptions } from '../../server/auth/service.ts';
import type { Account, AccountScope, Role } from '../../server/auth/types.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { loadTerritories } from '../../server/territories.ts';
import type { AnalysisEngine } from '../../server/analysis-engine.ts';
import { testLocation, type TestLocation } from './test-database.ts';

export { TEST_ENGINE } from './test-database.ts';

export const AS_OF = '2025-06-01';
/**
 * When fixtures/schema-2.sqlite was made. Its session was opened then (2 h idle limit, 12 h in all)
 * and its tokens expire a year later: the apps that sign in with them run at this time, not today.
 */
export const SCHEMA_2_MADE_AT = Date.parse('2026-12-07T21:47:00.000Z');

/** Real INSEE codes. */
export const C = { niort: '79191', chauray: '79081', aiffres: '79003', bressuire: '79049', parthenay: '79202', thouars: '79329', paris20: '75120' } as const;
export const EPCI_NIORTAIS = '200041317';

export const ADMIN_EMAIL = 'admin@tests.example.fr';
/** scrypt at N = 2^10 keeps the login tests fast (the server default is 2^17). */
export const TEST_SCRYPT_COST = 10;

type AppRequest = ReturnType<typeof createApp>['request'];

export interface TestServer {
  app: ReturnType<typeof createApp>;
  db: Database;
  /** Where the database is, and a folder of the test's own. */
  where: TestLocation;
  dir: string;
  errors: unknown[];
  /** The administrator the requests run as by default, and its API token. */
  admin: Account;
  adminToken: string;
  /** The app's request without the default token (an anonymous visitor unless headers say otherwise). */
  request: AppRequest;
  close(): Promise<void>;
}

const DEFAULT_TOKENS = new WeakMap<object, string>();
let lastToken: string | undefined;

function hasCredentials(headers: HeadersInit | undefined): boolean {
  if (!headers) return false;
  const names = headers instanceof Headers ? [...headers.keys()] : Array.isArray(headers) ? headers.map(([k]) => k) : Object.keys(headers);
  return names.some((n) => ['authorization', 'cookie'].includes(n.toLowerCase()));
}

function withToken(init: RequestInit | undefined, token: string): RequestInit {
  if (hasCredentials(init?.headers)) return init ?? {};
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** A fresh database and app, with an administrator; `close()` removes them. */
export async function makeServer(name = 'test', options: { auth?: AuthOptions; analysis?: AnalysisEngine; writeWorker?: boolean } = {}): Promise<TestServer> {
  const where = await testLocation(name);
  const { db } = await openDatabase(where.location);
  const errors: unknown[] = [];
  const app = createApp({ db, territories: loadTerritories(), today: () => AS_OF, logError: (error) => errors.push(error), auth: { scryptCost: TEST_SCRYPT_COST, ...options.auth }, analysis: options.analysis, writeWorker: options.writeWorker });
  const { accounts, tokens } = appInternals(app).auth;
  const admin = await accounts.insert({ email: ADMIN_EMAIL, name: 'Administratrice des tests', role: 'admin' }, null, null);
  const { token } = await tokens.create(admin.id, 'tests', 365, null);
  const bare: AppRequest = app.request;
  app.request = ((input: Parameters<AppRequest>[0], init?: Parameters<AppRequest>[1], env?: Parameters<AppRequest>[2], ctx?: Parameters<AppRequest>[3]) =>
    bare(input, withToken(init, token), env, ctx)) as AppRequest;
  DEFAULT_TOKENS.set(app, token);
  lastToken = token;
  return {
    app,
    db,
    where,
    dir: where.dir,
    errors,
    admin,
    adminToken: token,
    request: bare,
    async close() {
      await appInternals(app).writer.close();
      await db.close();
      await where.drop();
    },
  };
}

/** An account of some role and scope, with an API token (made directly in the store: no scrypt, no request). */
export async function accountFor(s: TestServer, role: Role, scope: AccountScope = {}, email = `${role}-${Math.random().toString(36).slice(2, 8)}@tests.example.fr`): Promise<{ account: Account; token: string; auth: Record<string, string> }> {
  const { accounts, tokens } = appInternals(s.app).auth;
  const account = await accounts.insert({ email, role, scope }, null, s.admin.id);
  const { token } = await tokens.create(account.id, `jeton ${role}`, 30, s.admin.id);
  return { account, token, auth: { Authorization: `Bearer ${token}` } };
}

export interface Session {
  status: number;
  body: any;
  /** The Cookie header to send back, and the CSRF token to put in X-CSRF-Token. */
  cookie: string;
  csrf: string;
  /** Headers of a write in this session. */
  headers: Record<string, string>;
}

/** Sign in with email and password through POST /api/auth/login; `address` is the client's IP. */
export async function login(s: TestServer, email: string, password: string, options: { address?: string; cookie?: string } = {}): Promise<Session> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.cookie) headers.Cookie = options.cookie;
  const res = await s.request('/api/auth/login', { method: 'POST', headers, body: JSON.stringify({ email, password }) }, { incoming: { socket: { remoteAddress: options.address ?? '192.0.2.1' } } });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  const setCookie = res.headers.get('set-cookie') ?? '';
  const match = /articulation_session=([^;]*)/.exec(setCookie);
  const cookie = match ? `articulation_session=${match[1]}` : '';
  const csrf = body?.csrfToken ?? '';
  return { status: res.status, body, cookie, csrf, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } };
}

export interface Call {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

/** One request through app.request(); JSON bodies are serialised unless a string is given. */
export async function call(
  app: TestServer['app'],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Call> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  // An app made by makeServer sends its admin token; another app over the same database (made
  // by a test from appInternals(s.app).store) runs as the last server's administrator.
  if (!DEFAULT_TOKENS.has(app) && lastToken && !hasCredentials(init.headers)) (init.headers as Record<string, string>).Authorization = `Bearer ${lastToken}`;
  const res = await app.request(path, init);
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

/**
 * SHA-256 of the database content: every row of every table, in a fixed order. The audit
 * table is append-only (triggers refuse UPDATE and DELETE), so its row count, last sequence
 * number and last row stand for it (hashing a journal that grows with every accepted write
 * would make the property tests quadratic); `full` hashes it whole.
 */
export async function checksum(db: Database, full = false): Promise<string> {
  const hash = createHash('sha256');
  const keys: Record<string, string> = { dataset: 'singleton', mechanisms: 'id', people: 'id', links: 'id', migrations: 'version' };
  for (const [table, key] of Object.entries(keys)) {
    hash.update(`\n#${table}\n`);
    for (const row of (await sql`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.ref(key)}`.execute(db.kysely)).rows) hash.update(JSON.stringify(row));
  }
  hash.update('\n#audit\n');
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db.kysely)).rows;
  const audit = full ? await rows(sql`SELECT * FROM audit ORDER BY seq`) : [await rows(sql`SELECT count(*) AS n, max(seq) AS last FROM audit`), await rows(sql`SELECT * FROM audit ORDER BY seq DESC LIMIT 1`)];
  hash.update(JSON.stringify(audit));
  return hash.digest('hex');
}

/** Rows of a query, on either engine (tests read the tables directly). */
export async function rows<T = Record<string, unknown>>(db: Database, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db.kysely)).rows;
}

// ---------------------------------------------------------------- fixtures

export const ptsm79 = {
  id: 'ptsm-79',
  kind: 'PTSM',
  name: 'PTSM des Deux-Sèvres',
  status: 'active',
  territory: { departements: ['79'] },
  dates: { start: '2021-06-09', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' },
} as const;

export const clsmNiort = {
  id: 'clsm-niort',
  kind: 'CLSM',
  name: 'CLSM de Niort',
  status: 'active',
  territory: { communes: [C.niort, C.chauray] },
  dates: { start: '2015-01-01' },
  governance: { copil: { roles: ['elu', 'psychiatrie', 'usagers', 'aidants'], meetingsPerYear: 2 }, plenaryPerYear: 1 },
  coordinators: [{ person: 'coord-niort', fte: 1 }],
} as const;

export const clsmBressuire = {
  id: 'clsm-bressuire',
  kind: 'CLSM',
  name: 'CLSM du Bressuirais',
  status: 'active',
  territory: { communes: [C.bressuire] },
  dates: { start: '2016-01-01' },
} as const;

export const clsNiort = {
  id: 'cls-niort',
  kind: 'CLS',
  name: 'CLS de Niort Agglo',
  status: 'active',
  territory: { epci: [EPCI_NIORTAIS] },
  dates: { start: '2023-01-01', signed: '2023-01-01' },
  extraField: { kept: true },
} as const;

export const coordNiort = { id: 'coord-niort', label: 'Coordination CLSM Niort', trained: true } as const;

export const avisNiort = { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', opinion: 'favorable' } as const;

/** A small valid articulation/1 document. */
export function smallDataset(): Record<string, unknown> {
  return {
    format: 'articulation/1',
    title: 'Deux-Sèvres (test)',
    scope: { departements: ['79'] },
    producer: 'tests',
    mechanisms: [ptsm79, clsmNiort, clsmBressuire, clsNiort],
    people: [coordNiort],
    links: [avisNiort, { kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79', id: 'pec-niort' }],
  };
}

export async function seedSmall(app: TestServer['app']): Promise<void> {
  const res = await call(app, 'POST', '/api/import?mode=replace', smallDataset());
  if (res.status !== 200) throw new Error(`seed failed: ${res.status} ${res.text}`);
}
