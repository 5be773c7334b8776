// The shared engine: a PostgreSQL server several instances connect to (DATABASE_URL), through a
// pool of connections (pg). A write transaction takes a transaction-level advisory lock first, so
// that writes are serialised across instances as SQLite serialises them; the migrations take a
// session-level one, so that one instance at a time migrates. Big integers (keys, count) come
// back as numbers: the rows look the same as SQLite's.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { retrying, type Database, type DatabaseLocation } from './database.ts';
import type { Tables } from './schema.ts';

/** Advisory lock keys (any 64-bit numbers, fixed for this application). */
export const WRITE_LOCK = 7_406_211_801;
const MIGRATION_LOCK = 7_406_211_802;

const INT8_OID = 20;
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  readonly kysely: Kysely<Tables>;
  readonly settings = new Map<string, string>();

  constructor(
    readonly pool: pg.Pool,
    readonly location: DatabaseLocation & { engine: 'postgres' },
  ) {
    this.kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  }

  get label(): string {
    return describeUrl(this.location.url);
  }

  write<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
    return retrying(() =>
      this.kysely.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
        return fn(trx);
      }),
    );
  }

  read<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
    return retrying(() => this.kysely.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn));
  }

  exclusive<T>(fn: (conn: Kysely<any>, step: <U>(work: (trx: Kysely<any>) => Promise<U>) => Promise<U>) => Promise<T>): Promise<T> {
    return this.kysely.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
      try {
        return await fn(conn, (work) => conn.transaction().execute(work));
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
      }
    });
  }

  /** pg_dump's custom format, one consistent snapshot (restored with pg_restore, see the README). The password goes by the environment, not the command line. */
  backup(file: string): Promise<void> {
    const url = new URL(this.location.url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
    return run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url.href}`], { env });
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }
}

export async function openPostgres(location: DatabaseLocation & { engine: 'postgres' }): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10, types: TYPES, connectionTimeoutMillis: 15_000, application_name: 'articulation' });
  // An idle connection that breaks (the server restarted) is replaced at the next query.
  pool.on('error', () => undefined);
  const db = new PostgresDatabase(pool, location);
  try {
    await sql`SELECT 1`.execute(db.kysely);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new Error(`connexion impossible à ${describeUrl(location.url)} : ${(error as Error).message}`);
  }
  return db;
}

/** A postgres:// URL without its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.href.replace(/:@/, '@');
  } catch {
    return 'postgres://…';
  }
}

/** A PostgreSQL client program: on the PATH, or in Debian's /usr/lib/postgresql/<version>/bin (newest first). */
export function postgresTool(name: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const candidate = join(root, version, 'bin', name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return name;
}

/** Run a program; rejects with its standard error when it fails. */
export function run(program: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'], env: options.env ?? process.env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`${program} introuvable ou impossible à lancer : ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} a échoué (code ${code}) : ${stderr.trim()}`))));
  });
}
