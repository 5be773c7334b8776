// Several instances on one PostgreSQL (the PostgreSQL half of the suite): two real server
// processes started together on one database migrate and seed it once; a write on one is seen by
// the other's next read; the same version written on both gives exactly one 409; a session or a
// run of failed logins opened on one counts on the other; a kill -9 of one in the middle of an
// import's write loses nothing.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticDataset } from '../../data/synthetic.ts';
import { WRITE_LOCK } from '../../server/db/postgres.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, TEST_ENGINE } from './helpers.ts';
import { ADMIN_PASSWORD, http, signIn, start, stop, type Running } from './processes.ts';
import { testLocation, type TestLocation } from './test-database.ts';

describe.skipIf(TEST_ENGINE !== 'postgres')('two instances on one PostgreSQL', () => {
  let where: TestLocation;
  let a: Running;
  let b: Running;
  const started: Running[] = [];
  const launch = async () => {
    const running = await start(where.env);
    expect(running.url, running.stderr()).not.toBe('');
    started.push(running);
    return running;
  };

  beforeAll(async () => {
    where = await testLocation('instances');
    [a, b] = await Promise.all([launch(), launch()]);
  });
  afterAll(async () => {
    for (const running of started) await stop(running);
    await where?.drop();
  });

  it('started together, they migrate the database and load the demo once, and create one administrator', async () => {
    const session = await signIn(a.url);
    const health = [await http(a.url, 'GET', '/api/health'), await http(b.url, 'GET', '/api/health')];
    expect(health.map((h) => h.body.dataVersion)).toEqual([1, 1]);
    const seeds = await http(a.url, 'GET', '/api/audit?action=seed&entity=dataset', undefined, session);
    expect(seeds.body.items).toHaveLength(1);
    const accounts = await http(a.url, 'GET', '/api/accounts', undefined, session);
    expect(accounts.body.items.map((x: { email: string }) => x.email)).toEqual(['admin@localhost']);
  });

  it('a session opened on one works on the other, writes included (CSRF token)', async () => {
    const session = await signIn(a.url);
    const me = await http(b.url, 'GET', '/api/auth/me', undefined, session);
    expect(me.body).toMatchObject({ authenticated: true, via: 'session', csrfToken: session['X-CSRF-Token'] });
    const created = await http(b.url, 'POST', '/api/people', { id: 'personne-instances', label: 'Créée sur B' }, session);
    expect(created.status).toBe(201);
    const out = await http(b.url, 'POST', '/api/auth/logout', undefined, session);
    expect(out.status).toBe(200);
    expect((await http(a.url, 'GET', '/api/auth/me', undefined, session)).body.authenticated).toBe(false);
  });

  it('a write on one is seen by the next read on the other, the writer’s derived views included', async () => {
    const session = await signIn(a.url);
    for (let round = 1; round <= 5; round++) {
      const current = await http(a.url, 'GET', '/api/mechanisms/clsm-niort', undefined, session);
      const written = await http(a.url, 'PUT', '/api/mechanisms/clsm-niort', { ...current.body.data, name: `CLSM de Niort (${round})` }, { ...session, 'If-Match': String(current.body.version) });
      expect(written.status).toBe(200);
      const read = await http(b.url, 'GET', '/api/mechanisms/clsm-niort', undefined, session);
      expect(read.body).toEqual(written.body);
      // The writer's findings, on the other instance, hold the write (read your writes).
      const version = (await http(a.url, 'GET', '/api/health')).body.dataVersion;
      const findings = await http(b.url, 'GET', '/api/findings?subject=clsm-niort', undefined, session);
      expect(findings.body.dataVersion).toBe(version);
      expect(JSON.stringify(findings.body.findings)).toContain(`CLSM de Niort (${round})`);
    }
  });

  it('the same version written on both at once: exactly one 409', async () => {
    const session = await signIn(a.url);
    const body = { id: 'clsm-concurrent', kind: 'CLSM', name: 'CLSM concurrent', status: 'active', territory: { communes: [C.niort] } };
    expect((await http(a.url, 'POST', '/api/mechanisms', body, session)).status).toBe(201);
    for (let version = 1; version <= 6; version++) {
      const answers = await Promise.all(
        [a, b].map((instance, i) => http(instance.url, 'PUT', '/api/mechanisms/clsm-concurrent', { ...body, name: `Écrit sur ${'AB'[i]} (${version})` }, { ...session, 'If-Match': String(version) })),
      );
      expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
      const loser = answers.find((x) => x.status === 409)!;
      expect(loser.body.current.version).toBe(version + 1);
    }
    const journal = await http(b.url, 'GET', '/api/audit?entity=mechanisms&id=clsm-concurrent', undefined, session);
    expect(journal.body.items.map((e: { action: string }) => e.action)).toEqual([...Array(6).fill('update'), 'create']);
  });

  it('a kill -9 of one instance in the middle of an import’s write loses nothing; the other goes on writing', async () => {
    const victim = await launch();
    const session = await signIn(b.url);
    const before = await http(b.url, 'GET', '/api/export', undefined, session);
    const journalBefore = (await http(b.url, 'GET', '/api/audit?limit=1', undefined, session)).body.items[0].seq;
    const national = generateSyntheticDataset(loadTerritories(), { scale: 1, seed: 5 });
    const victimSession = await signIn(victim.url);
    const importing = http(victim.url, 'POST', '/api/import?mode=replace', national, victimSession).catch((error: Error) => ({ status: 0, error }));
    // Killed once its write holds the write lock and has already written rows of the dataset in
    // its transaction (seen from PostgreSQL: the lock holder's row locks on the records' tables).
    const watcher = new pg.Client({ connectionString: (where.location as { url: string }).url });
    await watcher.connect();
    try {
      const high = Math.floor(WRITE_LOCK / 2 ** 32);
      const low = WRITE_LOCK % 2 ** 32;
      let writing = false;
      for (const until = Date.now() + 120_000; Date.now() < until && !writing; ) {
        const found = await watcher.query(
          `SELECT 1 FROM pg_locks w JOIN pg_locks r ON r.pid = w.pid
            WHERE w.locktype = 'advisory' AND w.classid = $1 AND w.objid = $2 AND w.granted
              AND r.locktype = 'relation' AND r.mode = 'RowExclusiveLock' AND r.relation IN ('mechanisms'::regclass, 'people'::regclass, 'links'::regclass)`,
          [high, low],
        );
        writing = (found.rowCount ?? 0) > 0;
        if (!writing) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(writing).toBe(true);
      victim.child.kill('SIGKILL');
      expect(await victim.exit).toBe(null);
    } finally {
      await watcher.end();
    }
    expect((await importing).status).toBe(0); // no answer: the process died
    const after = await http(b.url, 'GET', '/api/export', undefined, session);
    expect(after.body).toEqual(before.body);
    expect((await http(b.url, 'GET', '/api/audit?limit=1', undefined, session)).body.items[0].seq).toBe(journalBefore);
    // The lock went with the dead connection: the other instance writes, the whole import included.
    const again = await http(b.url, 'POST', '/api/import?mode=replace', national, session);
    expect(again.status, again.text.slice(0, 300)).toBe(200);
    expect((await http(a.url, 'GET', '/api/dataset', undefined, session)).body.counts.mechanisms).toBe(national.mechanisms!.length);
  }, 300_000); // two national imports on a loaded machine

  // Last: the address is refused a minute from then on.
  it('failed logins on both instances count together', async () => {
    const login = (url: string) => http(url, 'POST', '/api/auth/login', { email: 'admin@localhost', password: 'pas le bon mot de passe' }, { Cookie: '' });
    for (const url of [a.url, b.url, a.url, b.url, a.url]) expect((await login(url)).status).toBe(401);
    const refused = await login(b.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // The right password is refused too until the window passes (the address is the same).
    const right = await http(a.url, 'POST', '/api/auth/login', { email: 'admin@localhost', password: ADMIN_PASSWORD }, { Cookie: '' });
    expect(right.status).toBe(429);
  });
});
