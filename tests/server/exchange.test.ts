// Import (replace, merge, dry run, all or nothing) and export (JSON round-trip, GEXF, GraphML).
import { readFileSync } from 'node:fs';
import { MultiDirectedGraph, MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { C, call, checksum, clsmBressuire, makeServer, seedSmall, smallDataset, type TestServer } from './helpers.ts';

let s: TestServer;
beforeEach(async () => {
  await s?.close();
  s = await makeServer('exchange');
});
afterAll(() => s?.close());

const demo = () => JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));

describe('import', () => {
  it('replaces the dataset and reports the diff', async () => {
    const res = await call(s.app, 'POST', '/api/import', smallDataset());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, mode: 'replace', valid: true, changed: true, dataVersion: 1, problems: [] });
    expect(res.body.diff.mechanisms.created).toEqual(['ptsm-79', 'clsm-niort', 'clsm-bressuire', 'cls-niort']);
    expect(res.body.diff.links.created).toEqual(['avis--clsm-niort--ptsm-79--projet', 'pec-niort']);
    expect(res.body.diff.meta).toBe(true);
    const dataset = await call(s.app, 'GET', '/api/dataset');
    expect(dataset.body).toMatchObject({ dataVersion: 1, meta: { title: 'Deux-Sèvres (test)', scope: { departements: ['79'] }, producer: 'tests' }, counts: { mechanisms: 4, people: 1, links: 2 } });

    const smaller = smallDataset();
    smaller.mechanisms = (smaller.mechanisms as any[]).filter((m) => m.id !== 'clsm-bressuire').map((m) => (m.id === 'cls-niort' ? { ...m, status: 'dormant' } : m));
    const again = await call(s.app, 'POST', '/api/import?mode=replace', smaller);
    expect(again.body.diff.mechanisms).toEqual({ created: [], updated: ['cls-niort'], removed: ['clsm-bressuire'], unchanged: 2 });
    expect((await call(s.app, 'GET', '/api/mechanisms/cls-niort')).body.version).toBe(2);
    expect((await call(s.app, 'GET', '/api/mechanisms/ptsm-79')).body.version).toBe(1);
  });

  it('importing the same document twice changes nothing', async () => {
    await seedSmall(s.app);
    const before = await checksum(s.db);
    const res = await call(s.app, 'POST', '/api/import', smallDataset());
    expect(res.body).toMatchObject({ changed: false, dataVersion: 1 });
    expect(await checksum(s.db)).toBe(before);
  });

  it('dry run returns problems and diff without writing', async () => {
    await seedSmall(s.app);
    const before = await checksum(s.db);
    const doc = smallDataset();
    (doc.mechanisms as any[]).push({ id: 'clsm-parthenay', kind: 'CLSM', name: 'CLSM de Parthenay', status: 'active', territory: { communes: [C.parthenay] } });
    const ok = await call(s.app, 'POST', '/api/import?dryRun=true', doc);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ dryRun: true, valid: true, dataVersion: 1 });
    expect(ok.body.diff.mechanisms.created).toEqual(['clsm-parthenay']);
    const bad = { ...doc, mechanisms: [...(doc.mechanisms as any[]), { id: 'bad', kind: 'XYZ', name: 'B', status: 'active', territory: { communes: ['00000'] } }] };
    const dry = await call(s.app, 'POST', '/api/import?dryRun=true&mode=replace', bad);
    expect(dry.status).toBe(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.problems.map((p: any) => p.path)).toEqual(expect.arrayContaining(['mechanisms[5].kind', 'mechanisms[5].territory.communes[0]']));
    expect(dry.body.diff.mechanisms.created).toEqual(['clsm-parthenay', 'bad']);
    expect(await checksum(s.db)).toBe(before);
  });

  it('a real import is all or nothing: one problem and nothing is written', async () => {
    await seedSmall(s.app);
    const before = await checksum(s.db);
    const doc = smallDataset();
    (doc.links as any[]).push({ kind: 'avis', from: 'cls-niort', to: 'ptsm-79', stage: 'projet' });
    (doc.mechanisms as any[])[0] = { ...(doc.mechanisms as any[])[0], name: 'Renommé' };
    const res = await call(s.app, 'POST', '/api/import', doc);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/rien n'a été importé/);
    expect(res.body.issues).toEqual([{ path: 'links[2].from', message: expect.stringContaining('CLSM') }]);
    expect(await checksum(s.db)).toBe(before);
  });

  it('merge adds and replaces by id, keeps the rest, and reports problems at the input’s indices', async () => {
    await seedSmall(s.app);
    const res = await call(s.app, 'POST', '/api/import?mode=merge', {
      format: 'articulation/1',
      title: 'Titre fusionné',
      mechanisms: [{ ...clsmBressuire, status: 'dormant' }, { id: 'clsm-thouars', kind: 'CLSM', name: 'CLSM de Thouars', status: 'active', territory: { communes: [C.thouars] } }],
      links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-20', opinion: 'favorable' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.diff.mechanisms).toEqual({ created: ['clsm-thouars'], updated: ['clsm-bressuire'], removed: [], unchanged: 3 });
    expect(res.body.diff.links).toEqual({ created: [], updated: ['avis--clsm-niort--ptsm-79--projet'], removed: [], unchanged: 1 });
    const dataset = await call(s.app, 'GET', '/api/dataset');
    expect(dataset.body.meta).toMatchObject({ title: 'Titre fusionné', producer: 'tests', scope: { departements: ['79'] } });
    expect(dataset.body.counts).toEqual({ mechanisms: 5, people: 1, links: 2 });

    const bad = await call(s.app, 'POST', '/api/import?mode=merge&dryRun=true', {
      format: 'articulation/1',
      links: [{ kind: 'articulation', from: 'clsm-thouars', to: 'nowhere' }],
    });
    expect(bad.body.valid).toBe(false);
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: 'links[0].to' })]);
    const breaking = await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', mechanisms: [{ ...clsmBressuire, id: 'ptsm-79' }] });
    expect(breaking.status).toBe(400);
    expect(breaking.body.issues.map((i: any) => i.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^links\(« .* », déjà en base\)\.to$/)]));
  });

  it('rejects what is not a document: 400 / 415 / 413', async () => {
    const cases: [string, string, Record<string, string>, number][] = [
      ['[]', 'liste', {}, 400],
      ['"texte"', 'texte', {}, 400],
      ['{"format": "articulation/2"}', 'format', {}, 400],
      ['{"format": "articulation/1", "mechanisms": {}}', 'liste', {}, 400],
      ['{"format": ', 'JSON', {}, 400],
      ['<xml/>', 'JSON', { 'Content-Type': 'application/xml' }, 415],
    ];
    for (const [body, word, headers, status] of cases) {
      const res = await call(s.app, 'POST', '/api/import', body, { 'Content-Type': 'application/json', ...headers });
      expect(res.status, body).toBe(status);
      expect(JSON.stringify(res.body), body).toMatch(new RegExp(word));
    }
    const mode = await call(s.app, 'POST', '/api/import?mode=append', smallDataset());
    expect(mode.status).toBe(400);
    expect(mode.body.issues[0].path).toBe('mode');
    const big = await s.app.request('/api/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(21 * 1024 * 1024) },
      body: '{}',
    });
    expect(big.status).toBe(413);
    const huge = await call(s.app, 'POST', '/api/import', JSON.stringify({ format: 'articulation/1', padding: 'x'.repeat(21 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(s.errors).toEqual([]);
  });

  it('caps the number of problems returned', async () => {
    const mechanisms = Array.from({ length: 1500 }, (_, i) => ({ id: `m-${i}`, kind: 'CLSM', name: 'M', status: 'active', territory: { communes: ['00000'] } }));
    const res = await call(s.app, 'POST', '/api/import', { format: 'articulation/1', mechanisms });
    expect(res.status).toBe(400);
    expect(res.body.problemCount).toBe(1500);
    expect(res.body.issues).toHaveLength(1000);
  });
});

describe('export', () => {
  it('JSON round-trips the demo dataset: import, export, import gives the same data, with aged commune codes written as the current ones', async () => {
    const first = await call(s.app, 'POST', '/api/import', demo());
    expect(first.status).toBe(200);
    const exported = await call(s.app, 'GET', '/api/export?format=json');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="articulation-.*\.json"/);
    expect(exported.body.format).toBe('articulation/1');
    expect(exported.body.title).toBe(demo().title);
    expect(exported.body.notice).toBe(demo().notice);
    expect(exported.body.mechanisms.map((m: any) => m.id)).toEqual(demo().mechanisms.map((m: any) => m.id));
    // Codes that age (docs/format.md, « Territoires »): Montigné (79181) is exported as Celles-sur-Belle (79061); the rest as stored.
    const cpts = (body: any) => body.mechanisms.find((m: any) => m.id === 'cpts-sud-niort').territory.communes;
    expect(cpts(demo())).toEqual(['79003', '79181', '79034']);
    expect(cpts(exported.body)).toEqual(['79003', '79061', '79034']);
    // Dated statuses and the PTSM's response to an avis round-trip.
    expect(exported.body.mechanisms.find((m: any) => m.id === 'clsm-parthenay')).toMatchObject({ status: 'dormant', statusHistory: [{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }] });
    const reserved = exported.body.links.find((l: any) => l.from === 'clsm-thouars' && l.to === 'ptsm-nord-79' && l.stage === 'projet');
    expect(reserved).toMatchObject({ opinion: 'favorable-reserves', response: expect.stringContaining('crise et urgence') });

    const other = await makeServer('roundtrip');
    try {
      expect((await call(other.app, 'POST', '/api/import', exported.body)).status).toBe(200);
      const again = await call(other.app, 'GET', '/api/export');
      expect(again.body).toEqual(exported.body);
      // Re-importing the export into the first store only updates the mechanisms whose codes aged; a second time changes nothing.
      const updated = await call(s.app, 'POST', '/api/import', exported.body);
      expect(updated.body.diff.mechanisms.updated.sort()).toEqual(['cpts-gatine-vendee', 'cpts-sud-niort']);
      const noop = await call(s.app, 'POST', '/api/import', exported.body);
      expect(noop.body.changed).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('GEXF and GraphML open as graphs with the mechanisms, people, links and coordinations', async () => {
    await call(s.app, 'POST', '/api/import', demo());
    const d = demo();
    const coordinations = d.mechanisms.reduce((n: number, m: any) => n + (m.coordinators?.length ?? 0), 0);

    const gexf = await call(s.app, 'GET', '/api/export?format=gexf');
    expect(gexf.status).toBe(200);
    expect(gexf.headers.get('content-type')).toMatch(/application\/gexf\+xml/);
    const g1 = parseGexf(MultiDirectedGraph, gexf.text);
    expect(g1.order).toBe(d.mechanisms.length + d.people.length);
    expect(g1.size).toBe(d.links.length + coordinations);
    expect(g1.getNodeAttributes('ptsm-79')).toMatchObject({ label: 'PTSM des Deux-Sèvres', kind: 'PTSM', status: 'active' });

    const graphml = await call(s.app, 'GET', '/api/export?format=graphml&download=false');
    expect(graphml.status).toBe(200);
    expect(graphml.headers.get('content-disposition')).toBe('inline');
    const g2 = parseGraphml(MultiDirectedGraph, graphml.text);
    expect(g2.order).toBe(g1.order);
    expect(g2.size).toBe(g1.size);
    expect(g2.getNodeAttributes('ptsm-79')).toMatchObject({ label: 'PTSM des Deux-Sèvres', kind: 'PTSM', active: true });
    expect(typeof g2.getNodeAttributes('ptsm-79').population).toBe('number');
  });

  it('exports an empty dataset and rejects an unknown format', async () => {
    const empty = await call(s.app, 'GET', '/api/export');
    expect(empty.body).toEqual({ format: 'articulation/1', mechanisms: [], people: [], links: [] });
    const gexf = await call(s.app, 'GET', '/api/export?format=gexf');
    expect(gexf.text).toMatch(/<gexf/);
    expect(parseGexf(MultiGraph, gexf.text).order).toBe(0);
    const bad = await call(s.app, 'GET', '/api/export?format=csv');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ path: 'format', message: expect.stringContaining('csv') });
  });
});

describe('audit', () => {
  it('records imports per entity plus a summary, newest first, with paging', async () => {
    await seedSmall(s.app);
    await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: 'B2' }, { 'If-Match': '1' });
    const all = await call(s.app, 'GET', '/api/audit');
    expect(all.status).toBe(200);
    expect(all.body.items[0]).toMatchObject({ action: 'update', entity: 'mechanisms', entityId: 'clsm-bressuire', before: { name: 'CLSM du Bressuirais' }, after: { name: 'B2' }, dataVersion: 2 });
    const summary = all.body.items.find((e: any) => e.entity === 'dataset');
    expect(summary).toMatchObject({ action: 'import', after: { mode: 'replace', counts: { mechanisms: { created: 4 } } } });
    expect(all.body.items.filter((e: any) => e.action === 'import')).toHaveLength(4 + 1 + 2 + 1);
    const page = await call(s.app, 'GET', '/api/audit?limit=3');
    expect(page.body.items).toHaveLength(3);
    const next = await call(s.app, 'GET', `/api/audit?limit=3&before=${page.body.next}`);
    expect(next.body.items[0].seq).toBeLessThan(page.body.items[2].seq);
    expect((await call(s.app, 'GET', '/api/audit?entity=unknown')).status).toBe(400);
  });
});
