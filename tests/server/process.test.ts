// The real server process: configuration errors, first start with the demo data, persistence
// across a restart, concurrent writers over HTTP, graceful SIGTERM, access log.
import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { C } from './helpers.ts';
import { freePort } from '../free-port.ts';
import { ROOT, http, serverEnv, signIn, start } from './processes.ts';
import { testLocation, type TestLocation } from './test-database.ts';

const databases: TestLocation[] = [];
afterAll(async () => {
  for (const where of databases) await where.drop();
});

/** A fresh database of the suite's engine, as a server process's environment. */
async function database(name: string): Promise<Record<string, string>> {
  const where = await testLocation(name);
  databases.push(where);
  return where.env;
}

describe('configuration', () => {
  it('has defaults', () => {
    expect(loadConfig({})).toEqual({ port: 3000, host: '127.0.0.1', databasePath: 'var/articulation.sqlite', seed: 'demo', log: 'info', client: 'auto' });
    expect(loadConfig({ PORT: '0', HOST: '0.0.0.0', DATABASE_PATH: '/tmp/x.sqlite', ARTICULATION_SEED: 'NONE', LOG: 'silent', ARTICULATION_CLIENT: 'none' })).toEqual({
      port: 0,
      host: '0.0.0.0',
      databasePath: '/tmp/x.sqlite',
      seed: 'none',
      log: 'silent',
      client: 'none',
    });
    expect(loadConfig({ PORT: '', LOG: ' ' }).port).toBe(3000);
    expect(loadConfig({ DATABASE_URL: 'postgres://articulation:secret@db.example.fr:5432/articulation' }).databaseUrl).toBe('postgres://articulation:secret@db.example.fr:5432/articulation');
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeUndefined();
  });

  it('names each bad variable in French', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ PORT: 'abc' }, 'PORT', /port entre 0 et 65535.*« abc »/],
      [{ PORT: '70000' }, 'PORT', /65535/],
      [{ PORT: '-1' }, 'PORT', /port/],
      [{ HOST: 'local host' }, 'HOST', /nom d’hôte/],
      [{ ARTICULATION_SEED: 'full' }, 'ARTICULATION_SEED', /valeur inconnue « full ».*demo ou none/],
      [{ LOG: 'verbose' }, 'LOG', /valeur inconnue/],
      [{ DATABASE_PATH: ':memory:' }, 'DATABASE_PATH', /chemin de fichier/],
      [{ ARTICULATION_CLIENT: 'yes' }, 'ARTICULATION_CLIENT', /auto ou none/],
      [{ DATABASE_URL: 'mysql://moi:secret@hote/base' }, 'DATABASE_URL', /^doit être l’adresse d’une base PostgreSQL : postgres:\/\/utilisateur:mot-de-passe@hôte:5432\/base \(sans cette variable, la base est le fichier SQLite de DATABASE_PATH\)$/],
    ];
    for (const [env, variable, message] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error, variable).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([{ variable, message: expect.stringMatching(message) }]);
      expect((error as Error).message).toContain(`${variable} :`);
    }
    const both = (() => {
      try {
        loadConfig({ PORT: 'x', LOG: 'y' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(both?.problems.map((p) => p.variable)).toEqual(['PORT', 'LOG']);
  });
});

describe('server process', () => {
  it('a bad variable stops the start with a French message naming it, exit 1, no stack trace', async () => {
    const running = await start({ PORT: 'trois-mille', ...(await database('never')) });
    expect(running.url).toBe('');
    expect(await running.exit).toBe(1);
    expect(running.stderr()).toMatch(/PORT : doit être un numéro de port/);
    expect(running.stderr()).toMatch(/Le serveur ne démarre pas/);
    expect(running.stderr()).not.toMatch(/\n\s+at /);
  });

  it('a PostgreSQL that cannot be reached stops the start with a French message, without the password', async () => {
    const port = await freePort();
    const running = await start({ DATABASE_URL: `postgres://articulation:mot-secret@127.0.0.1:${port}/articulation` });
    expect(running.url).toBe('');
    expect(await running.exit).toBe(1);
    expect(running.stderr()).toMatch(/Impossible d'ouvrir la base de données PostgreSQL \(DATABASE_URL\) : connexion impossible à postgres:\/\/articulation@127\.0\.0\.1:\d+\/articulation/);
    expect(running.stderr()).not.toContain('mot-secret');
    expect(running.stderr()).not.toMatch(/\n\s+at /);
  });

  it('a port in use stops the start with a French message, exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const running = await start({ PORT: String(port), ...(await database('busy')), ARTICULATION_SEED: 'none' });
      expect(running.url).toBe('');
      expect(await running.exit).toBe(1);
      expect(running.stderr()).toMatch(new RegExp(`le port ${port} est déjà utilisé \\(PORT\\)`));
    } finally {
      await blocker.close();
    }
  });

  it('first start seeds the demo; writes survive SIGTERM and a restart; in-flight requests finish', async () => {
    const persist = await database('persist');
    const first = await start(persist);
    try {
      expect(first.stdout()).toMatch(/jeu de démonstration chargé/);
      await signIn(first.url);
      const health = await http(first.url, 'GET', '/api/health');
      expect(health.body).toMatchObject({ status: 'ok', dataVersion: 1 });
      const counts = (await http(first.url, 'GET', '/api/dataset')).body.counts;
      expect(counts.mechanisms).toBeGreaterThan(10);

      const created = await http(first.url, 'POST', '/api/mechanisms', { id: 'clsm-persistant', kind: 'CLSM', name: 'CLSM persistant', status: 'active', territory: { communes: [C.niort] } });
      expect(created.status).toBe(201);

      // Two writers with the same version over real HTTP: exactly one wins.
      const [a, b] = await Promise.all(
        ['A', 'B'].map((n) => http(first.url, 'PUT', '/api/mechanisms/clsm-persistant', { kind: 'CLSM', name: `Écrit par ${n}`, status: 'active', territory: { communes: [C.niort] } }, { 'If-Match': '1' })),
      );
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a.body : b.body;

      // A request in flight when SIGTERM arrives still gets its answer.
      const inFlight = http(first.url, 'GET', '/api/findings?asOf=2024-03-01');
      await new Promise((r) => setTimeout(r, 20));
      first.child.kill('SIGTERM');
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.total).toBeGreaterThan(0);
      expect(await first.exit).toBe(0);
      expect(first.stderr()).not.toMatch(/processus des règles/); // the rules ran in their worker thread
      expect(first.stdout()).toMatch(/SIGTERM reçu/);
      expect(first.stdout()).toMatch(/arrêt terminé/);
      expect(first.stdout()).toMatch(/GET \/api\/health 200 \d+\.\d ms/);
      expect(first.stdout()).toMatch(/PUT \/api\/mechanisms\/clsm-persistant 409 \d+\.\d ms/);

      const second = await start(persist);
      try {
        expect(second.stdout()).not.toMatch(/jeu de démonstration chargé/);
        await signIn(second.url);
        const back = await http(second.url, 'GET', '/api/mechanisms/clsm-persistant');
        expect(back.status).toBe(200);
        expect(back.body).toEqual(winner);
        expect((await http(second.url, 'GET', '/api/dataset')).body.counts.mechanisms).toBe(counts.mechanisms + 1);
        const audit = await http(second.url, 'GET', '/api/audit?entity=mechanisms&id=clsm-persistant');
        expect(audit.body.items.map((e: any) => e.action)).toEqual(['update', 'create']);
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exit).toBe(0);
      }
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
  });

  it('SIGTERM drains: connections opened before it still get their answers, then the process exits', async () => {
    const running = await start({ ...(await database('drain')), ARTICULATION_SEED: 'none' });
    try {
      const { hostname, port } = new URL(running.url);
      // Connections accepted before the signal, whose requests arrive just after it (as when the
      // event loop was busy and had not read them yet).
      const sockets = await Promise.all(
        Array.from({ length: 6 }, () => new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(port), hostname, () => resolve(socket));
          socket.on('error', reject);
        })),
      );
      await new Promise((r) => setTimeout(r, 200)); // the server has accepted them
      // The requests go once the server has the signal (it says so when it does): a fixed pause
      // would not be enough when a loaded machine is slow to deliver it.
      const signalled = new Promise<void>((resolve) => {
        const check = () => /SIGTERM reçu/.test(running.stdout()) && resolve();
        running.child.stdout!.on('data', check);
        check();
      });
      running.child.kill('SIGTERM');
      await signalled;
      const answers = await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<string>((resolve) => {
              let text = '';
              socket.on('data', (d) => (text += d));
              socket.on('close', () => resolve(text));
              socket.on('error', (error) => resolve(`erreur ${(error as NodeJS.ErrnoException).code}`));
              socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: keep-alive\r\n\r\n`);
            }),
        ),
      );
      for (const answer of answers) {
        expect(answer).toMatch(/^HTTP\/1\.1 200/);
        expect(answer).toMatch(/\r\nconnection: close\r\n/i); // no further request on a draining connection
        expect(answer).toMatch(/"status":"ok"/);
      }
      expect(await running.exit).toBe(0);
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  });

  it('first start: the address to open and the password drawn at random come last, once, in a frame', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: serverEnv({ ...(await database('frame')), PORT: String(port), LOG: 'info', ARTICULATION_ADMIN_PASSWORD: '' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    try {
      for (let i = 0; i < 300 && !/╯/.test(err); i++) await new Promise((r) => setTimeout(r, 100));
      // The frame is the last thing written, with the address and the password inside it.
      const box = err.slice(err.lastIndexOf('╭'));
      expect(err.trimEnd().endsWith('╯'), err).toBe(true);
      expect(box).toMatch(new RegExp(`│ Planificateur d'articulation prêt : http://127\\.0\\.0\\.1:${port}/ +│`));
      expect(box).toMatch(/│ Mot de passe \(affiché une seule fois, notez-le puis changez-le\) : [A-Za-z0-9]{20} +│/);
      const lines = box.trimEnd().split('\n');
      expect(new Set(lines.map((l) => [...l].length)).size, 'every line of the frame has the same width').toBe(1);
      expect(err.match(/Mot de passe/g)).toHaveLength(1);
      // What came before: the first start's own lines, on the standard output.
      expect(out).toMatch(/jeu de démonstration chargé/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  });

  it('ARTICULATION_SEED=none starts empty; LOG=silent prints nothing', async () => {
    const running = await start({ ...(await database('empty')), ARTICULATION_SEED: 'none' });
    await signIn(running.url);
    expect((await http(running.url, 'GET', '/api/dataset')).body).toMatchObject({ dataVersion: 0, counts: { mechanisms: 0, people: 0, links: 0 } });
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    const port = await freePort();
    const silent = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: serverEnv({ PORT: String(port), LOG: 'silent', ...(await database('silent')) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    silent.stdout!.on('data', (d) => (out += d));
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await http(`http://127.0.0.1:${port}`, 'GET', '/api/health')).status).toBe(200);
    silent.kill('SIGTERM');
    expect(await new Promise((r) => silent.on('exit', r))).toBe(0);
    expect(out).toBe('');
  });
});
