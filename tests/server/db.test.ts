// Storage, on the suite's engine (SQLite, or PostgreSQL in the second half): migrations once and
// in order, one process at a time; the append-only journal; a database file made by the previous
// version of the software (schema 2) migrated forward without loss; writes serialised, with
// serialisation failures retried.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appInternals, createApp } from '../../server/app.ts';
import { openDatabase, retrying, type Database } from '../../server/db/database.ts';
import { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from '../../server/db/migrations.ts';
import { SqliteDatabase } from '../../server/db/sqlite.ts';
import { loadTerritories } from '../../server/territories.ts';
import { AS_OF, SCHEMA_2_MADE_AT, TEST_ENGINE, call } from './helpers.ts';
import { testLocation, type TestLocation } from './test-database.ts';

const opened: Database[] = [];
const locations: TestLocation[] = [];
afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  for (const where of locations) await where.drop();
});

async function fresh(name: string): Promise<TestLocation> {
  const where = await testLocation(name);
  locations.push(where);
  return where;
}

async function open(where: TestLocation) {
  const result = await openDatabase(where.location);
  opened.push(result.db);
  return result;
}

const tables = async (db: Database) =>
  db.engine === 'sqlite'
    ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db.kysely)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(db.kysely)).rows.map((r) => r.name);

describe(`database (${TEST_ENGINE})`, () => {
  it('migrates once, in order, and records each migration', async () => {
    const where = await fresh('migrate');
    const first = await open(where);
    expect(first.created).toBe(true);
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await first.db.kysely.selectFrom('migrations').select(['version', 'name']).orderBy('version').execute()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(first.db.settings.get('pseudonym_secret')).toMatch(/^[0-9a-f]{64}$/);
    if (first.db instanceof SqliteDatabase) {
      expect(first.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.db.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    }
    await first.db.close();
    const again = await open(where);
    expect(again.created).toBe(false);
    expect(again.migrated).toEqual([]);
  });

  it('applies only the new migrations, each in its transaction; a failing one leaves the schema as it was', async () => {
    const { db } = await open(await fresh('steps'));
    const extra: Migration = { version: SCHEMA_VERSION + 1, name: 'extra', up: (trx) => trx.schema.createTable('extra').addColumn('x', 'integer').execute() };
    expect((await migrate(db, [...MIGRATIONS, extra])).applied).toEqual([SCHEMA_VERSION + 1]);
    const broken: Migration = {
      version: SCHEMA_VERSION + 2,
      name: 'broken',
      async up(trx) {
        await trx.schema.createTable('half').addColumn('x', 'integer').execute();
        await sql`SELECT * FROM nowhere`.execute(trx);
      },
    };
    await expect(migrate(db, [...MIGRATIONS, extra, broken])).rejects.toThrow();
    const names = await tables(db);
    expect(names).toContain('extra');
    expect(names).not.toContain('half');
    expect((await db.kysely.selectFrom('migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow()).v).toBe(SCHEMA_VERSION + 1);
  });

  it('refuses a database from a newer version of the software', async () => {
    const where = await fresh('newer');
    const { db } = await open(where);
    await db.kysely.insertInto('migrations').values({ version: 99, name: 'future', applied_at: '2030-01-01' }).execute();
    await db.close();
    await expect(openDatabase(where.location)).rejects.toThrow(/schéma 99, plus récent que celui de ce serveur/);
  });

  it('the audit journal is append-only', async () => {
    const { db } = await open(await fresh('append-only'));
    await db.kysely.insertInto('audit').values({ at: '2025-01-01', action: 'create', entity: 'people', data_version: 1, entity_id: 'x', before: null, after: '{"id":"x"}', account: null, undo_of: null }).execute();
    await expect(db.kysely.deleteFrom('audit').execute()).rejects.toThrow(/ajout seul/);
    await expect(db.kysely.updateTable('audit').set({ action: 'x' }).execute()).rejects.toThrow(/ajout seul/);
    if (db.engine === 'postgres') await expect(sql`TRUNCATE audit`.execute(db.kysely)).rejects.toThrow(/ajout seul/);
    // The erasure's exception (audit_redaction holds its row) rewrites what names a person, never the rest.
    await db.write(async (trx) => {
      await trx.insertInto('audit_redaction').values({ active: 1 }).execute();
      await trx.updateTable('audit').set({ entity_id: 'personne-effacee-1', after: '{"id":"personne-effacee-1"}' }).execute();
      await trx.deleteFrom('audit_redaction').execute();
    });
    const refused = db.write(async (trx) => {
      await trx.insertInto('audit_redaction').values({ active: 1 }).execute();
      await trx.updateTable('audit').set({ action: 'x' }).execute();
    });
    await expect(refused).rejects.toThrow(/ajout seul/);
    expect(await db.kysely.selectFrom('audit').select(['action', 'entity_id', 'after']).execute()).toEqual([{ action: 'create', entity_id: 'personne-effacee-1', after: '{"id":"personne-effacee-1"}' }]);
    expect(await db.kysely.selectFrom('audit_redaction').selectAll().execute()).toEqual([]);
  });

  it('JSON columns hold JSON only', async () => {
    const { db } = await open(await fresh('json'));
    await expect(db.kysely.updateTable('dataset').set({ meta: '{"title": ' }).execute()).rejects.toThrow();
    await expect(db.kysely.insertInto('people').values({ id: 'p', position: 0, data: 'pas du JSON', version: 1, updated_at: '2025-01-01', created_by: null }).execute()).rejects.toThrow();
    // Any JSON text is kept as it is, a \u0000 escape included.
    await db.kysely.insertInto('people').values({ id: 'p', position: 0, data: '{"label":"a\\u0000b",  "id":"p"}', version: 1, updated_at: '2025-01-01', created_by: null }).execute();
    expect((await db.kysely.selectFrom('people').select('data').executeTakeFirstOrThrow()).data).toBe('{"label":"a\\u0000b",  "id":"p"}');
  });

  it.skipIf(TEST_ENGINE !== 'postgres')('several instances starting at once apply each migration once (advisory lock)', async () => {
    const where = await fresh('together');
    const all = await Promise.all([open(where), open(where), open(where)]);
    expect(all.flatMap((o) => o.migrated).sort()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(all.filter((o) => o.created)).toHaveLength(1);
    expect(Number((await all[0].db.kysely.selectFrom('migrations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(MIGRATIONS.length);
  });

  it('a serialisation failure is retried, the write done once; one that keeps failing is a 503', async () => {
    const { db } = await open(await fresh('retry'));
    let attempts = 0;
    const fail = db.engine === 'postgres' ? sql`DO $$ BEGIN RAISE EXCEPTION 'conflit' USING ERRCODE = 'serialization_failure'; END $$` : undefined;
    const result = await db.write(async (trx) => {
      attempts++;
      await trx.insertInto('settings').values({ key: `essai-${attempts}`, value: 'x' }).execute();
      if (attempts < 3) {
        if (fail) await fail.execute(trx);
        else throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      }
      return attempts;
    });
    expect(result).toBe(3);
    expect((await db.kysely.selectFrom('settings').select('key').where('key', 'like', 'essai-%').execute()).map((r) => r.key)).toEqual(['essai-3']);
    await expect(retrying(async () => Promise.reject(Object.assign(new Error('x'), { code: '40001' })), 2)).rejects.toMatchObject({ status: 503 });
  });
});

describe.skipIf(TEST_ENGINE !== 'sqlite')('a database file of the previous version (schema 2)', () => {
  const expected = JSON.parse(readFileSync(new URL('./fixtures/schema-2.expected.json', import.meta.url), 'utf8'));

  it('migrates forward without loss: the same export, journal, accounts, tokens and sessions', async () => {
    const where = await fresh('schema-2');
    const path = join(where.dir, 'articulation.sqlite');
    copyFileSync(new URL('./fixtures/schema-2.sqlite', import.meta.url), path);
    const { db, migrated, created } = await open(where);
    expect(created).toBe(false);
    expect(migrated).toEqual(MIGRATIONS.filter((m) => m.version > 2).map((m) => m.version));
    expect(await db.kysely.selectFrom('audit').selectAll().orderBy('seq').execute()).toEqual(expected.journal);
    expect(await db.kysely.selectFrom('accounts').select(['id', 'email', 'role', 'scope', 'password_hash']).orderBy('id').execute()).toEqual(expected.accounts);
    // Who created each person, read from the journal: the ARS officer's person is hers.
    expect((await db.kysely.selectFrom('people').select('created_by').where('id', '=', 'personne-fixture').executeTakeFirstOrThrow()).created_by).toBe(String(expected.arsId));

    const app = createApp({ db, territories: loadTerritories(), today: () => AS_OF, auth: { scryptCost: 10, now: () => SCHEMA_2_MADE_AT } });
    const admin = { Authorization: `Bearer ${expected.adminToken}` };
    const exported = await call(app, 'GET', '/api/export', undefined, admin);
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(expected.dataset);
    // The old session and token still sign in; the officer's scope still holds (her person is hers to edit).
    const me = await call(app, 'GET', '/api/auth/me', undefined, { Cookie: `articulation_session=${expected.sessionCookie}` });
    expect(me.body).toMatchObject({ authenticated: true, via: 'session', account: { email: 'agent@ars.example.fr', role: 'ars' } });
    const ars = { Authorization: `Bearer ${expected.arsToken}` };
    const person = await call(app, 'GET', '/api/people/personne-fixture', undefined, ars);
    const edit = await call(app, 'PUT', '/api/people/personne-fixture', { ...person.body.data, label: 'Personne renommée' }, { ...ars, 'If-Match': String(person.body.version) });
    expect(edit.status, edit.text).toBe(200);
    // New writes go on from the old journal; the old erasure still cannot be undone.
    const journal = await call(app, 'GET', '/api/audit?limit=1', undefined, admin);
    expect(journal.body.items[0].seq).toBe(expected.journal.at(-1).seq + 1);
    const erasure = expected.journal.find((e: { action: string; entity: string }) => e.action === 'delete' && e.entity === 'people');
    expect((await call(app, 'POST', `/api/audit/${erasure.seq}/undo`, undefined, admin)).status).toBe(409);
    await appInternals(app).writer.close();
  });
});
