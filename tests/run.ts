// `npm test`: the whole suite on SQLite (the embedded default), then the server suite again on
// PostgreSQL, in a throwaway cluster started here (tests/postgres-cluster.ts). Without PostgreSQL
// on the machine the second half is skipped, and says why; in CI (CI=true) that fails the run.
// Arguments go to vitest (file filters, -t …). ARTICULATION_TEST_ENGINES=sqlite (or postgres) runs one half;
// ARTICULATION_TEST_POSTGRES_BIN names the PostgreSQL programs' folder (see postgres-cluster.ts).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startCluster, type Cluster } from './postgres-cluster.ts';

const args = process.argv.slice(2);
const engines = (process.env.ARTICULATION_TEST_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
const ci = process.env.CI === 'true';
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

function vitest(extra: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitestBin, 'run', ...extra, ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const banner = (text: string) => process.stdout.write(`\n=== ${text} ===\n\n`);
let failed = false;

if (engines.includes('sqlite')) {
  banner('Whole suite on SQLite');
  if ((await vitest([])) !== 0) failed = true;
}

if (engines.includes('postgres')) {
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster();
  } catch (error) {
    const reason = (error as Error).message;
    if (ci) {
      process.stderr.write(`\nPostgreSQL half of the suite: ${reason}\nCI=true: a PostgreSQL that cannot start fails the run.\n`);
      failed = true;
    } else {
      process.stdout.write(`\nPostgreSQL half of the suite SKIPPED: ${reason}\n(Install PostgreSQL — apt-get install postgresql — to run the server suite on both engines.)\n`);
    }
  }
  if (cluster) {
    const running = cluster;
    banner(`Server suite on PostgreSQL (${cluster.url})`);
    // Interrupted (Ctrl-C, a CI timeout): the cluster goes too, never left running.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        running.stop();
        process.exit(1);
      });
    }
    try {
      if ((await vitest(['--dir', 'tests/server', '--passWithNoTests'], { ARTICULATION_TEST_POSTGRES: cluster.url })) !== 0) failed = true;
    } finally {
      cluster.stop();
    }
  }
}

process.exit(failed ? 1 : 0);
