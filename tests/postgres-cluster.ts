// A throwaway PostgreSQL cluster for the tests and the benchmarks: initdb into a temporary folder,
// pg_ctl start on a free local port (and a socket in that folder), no durability (fsync off), then
// stop and remove. Never a running server of the machine. PostgreSQL refuses to run as root: when
// run as root (CI), the cluster belongs to the `postgres` user (Debian's package creates it) or,
// failing that, `nobody`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the superuser's connection to the cluster. */
  url: string;
  /** The cluster's PostgreSQL programs (pg_dump, pg_restore…). */
  bin: string;
  stop(): void;
}

/**
 * The PostgreSQL programs to run: ARTICULATION_TEST_POSTGRES_BIN (a folder, to choose among
 * several installed versions), else the newest of Debian's /usr/lib/postgresql/<version>/bin, else pg_config's.
 */
export function postgresBin(): string | undefined {
  const chosen = process.env.ARTICULATION_TEST_POSTGRES_BIN;
  if (chosen) return existsSync(join(chosen, 'initdb')) ? chosen : undefined;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(root, version, 'bin', 'initdb'))) return join(root, version, 'bin');
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bin = pgConfig.status === 0 ? pgConfig.stdout.trim() : undefined;
  return bin && existsSync(join(bin, 'initdb')) ? bin : undefined;
}

/** The user the cluster runs as: ourselves, or an unprivileged one when we are root. */
function clusterUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const found = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (found.status === 0 && group.status === 0) return { name, uid: Number(found.stdout.trim()), gid: Number(group.stdout.trim()) };
  }
  throw new Error('running as root, and no user « postgres » or « nobody » to run PostgreSQL as');
}

/** Start a cluster; throws with the reason when it cannot. */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) {
    const chosen = process.env.ARTICULATION_TEST_POSTGRES_BIN;
    throw new Error(chosen ? `no initdb in ARTICULATION_TEST_POSTGRES_BIN (${chosen})` : 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb, no pg_config): apt-get install postgresql');
  }
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'articulation-pg-'));
  const data = join(dir, 'data');
  if (user) {
    chmodSync(dir, 0o755);
    chownSync(dir, user.uid, user.gid);
  }
  const as = (program: string, args: string[]) => (user ? ['runuser', ['-u', user.name, '--', join(bin, program), ...args]] : [join(bin, program), args]) as [string, string[]];
  const run = (program: string, args: string[]) => {
    const [command, argv] = as(program, args);
    execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=400', '-c shared_buffers=64MB'];
    run('pg_ctl', ['-D', data, '-o', options.join(' '), '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`the test PostgreSQL server does not start: ${stderr || (error as Error).message}${log ? `\n${log}` : ''}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    bin,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
