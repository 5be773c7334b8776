// The test runner's PostgreSQL half (tests/run.ts, tests/postgres-cluster.ts): skipped with its
// reason on a developer's machine without PostgreSQL, a failed run under CI=true; the throwaway
// cluster never runs as root (CI runs as root, and PostgreSQL refuses it), and leaves nothing.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresBin, startCluster } from '../postgres-cluster.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IN_CI = process.env.CI === 'true';

/** `npm test`'s PostgreSQL half alone, with PostgreSQL's programs looked for where there are none. */
function runnerWithoutPostgres(ci: boolean): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env, ARTICULATION_TEST_ENGINES: 'postgres', ARTICULATION_TEST_POSTGRES_BIN: '/nonexistent/postgresql/bin', CI: ci ? 'true' : '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/run.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('npm test without PostgreSQL', () => {
  it('a developer: the PostgreSQL half is skipped, says why, and the run passes', async () => {
    const { code, out } = await runnerWithoutPostgres(false);
    expect(out).toContain('PostgreSQL half of the suite SKIPPED: no initdb in ARTICULATION_TEST_POSTGRES_BIN (/nonexistent/postgresql/bin)');
    expect(out).toContain('apt-get install postgresql');
    expect(code).toBe(0);
  });

  it('CI=true: a PostgreSQL that cannot start fails the run', async () => {
    const { code, out, err } = await runnerWithoutPostgres(true);
    expect(err).toContain('CI=true: a PostgreSQL that cannot start fails the run.');
    expect(out).not.toContain('SKIPPED');
    expect(code).toBe(1);
  });
});

describe.runIf(IN_CI || postgresBin())('the throwaway cluster', () => {
  it('runs as an unprivileged user when started by root, answers, and is gone once stopped', async () => {
    const cluster = await startCluster();
    let dataDirectory = '';
    try {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        dataDirectory = (await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir")).rows[0].dir;
        expect((await client.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0].n).toBe(2);
      } finally {
        await client.end();
      }
      const owner = statSync(dataDirectory).uid;
      if (process.getuid!() === 0) expect(owner).not.toBe(0);
      else expect(owner).toBe(process.getuid!());
    } finally {
      cluster.stop();
    }
    expect(existsSync(dataDirectory)).toBe(false);
    const after = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 5_000 });
    await expect(after.connect()).rejects.toThrow();
  });
});
