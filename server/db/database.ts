// The database, on either engine: the embedded SQLite file (the default) or a shared PostgreSQL
// (DATABASE_URL), behind one handle. Everything above it writes its queries once, with the query
// builder (`kysely`); what differs between the engines — how a connection opens, how a write
// transaction takes the write lock, a backup — lives in sqlite.ts and postgres.ts.
//
// Writes are serialised, on both engines, as SQLite always did (one writer at a time): a write
// transaction holds the database's write lock from its first statement (SQLite: BEGIN IMMEDIATE;
// PostgreSQL: a transaction-level advisory lock), so that what it reads and checks is what it
// writes over, whichever instance wrote last. A serialisation failure or a deadlock is retried;
// a write that still cannot get through gets a 503, never a 500.
import type { Kysely } from 'kysely';
import { ApiError } from '../errors.ts';
import { migrate } from './migrations.ts';
import type { Tables } from './schema.ts';

export type EngineKind = 'sqlite' | 'postgres';

/** Where the database is: plain data, so that a worker thread can open its own connection. */
export type DatabaseLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; poolSize?: number };

export interface Database {
  readonly engine: EngineKind;
  readonly location: DatabaseLocation;
  /** For messages: the file, or the server and database name (never a password). */
  readonly label: string;
  /** Queries outside a transaction: over the pool (PostgreSQL) or the one connection (SQLite). */
  readonly kysely: Kysely<Tables>;
  /** Settings read once at opening (the pseudonymisation secret). */
  readonly settings: ReadonlyMap<string, string>;
  /**
   * A write transaction holding the write lock; `fn` must run every query of the write on `trx`
   * (on SQLite, a query outside it would wait for the transaction's end). Retried when the
   * engine reports a serialisation failure, so `fn` may run more than once.
   */
  write<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T>;
  /** Several reads of one consistent state. */
  read<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T>;
  /**
   * Run `fn` on one connection while no other process migrates (PostgreSQL: a session advisory
   * lock; SQLite: each step's IMMEDIATE transaction is the lock). `step` runs one migration in
   * its own transaction.
   */
  exclusive<T>(fn: (conn: Kysely<any>, step: <U>(work: (trx: Kysely<any>) => Promise<U>) => Promise<U>) => Promise<T>): Promise<T>;
  /** A consistent copy while the server runs (SQLite's online backup, pg_dump). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenedDatabase {
  db: Database;
  /** Migration versions applied by this opening (empty when the schema was current). */
  migrated: number[];
  /** True when the database held no schema before (first start). */
  created: boolean;
}

/** The location named by the configuration: DATABASE_URL (postgres://…) or else DATABASE_PATH. */
export function locationOf(config: { databaseUrl?: string; databasePath: string }): DatabaseLocation {
  return config.databaseUrl ? { engine: 'postgres', url: config.databaseUrl } : { engine: 'sqlite', path: config.databasePath };
}

/** A location written on the command line: a postgres:// URL or a file path. */
export function parseLocation(text: string): DatabaseLocation {
  return /^postgres(ql)?:\/\//i.test(text) ? { engine: 'postgres', url: text } : { engine: 'sqlite', path: text };
}

/**
 * Open a database and bring its schema up to date (one process at a time). `migrate: false` opens
 * it as it is (a backup copies what is there, whatever its version).
 */
export async function openDatabase(location: DatabaseLocation | string, options: { migrate?: boolean } = {}): Promise<OpenedDatabase> {
  const where = typeof location === 'string' ? ({ engine: 'sqlite', path: location } as const) : location;
  const db = where.engine === 'sqlite' ? await (await import('./sqlite.ts')).openSqlite(where) : await (await import('./postgres.ts')).openPostgres(where);
  try {
    const { applied, previous } = options.migrate === false ? { applied: [], previous: -1 } : await migrate(db);
    await loadSettings(db);
    return { db, migrated: applied, created: previous === 0 };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function loadSettings(db: Database): Promise<void> {
  const rows = await db.kysely.selectFrom('settings').select(['key', 'value']).execute().catch(() => []);
  const settings = db.settings as Map<string, string>;
  for (const row of rows) settings.set(row.key, row.value);
}

/** PostgreSQL SQLSTATEs (and SQLite codes) after which a write transaction is run again. */
const RETRYABLE = new Set(['40001', '40P01', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']);
const MAX_ATTEMPTS = 6;

/** Run a transaction again after a serialisation failure or a deadlock (with a short random pause); 503 in the end. */
export async function retrying<T>(run: () => Promise<T>, attempts = MAX_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      if (attempt >= attempts) {
        throw new ApiError(503, 'la base de données est trop sollicitée : rien n’a été écrit, réessayez dans un instant', [{ path: '(base de données)', message: 'écritures concurrentes' }]);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
