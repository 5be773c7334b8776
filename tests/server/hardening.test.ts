// What an independent probe of the API found (issue 11), each with the request that showed it:
// an import stalling everyone, a 500 on many problems, a territory sent as a list, ids that are
// prototype keys, erasures scanning the journal once per person, unknown host names.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSyntheticDataset } from '../../data/synthetic.ts';
import { appInternals } from '../../server/app.ts';
import { MAX_PROBLEMS } from '../../server/store.ts';
import { loadTerritories } from '../../server/territories.ts';
import type { WorkerWriter } from '../../server/writer.ts';
import { C, call, checksum, clsmNiort, makeServer, seedSmall, smallDataset, type TestServer } from './helpers.ts';

const servers: TestServer[] = [];
const server = async (name: string, options?: Parameters<typeof makeServer>[1]) => {
  const s = await makeServer(name, options);
  servers.push(s);
  return s;
};
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('imports do not stall the server', () => {
  it('/api/health answers while a national import is pending; main-thread writes wait for its write, then land', async () => {
    const s = await server('stall', { writeWorker: true });
    expect((appInternals(s.app).writer as WorkerWriter).usingWorker).toBe(true);
    await seedSmall(s.app);
    const national = generateSyntheticDataset(loadTerritories(), { scale: 1, seed: 3 });
    let importDone = false;
    const pending = call(s.app, 'POST', '/api/import?mode=replace', national).then((res) => {
      importDone = true;
      return res;
    });
    // A timer due in 50 ms: on a blocked event loop it fires only once the import is over.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await s.request('/api/health');
    expect(health.status).toBe(200);
    expect(importDone).toBe(false); // answered while the import still ran
    // A write during the import: it waits for the import's write, and is not lost.
    const bressuire = await call(s.app, 'GET', '/api/mechanisms/clsm-bressuire');
    const imported = await pending;
    expect(imported.status, imported.text.slice(0, 300)).toBe(200);
    expect(imported.body.diff.mechanisms.created.length + imported.body.diff.mechanisms.updated.length).toBe(national.mechanisms!.length);
    expect(imported.body.diff.mechanisms.removed).toEqual(expect.arrayContaining(['clsm-bressuire']));
    const late = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...bressuire.body.data, name: 'Trop tard' }, { 'If-Match': String(bressuire.body.version) });
    expect(late.status).toBe(404); // the import removed it: the write saw the imported state
    expect((await call(s.app, 'GET', '/api/dataset')).body.counts.mechanisms).toBe(national.mechanisms!.length);
    // The worker's refusals are the same answers as inline ones.
    const bad = await call(s.app, 'POST', '/api/import', '{"format": "articulation/1", "mechanisms": [');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/JSON mal formé/);
    const reader = await call(s.app, 'POST', '/api/import?mode=merge', smallDataset(), { Authorization: `Bearer ${await accountToken(s, 'coordinateur', { mechanisms: ['clsm-niort'] })}` });
    expect(reader.status).toBe(403);
    expect(s.errors).toEqual([]);
  });

  it('erasing the people a replace import removes is one pass over the journal, however many there are', async () => {
    const s = await server('erase');
    const { store } = appInternals(s.app);
    const people = Array.from({ length: 60 }, (_, i) => ({ id: `personne-${i}`, label: `Personne ${i}` }));
    const mechanisms = people.map((p, i) => ({ id: `clsm-${i}`, kind: 'CLSM', name: `CLSM ${i}`, status: 'active', territory: { communes: [C.niort] }, coordinators: [{ person: p.id, fte: 0.5 }] }));
    expect((await call(s.app, 'POST', '/api/import', { format: 'articulation/1', mechanisms, people })).status).toBe(200);
    // A journal with more than one entry per mechanism.
    expect((await call(s.app, 'POST', '/api/import', { format: 'articulation/1', mechanisms: mechanisms.map((m) => ({ ...m, themes: ['logement'] })), people })).status).toBe(200);
    const journalRows = Number((await s.db.kysely.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).where('entity', '=', 'mechanisms').executeTakeFirstOrThrow()).n);
    const before = store.stats.erasureRowsRead;
    const res = await call(s.app, 'POST', '/api/import', { format: 'articulation/1', mechanisms: mechanisms.map((m) => ({ ...m, coordinators: [] })) });
    expect(res.body.diff.people.removed).toHaveLength(60);
    const read = store.stats.erasureRowsRead - before;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(journalRows + 60); // one pass (its own 60 updates included), not 60
    const journal = JSON.stringify(await s.db.kysely.selectFrom('audit').select(['entity_id', 'before', 'after']).execute());
    for (const p of people) expect(journal).not.toMatch(new RegExp(`"${p.id}"`));
  });
});

async function accountToken(s: TestServer, role: 'coordinateur' | 'lecteur' | 'ars', scope: object): Promise<string> {
  const { accounts, tokens } = appInternals(s.app).auth;
  const account = await accounts.insert({ email: `${role}-${Math.random().toString(36).slice(2, 8)}@tests.example.fr`, role, scope }, null, s.admin.id);
  return (await tokens.create(account.id, role, 1, s.admin.id)).token;
}

describe('many problems', () => {
  it('45,000 invalid links: a 400 listing the first problems, with their total, not a 500', async () => {
    const s = await server('many');
    await seedSmall(s.app);
    const before = await checksum(s.db, true);
    const links = Array.from({ length: 45_000 }, (_, i) => ({ kind: 'avis', from: `inconnu-${i}`, to: 'ptsm-79' }));
    for (const mode of ['replace', 'merge']) {
      const res = await call(s.app, 'POST', `/api/import?mode=${mode}`, { ...smallDataset(), links });
      expect(res.status, res.text.slice(0, 200)).toBe(400);
      expect(res.body.problemCount).toBeGreaterThanOrEqual(90_000); // an unknown end and a missing stage each
      expect(res.body.issues).toHaveLength(MAX_PROBLEMS);
      expect(res.body.issues[0]).toEqual({ path: 'links[0].from', message: 'dispositif inconnu « inconnu-0 »' });
      const dry = await call(s.app, 'POST', `/api/import?mode=${mode}&dryRun=true`, { ...smallDataset(), links });
      expect(dry.body).toMatchObject({ valid: false, problemCount: res.body.problemCount });
      expect(dry.body.problems).toHaveLength(MAX_PROBLEMS);
    }
    // One mechanism with thousands of unknown codes: the same cap on a single write.
    const codes = Array.from({ length: 5_000 }, (_, i) => String(10_000 + i).padStart(5, '0').replace(/^0/, '9') + '');
    const write = await call(s.app, 'POST', '/api/mechanisms', { id: 'clsm-codes', kind: 'CLSM', name: 'Codes', status: 'active', territory: { communes: codes } });
    expect(write.status).toBe(400);
    expect(write.body.issues.length).toBe(MAX_PROBLEMS);
    expect(write.body.problemCount).toBeGreaterThan(MAX_PROBLEMS);
    expect(write.body.error).toMatch(/les 1000 premiers sont listés/);
    expect(await checksum(s.db, true)).toBe(before);
    expect(s.errors).toEqual([]);
  });
});

describe('arrays are not objects', () => {
  const cases: [string, (m: Record<string, unknown>) => Record<string, unknown>, string][] = [
    ['territory', (m) => ({ ...m, territory: [C.niort] }), 'territory'],
    ['dates', (m) => ({ ...m, dates: ['2015-01-01'] }), 'dates'],
    ['governance', (m) => ({ ...m, governance: [] }), 'governance'],
    ['copil', (m) => ({ ...m, governance: { copil: ['elu'] } }), 'governance.copil'],
    ['coordinator', (m) => ({ ...m, coordinators: [['coord-niort', 1]] }), 'coordinators[0]'],
  ];

  it('a territory (or any object of the format) sent as a list is refused on every write, naming the field', async () => {
    const s = await server('arrays');
    await seedSmall(s.app);
    const before = await checksum(s.db, true);
    for (const [label, change, path] of cases) {
      const created = await call(s.app, 'POST', '/api/mechanisms', change({ ...clsmNiort, id: 'clsm-liste' }));
      expect(created.status, label).toBe(400);
      expect(created.body.issues, label).toContainEqual({ path, message: expect.stringMatching(/pas une liste/) });
      const updated = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', change({ ...clsmNiort }), { 'If-Match': '1' });
      expect(updated.status, label).toBe(400);
      const merged = await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', mechanisms: [change({ ...clsmNiort })] });
      expect(merged.status, label).toBe(400);
      expect(merged.body.issues, label).toContainEqual({ path: `mechanisms[0].${path}`, message: expect.stringMatching(/pas une liste/) });
    }
    const link = await call(s.app, 'POST', '/api/links', ['contribution', 'clsm-niort', 'ptsm-79']);
    expect(link.status).toBe(400);
    const person = await call(s.app, 'PUT', '/api/people/coord-niort', ['Coordination'], { 'If-Match': '1' });
    expect(person.status).toBe(400);
    expect(await checksum(s.db, true)).toBe(before);
    // Merges still work for everyone, and the export re-imports as it is.
    expect((await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', mechanisms: [{ ...clsmNiort, name: 'CLSM de Niort (fusion)' }] })).status).toBe(200);
    const exported = (await call(s.app, 'GET', '/api/export')).body;
    expect((await call(s.app, 'POST', '/api/import?mode=replace&dryRun=true', exported)).body).toMatchObject({ valid: true, changed: false });
  });

  it('extra fields are still kept, objects and lists alike', async () => {
    const s = await server('extras');
    await seedSmall(s.app);
    const body = { ...clsmNiort, id: 'clsm-extras', territory: { communes: [C.niort], note: { source: 'INSEE' } }, dates: { start: '2015-01-01', jalons: ['2016'] }, annexes: [{ titre: 'Charte' }] };
    const created = await call(s.app, 'POST', '/api/mechanisms', body);
    expect(created.status, created.text).toBe(201);
    expect(created.body.data).toMatchObject({ territory: { note: { source: 'INSEE' } }, dates: { jalons: ['2016'] }, annexes: [{ titre: 'Charte' }] });
  });
});

describe('ids that are prototype keys', () => {
  it('a mechanism `constructor`, links `__proto__`, `toString`, `hasOwnProperty`: every view answers, the export re-imports', async () => {
    const s = await server('prototype');
    await seedSmall(s.app);
    const m = await call(s.app, 'POST', '/api/mechanisms', { id: 'constructor', kind: 'CLSM', name: 'CLSM Constructor', status: 'active', territory: { communes: [C.aiffres] }, coordinators: [{ person: 'coord-niort', fte: 0.2 }] });
    expect(m.status, m.text).toBe(201);
    for (const id of ['__proto__', 'toString', 'hasOwnProperty', 'constructor', 'valueOf']) {
      const link = await call(s.app, 'POST', '/api/links', { id, kind: 'contribution', from: 'constructor', to: 'ptsm-79' });
      expect(link.status, `${id} ${link.text}`).toBe(201);
      expect(link.body.id).toBe(id);
      if (id !== 'valueOf') expect((await call(s.app, 'DELETE', `/api/links/${encodeURIComponent(id)}`, undefined, { 'If-Match': '1' })).status).toBe(200);
    }
    const naming = ['/api/graph?people=true', '/api/graph', '/api/findings', '/api/findings?subject=constructor', '/api/ptsm/ptsm-79/avis', '/api/export?format=gexf', '/api/export?format=graphml', '/api/mechanisms?departement=79', '/api/links?mechanism=constructor', '/api/links/valueOf', '/api/audit?mechanism=constructor'];
    for (const path of [...naming, '/api/indicators', '/api/people?departement=79']) {
      const res = await call(s.app, 'GET', path);
      expect(res.status, `${path} ${res.text.slice(0, 200)}`).toBe(200);
      if (naming.includes(path)) expect(res.text.slice(0, 100_000), path).toMatch(/constructor|valueOf/);
    }
    const graph = (await call(s.app, 'GET', '/api/graph?people=true')).body;
    expect(graph.edges).toContainEqual(expect.objectContaining({ type: 'coordination', source: 'coord-niort', target: 'constructor' }));
    expect(graph.edges).toContainEqual(expect.objectContaining({ type: 'link', id: 'valueOf', source: 'constructor' }));
    const exported = (await call(s.app, 'GET', '/api/export')).body;
    expect((await call(s.app, 'POST', '/api/import?mode=replace&dryRun=true', exported)).body).toMatchObject({ valid: true, changed: false });
    expect((Object as unknown as Record<string, unknown>).previous).toBeUndefined(); // graphology once chained edges onto Object itself
    expect(s.errors).toEqual([]);
  });

  it('a person `constructor`', async () => {
    const s = await server('prototype-person');
    await seedSmall(s.app);
    expect((await call(s.app, 'POST', '/api/people', { id: 'constructor', label: 'Personne Constructor' })).status).toBe(201);
    const niort = await call(s.app, 'GET', '/api/mechanisms/clsm-niort');
    const put = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...niort.body.data, coordinators: [{ person: 'constructor', fte: 0.5 }] }, { 'If-Match': String(niort.body.version) });
    expect(put.status).toBe(200);
    for (const path of ['/api/graph?people=true', '/api/people?departement=79', '/api/export?format=gexf', '/api/export?format=graphml', '/api/audit?entity=people&id=constructor']) {
      const res = await call(s.app, 'GET', path);
      expect(res.status, `${path} ${res.text.slice(0, 200)}`).toBe(200);
      expect(res.text).toContain('constructor');
    }
    expect(s.errors).toEqual([]);
  });
});

describe('ARTICULATION_HOSTS', () => {
  it('requests for another host name get 421, whatever the path; the allowed ones are served', async () => {
    const s = await server('hosts', { auth: { allowedHosts: ['articulation.ars.example.fr', 'localhost'] } });
    const ask = (path: string, host?: string) => s.app.request(path, { headers: host === undefined ? {} : { Host: host } });
    for (const [path, host] of [
      ['/api/health', 'attaquant.example.com'],
      ['/api/mechanisms', 'attaquant.example.com:3000'],
      ['/', '127.0.0.1'],
      ['/api/health', 'articulation.ars.example.fr.evil.example'],
    ] as const) {
      const res = await ask(path, host);
      expect(res.status, `${path} ${host}`).toBe(421);
      const body = await res.json();
      expect(body.error).toMatch(/ne répond pas au nom d’hôte/);
      expect(body.issues[0].path).toBe('(en-tête Host)');
    }
    for (const host of ['articulation.ars.example.fr', 'ARTICULATION.ars.example.fr:443', 'localhost:3000']) expect((await ask('/api/health', host)).status, host).toBe(200);
    // Without a list, any host.
    const open = await server('hosts-open');
    expect((await open.app.request('/api/health', { headers: { Host: 'attaquant.example.com' } })).status).toBe(200);
  });
});

describe('the demo through the write worker', () => {
  it('imports as inline (same diff, same stored state)', async () => {
    const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
    const inline = await server('demo-inline');
    const worker = await server('demo-worker', { writeWorker: true });
    const [a, b] = await Promise.all([call(inline.app, 'POST', '/api/import', demo), call(worker.app, 'POST', '/api/import', demo)]);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect((await call(worker.app, 'GET', '/api/export')).body).toEqual((await call(inline.app, 'GET', '/api/export')).body);
  });
});
