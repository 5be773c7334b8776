// The database a server test runs on. The server suite runs twice (tests/run.ts): on SQLite files
// (a fresh file per server), then on PostgreSQL, when ARTICULATION_TEST_POSTGRES names a throwaway
// cluster (a fresh database per server, dropped afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseLocation, EngineKind } from '../../server/db/database.ts';

/** The superuser's URL of the test cluster, in the PostgreSQL half of the suite. */
export const POSTGRES_ADMIN_URL = process.env.ARTICULATION_TEST_POSTGRES || undefined;
export const TEST_ENGINE: EngineKind = POSTGRES_ADMIN_URL ? 'postgres' : 'sqlite';

export interface TestLocation {
  location: DatabaseLocation;
  /** A folder of its own, for files the test writes beside the database. */
  dir: string;
  /** The environment a server process needs to use this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

let counter = 0;

/** A new, empty database of the suite's engine. */
export async function testLocation(name: string): Promise<TestLocation> {
  const dir = mkdtempSync(join(tmpdir(), `articulation-${name}-`));
  if (!POSTGRES_ADMIN_URL) {
    const path = join(dir, 'articulation.sqlite');
    return { location: { engine: 'sqlite', path }, dir, env: { DATABASE_PATH: path }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = `t_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return {
    location: { engine: 'postgres', url: url.href, poolSize: 4 },
    dir,
    env: { DATABASE_URL: url.href },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

/** One statement as the cluster's superuser (database creation cannot run in a pool's transaction). */
export async function admin(statement: string, url = POSTGRES_ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
