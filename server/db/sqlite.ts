// The embedded engine: one SQLite file, one connection per thread (better-sqlite3, synchronous
// under Kysely's asynchronous interface), WAL journal so that readers go on while another thread
// or process writes. A write transaction begins IMMEDIATE: it takes the file's write lock first.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Statement } from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { retrying, type Database, type DatabaseLocation } from './database.ts';
import type { Tables } from './schema.ts';

export type { Database as SqliteHandle } from 'better-sqlite3';

/** Prepared statements kept per SQL text (the query builder prepares each query again otherwise). */
const STATEMENT_CACHE = 500;

export class SqliteDatabase implements Database {
  readonly engine = 'sqlite' as const;
  readonly kysely: Kysely<Tables>;
  readonly settings = new Map<string, string>();
  private readonly statements = new Map<string, Statement>();

  constructor(
    /** The better-sqlite3 connection, for what only SQLite does (backup, pragmas in tests). */
    readonly sqlite: BetterSqlite3.Database,
    readonly location: DatabaseLocation & { engine: 'sqlite' },
  ) {
    this.kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: { close: () => sqlite.close(), prepare: (text) => this.prepare(text) } }) });
  }

  get label(): string {
    return this.location.path;
  }

  private prepare(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.sqlite.prepare(text);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(text, statement);
    }
    return statement;
  }

  write<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
    return retrying(() => this.kysely.connection().execute((conn) => transaction(conn, 'begin immediate', fn)));
  }

  read<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
    return this.kysely.connection().execute((conn) => transaction(conn, 'begin', fn));
  }

  exclusive<T>(fn: (conn: Kysely<any>, step: <U>(work: (trx: Kysely<any>) => Promise<U>) => Promise<U>) => Promise<T>): Promise<T> {
    return this.kysely.connection().execute((conn) => fn(conn, (work) => transaction(conn, 'begin immediate', work)));
  }

  /** SQLite's online backup, in one step: one consistent state, and no restart when another connection writes meanwhile. */
  async backup(file: string): Promise<void> {
    await this.sqlite.backup(file, { progress: () => 0x7fffffff });
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }
}

/** `fn` in a transaction on one connection, begun with `begin` (deferred or immediate). */
async function transaction<DB, T>(conn: Kysely<DB>, begin: 'begin' | 'begin immediate', fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  await sql.raw(begin).execute(conn);
  try {
    const result = await fn(conn);
    await sql.raw('commit').execute(conn);
    return result;
  } catch (error) {
    // SQLite may have rolled back already (some errors end the transaction themselves).
    await sql.raw('rollback').execute(conn).catch(() => undefined);
    throw error;
  }
}

export async function openSqlite(location: DatabaseLocation & { engine: 'sqlite' }): Promise<SqliteDatabase> {
  const { path } = location;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    // Deleted content is overwritten, not left in free pages: erasing a person erases their bytes.
    raw.pragma('secure_delete = ON');
  } catch (error) {
    raw.close();
    throw error;
  }
  return new SqliteDatabase(raw, location);
}
