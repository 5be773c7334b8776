// Versioned schema migrations, written once for both engines with the query builder's schema API
// (the engine-specific pieces are in dialect.ts). Each runs once, in its own transaction, and is
// recorded in the `migrations` table (and, on SQLite, in PRAGMA user_version, which older
// versions of this software read). One process at a time migrates (Database.exclusive): several
// instances starting together apply each migration once.
// Never change what a migration that has shipped does: add a new one.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, EngineKind } from './database.ts';
import { auditTriggers, jsonColumn, keyType, serialKey } from './dialect.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>, engine: EngineKind): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    async up(db, engine) {
      // One row: the dataset's own fields (title, scope, any extra top-level field) and the data version,
      // bumped by every write so that derived results (model, findings) are cached per version.
      await db.schema
        .createTable('dataset')
        .addColumn('singleton', 'integer', (c) => c.primaryKey().check(sql`singleton = 1`))
        .addColumn('meta', ...jsonColumn(engine, 'meta', { defaultTo: '{}' }))
        .addColumn('data_version', keyType(engine), (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text')
        .execute();
      await db.insertInto('dataset').values({ singleton: 1, meta: '{}', data_version: 0 }).execute();

      // Each entity row holds its articulation/1 object as JSON; a few columns are copied out for filters.
      const entity = (table: string, extra: (t: ReturnType<typeof db.schema.createTable>) => ReturnType<typeof db.schema.createTable>) =>
        extra(db.schema.createTable(table).addColumn('id', 'text', (c) => c.primaryKey()).addColumn('position', 'integer', (c) => c.notNull()))
          .addColumn('data', ...jsonColumn(engine, 'data'))
          .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      await entity('mechanisms', (t) => t.addColumn('kind', 'text', (c) => c.notNull()).addColumn('status', 'text', (c) => c.notNull()));
      await entity('people', (t) => t);
      await entity('links', (t) => t.addColumn('kind', 'text', (c) => c.notNull()).addColumn('from_id', 'text', (c) => c.notNull()).addColumn('to_id', 'text', (c) => c.notNull()));
      for (const table of ['mechanisms', 'people', 'links']) await db.schema.createIndex(`${table}_position`).on(table).column('position').execute();
      await db.schema.createIndex('links_from').on('links').column('from_id').execute();
      await db.schema.createIndex('links_to').on('links').column('to_id').execute();

      // Every write.
      await db.schema
        .createTable('audit')
        .addColumn('seq', ...serialKey(engine))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('before', ...jsonColumn(engine, 'before', { nullable: true }))
        .addColumn('after', ...jsonColumn(engine, 'after', { nullable: true }))
        .addColumn('data_version', keyType(engine), (c) => c.notNull())
        .addColumn('account', 'text')
        .execute();
      await db.schema.createIndex('audit_entity').on('audit').columns(['entity', 'entity_id']).execute();
      await auditTriggers(db, engine, 'strict');
    },
  },
  {
    version: 2,
    name: 'access-control',
    async up(db, engine) {
      // Accounts: local (password) or single sign-on (OpenID Connect, matched by email, stored in lower case).
      // scope: {"regions": [...], "departements": [...]} for an ARS officer, {"mechanisms": [...]} for a coordinator.
      await db.schema
        .createTable('accounts')
        .addColumn('id', ...serialKey(engine))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'ars', 'coordinateur', 'lecteur')`))
        .addColumn('scope', ...jsonColumn(engine, 'scope', { defaultTo: '{}' }))
        .addColumn('password_hash', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disabled IN (0, 1)`))
        .addColumn('oidc_subject', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .execute();

      // Browser sessions. The cookie holds a random secret; only its SHA-256 is stored.
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', keyType(engine), (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull().check(sql`method IN ('password', 'oidc')`))
        .addColumn('id_token', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

      // API tokens for scripts (Authorization: Bearer). Shown once; only the SHA-256 is stored.
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', ...serialKey(engine))
        .addColumn('account_id', keyType(engine), (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

      // Server secrets. pseudonym_secret keys the pseudonyms of people in public views and reader exports.
      await db.schema.createTable('settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
      await db.insertInto('settings').values({ key: 'pseudonym_secret', value: randomBytes(32).toString('hex') }).execute();

      // The journal names the account (accounts.id) of every write; an undo points to the entry it reverts.
      await db.schema.alterTable('audit').addColumn('undo_of', keyType(engine)).execute();
      await db.schema.createIndex('audit_account').on('audit').column('account').execute();
      await db.schema.createIndex('audit_at').on('audit').column('at').execute();

      // The journal stays append-only, with one exception: erasing a deleted person rewrites the
      // entries that name them (entity_id, before, after), inside the erasure's transaction, while
      // audit_redaction holds its single row. No other column can ever change.
      await db.schema.createTable('audit_redaction').addColumn('active', 'integer', (c) => c.primaryKey().check(sql`active = 1`)).execute();
      await auditTriggers(db, engine, 'redaction');
    },
  },
  {
    version: 3,
    name: 'several-instances',
    async up(db, engine) {
      // Who created each person, read by the scope policy inside a write (was a journal query per check).
      await db.schema.alterTable('people').addColumn('created_by', 'text').execute();
      await db
        .updateTable('people')
        .set((eb) => ({
          created_by: eb
            .selectFrom('audit')
            .select('audit.account')
            .where('audit.entity', '=', 'people')
            .whereRef('audit.entity_id', '=', 'people.id')
            .where('audit.before', 'is', null)
            .where('audit.after', 'is not', null)
            .orderBy('audit.seq', 'desc')
            .limit(1),
        }))
        .execute();
      // Read your writes on any instance: the data version of each account's last write.
      await db.schema.alterTable('accounts').addColumn('written_version', keyType(engine), (c) => c.notNull().defaultTo(0)).execute();
      // What lived in one process's memory, shared by every instance: single sign-on attempts, failed logins.
      await db.schema
        .createTable('oidc_states')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('verifier', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('oidc_states_expiry').on('oidc_states').column('expires_at').execute();
      await db.schema.createTable('login_failures').addColumn('key_hash', 'text', (c) => c.notNull()).addColumn('at', 'text', (c) => c.notNull()).execute();
      await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key_hash', 'at']).execute();
      await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
    },
  },
  {
    version: 4,
    name: 'finding-states',
    async up(db, engine) {
      // The state of a finding (docs/etats.md), kept per finding identity (rule and subjects):
      // « vérifié » or « justifié » (« à traiter » is the absence of a row), with the fingerprints
      // of the facts it was set on (a list of [subject|fact, fingerprint] pairs), who and when.
      await db.schema
        .createTable('finding_states')
        .addColumn('finding', 'text', (c) => c.primaryKey())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('subjects', ...jsonColumn(engine, 'subjects'))
        .addColumn('departements', ...jsonColumn(engine, 'departements'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('verifie', 'justifie')`))
        .addColumn('comment', 'text')
        .addColumn('facts', ...jsonColumn(engine, 'facts'))
        .addColumn('set_by', keyType(engine), (c) => c.references('accounts.id').onDelete('set null'))
        .addColumn('set_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .execute();
    },
  },
  {
    version: 5,
    name: 'scenarios',
    async up(db, engine) {
      // Scenarios: a named list of proposed changes (JSON, each naming the version of the record it
      // touches), kept after they are applied, with who applied them and when. `revision` is the
      // scenario's own version (409 on a stale edit); `author` and `applied_by` are accounts.id,
      // without a foreign key: a deleted account's scenarios stay, as its journal entries do.
      await db.schema
        .createTable('scenarios')
        .addColumn('id', ...serialKey(engine))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('author', keyType(engine))
        .addColumn('scope', ...jsonColumn(engine, 'scope', { defaultTo: '{}' }))
        .addColumn('changes', ...jsonColumn(engine, 'changes', { defaultTo: '[]' }))
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1).check(sql`revision >= 1`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text')
        .addColumn('applied_by', keyType(engine))
        .addColumn('applied_version', keyType(engine))
        .execute();
      await db.schema.createIndex('scenarios_author').on('scenarios').column('author').execute();
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The schema version: the last migration recorded (on SQLite, PRAGMA user_version if higher). */
async function currentVersion(db: Kysely<any>, engine: EngineKind): Promise<number> {
  const row = await db.selectFrom('migrations').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  const recorded = Number(row?.version ?? 0);
  if (engine !== 'sqlite') return recorded;
  const pragma = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return Math.max(recorded, pragma.rows[0]?.user_version ?? 0);
}

/** Apply the migrations the database has not seen; returns the versions applied and the version before. */
export async function migrate(database: Database, migrations: readonly Migration[] = MIGRATIONS, now = () => new Date().toISOString()): Promise<{ applied: number[]; previous: number }> {
  const { engine } = database;
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  return database.exclusive(async (conn, step) => {
    await conn.schema
      .createTable('migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const previous = await currentVersion(conn, engine);
    if (previous > latest) {
      throw new Error(`la base de données est au schéma ${previous}, plus récent que celui de ce serveur (${latest}) : mettez le logiciel à jour`);
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= previous) continue;
      await step(async (trx) => {
        // Another process may have applied it since (SQLite has no lock outside a transaction).
        if ((await currentVersion(trx, engine)) >= migration.version) return;
        await migration.up(trx, engine);
        await trx.insertInto('migrations').values({ version: migration.version, name: migration.name, applied_at: now() }).execute();
        if (engine === 'sqlite') await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx);
        applied.push(migration.version);
      });
    }
    return { applied, previous };
  });
}
