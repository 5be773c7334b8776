// Derived routes (findings, avis, indicators, graph), reference routes (rules, territories),
// health, OpenAPI and docs, unknown routes and the built client.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../model/rules/registry.ts';
import { appInternals, createApp } from '../../server/app.ts';
import { loadTerritories } from '../../server/territories.ts';
import { AS_OF, C, call, clsmBressuire, makeServer, seedSmall, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('analysis');
  await seedSmall(s.app);
});
afterAll(() => s?.close());

describe('findings', () => {
  it('are computed from the stored state, most severe first, with counts', async () => {
    const res = await call(s.app, 'GET', `/api/findings?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dataVersion: 1, asOf: AS_OF, offset: 0 });
    expect(res.body.total).toBe(res.body.findings.length);
    expect(res.body.total).toBeGreaterThan(0);
    const rules = new Set(res.body.findings.map((f: any) => f.rule));
    // clsm-bressuire gave no avis on the PTSM adopted in 2021; clsm-niort did.
    expect(res.body.findings).toContainEqual(expect.objectContaining({ rule: 'ptsm-avis-missing', subjects: ['clsm-bressuire', 'ptsm-79'], severity: 'error' }));
    expect(res.body.findings.some((f: any) => f.rule === 'ptsm-avis-missing' && f.subjects.includes('clsm-niort'))).toBe(false);
    expect(rules.size).toBeGreaterThan(1);
    const order = ['error', 'warning', 'info'];
    const ranks = res.body.findings.map((f: any) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const sum = Object.values(res.body.counts.severity as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBe(res.body.total);
    // The rules run without texts; the response writes them for the findings it returns.
    for (const f of res.body.findings) {
      expect(f.id).toBe(`${f.rule}:${f.subjects.length ? f.subjects.join('+') : f.departements.join('+')}`);
      expect(f.message).toMatch(/\S{3}/);
      expect(f.fix.message).toMatch(/\S{3}/);
      expect(typeof f.reference).toBe('string');
    }
  });

  it('filter by rule, severity, category, subject, département, région; page with limit/offset', async () => {
    const all = (await call(s.app, 'GET', '/api/findings')).body;
    const byRule = (await call(s.app, 'GET', '/api/findings?rule=ptsm-avis-missing')).body;
    expect(byRule.findings.every((f: any) => f.rule === 'ptsm-avis-missing')).toBe(true);
    expect(byRule.total).toBe(all.findings.filter((f: any) => f.rule === 'ptsm-avis-missing').length);
    const errors = (await call(s.app, 'GET', '/api/findings?severity=error')).body;
    expect(errors.findings.every((f: any) => f.severity === 'error')).toBe(true);
    const governance = (await call(s.app, 'GET', '/api/findings?category=governance,overlap')).body;
    expect(governance.findings.every((f: any) => ['governance', 'overlap'].includes(f.category))).toBe(true);
    const subject = (await call(s.app, 'GET', '/api/findings?subject=clsm-bressuire')).body;
    expect(subject.total).toBeGreaterThan(0);
    expect(subject.findings.every((f: any) => f.subjects.includes('clsm-bressuire'))).toBe(true);
    expect((await call(s.app, 'GET', '/api/findings?departement=79')).body.total).toBe(all.total);
    expect((await call(s.app, 'GET', '/api/findings?region=75')).body.total).toBe(all.total);
    expect((await call(s.app, 'GET', '/api/findings?departement=86')).body.total).toBe(0);
    const page = (await call(s.app, 'GET', '/api/findings?limit=2&offset=1')).body;
    expect(page.findings).toEqual(all.findings.slice(1, 3));
    expect(page.total).toBe(all.total);
  });

  it('400 on bad parameters', async () => {
    for (const q of ['asOf=2025-02-30', 'asOf=hier', 'rule=nope', 'severity=fatal', 'category=x', 'departement=999', 'region=1', 'limit=100000']) {
      const res = await call(s.app, 'GET', `/api/findings?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.issues.length, q).toBeGreaterThan(0);
    }
  });

  it('are cached per data version and query (ETag, 304), and invalidated by a write', async () => {
    const stats = appInternals(s.app).analysis.stats;
    const first = await call(s.app, 'GET', '/api/findings?asOf=2024-01-01');
    const runs = stats.ruleRuns;
    const second = await call(s.app, 'GET', '/api/findings?asOf=2024-01-01');
    expect(stats.ruleRuns).toBe(runs);
    expect(second.text).toBe(first.text);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"1-/);
    const notModified = await s.app.request('/api/findings?asOf=2024-01-01', { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);

    const before = first.body.findings.filter((f: any) => f.rule === 'ptsm-avis-missing').length;
    const link = await call(s.app, 'POST', '/api/links', { kind: 'avis', from: 'clsm-bressuire', to: 'ptsm-79', stage: 'projet', date: '2021-05-01' });
    expect(link.status).toBe(201);
    const after = await call(s.app, 'GET', '/api/findings?asOf=2024-01-01');
    expect(stats.ruleRuns).toBe(runs + 1);
    expect(after.body.dataVersion).toBe(2);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.findings.filter((f: any) => f.rule === 'ptsm-avis-missing').length).toBe(before - 1);
    const stale = await s.app.request('/api/findings?asOf=2024-01-01', { headers: { 'If-None-Match': etag } });
    expect(stale.status).toBe(200);
    await call(s.app, 'DELETE', `/api/links/${link.body.id}`, undefined, { 'If-Match': '1' });
  });
});

describe('compression', () => {
  it('large cached responses are gzip-compressed once for clients that accept it', async () => {
    const path = `/api/indicators?level=departement&departement=79&uncoveredLimit=1000&asOf=${AS_OF}`;
    const plain = await call(s.app, 'GET', path);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.text.length).toBeGreaterThan(8 * 1024);
    const first = await s.app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('vary')).toMatch(/Accept-Encoding/);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes.length).toBeLessThan(plain.text.length / 3);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(plain.body);
    const second = Buffer.from(await (await s.app.request(path, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer());
    expect(second.equals(bytes)).toBe(true);
  });

  it('large lists and territories are compressed; small ones and refusals are not', async () => {
    const territory = await s.app.request('/api/territories/79', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(territory.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(await territory.arrayBuffer())).toString('utf8'));
    expect(body).toMatchObject({ code: '79', type: 'departement' });
    expect(body.communes.length).toBeGreaterThan(200);
    const refused = await s.app.request('/api/territories/79', { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect((await refused.json()).code).toBe('79');
    const small = await s.app.request('/api/mechanisms?limit=1', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect((await small.json()).items).toHaveLength(1);
  });
});

describe('avis checklist', () => {
  it('lists every CLSM expected to give an avis, by stage, with completion', async () => {
    const res = await call(s.app, 'GET', `/api/ptsm/ptsm-79/avis?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.body.ptsm).toMatchObject({ id: 'ptsm-79', adopted: '2021-06-09' });
    const rows = Object.fromEntries(res.body.rows.map((r: any) => [r.clsm.id, r.stages]));
    expect(rows['clsm-niort'].projet).toMatchObject({ state: 'received', link: { date: '2021-03-15', opinion: 'favorable' } });
    expect(rows['clsm-bressuire'].projet).toMatchObject({ state: 'missing', due: '2021-06-09' });
    expect(rows['clsm-niort'].diagnostic.state).toBe('missing');
    expect(res.body.totals.projet).toMatchObject({ expected: 2, received: 1, missing: 1 });
    expect(res.body.completion).toBe(25);
  });

  it('a CLSM created after the adoption is not required, with the reason', async () => {
    const created = await call(s.app, 'POST', '/api/mechanisms', { id: 'clsm-thouars', kind: 'CLSM', name: 'CLSM de Thouars', status: 'active', territory: { communes: [C.thouars] }, dates: { start: '2023-01-01' } });
    expect(created.status).toBe(201);
    const res = await call(s.app, 'GET', `/api/ptsm/ptsm-79/avis?asOf=${AS_OF}`);
    const row = res.body.rows.find((r: any) => r.clsm.id === 'clsm-thouars');
    expect(row.stages.projet).toMatchObject({ state: 'not-required', reason: expect.stringContaining('non actif') });
    await call(s.app, 'DELETE', '/api/mechanisms/clsm-thouars', undefined, { 'If-Match': '1' });
  });

  it('404 for an unknown id or a mechanism that is not a PTSM; 400 for a bad date', async () => {
    expect((await call(s.app, 'GET', '/api/ptsm/nope/avis')).status).toBe(404);
    const notPtsm = await call(s.app, 'GET', '/api/ptsm/clsm-niort/avis');
    expect(notPtsm.status).toBe(404);
    expect(notPtsm.body.error).toMatch(/n'est pas un PTSM/);
    expect((await call(s.app, 'GET', '/api/ptsm/ptsm-79/avis?asOf=2025-13-01')).status).toBe(400);
  });
});

describe('indicators', () => {
  it('by région (default) and by département', async () => {
    const region = await call(s.app, 'GET', `/api/indicators?asOf=${AS_OF}`);
    expect(region.status).toBe(200);
    expect(region.body.level).toBe('region');
    expect(region.body.areas.map((a: any) => a.code)).toEqual(['75']);
    const dep = await call(s.app, 'GET', `/api/indicators?level=departement&departement=79&asOf=${AS_OF}&uncoveredLimit=5`);
    expect(dep.status).toBe(200);
    const area = dep.body.areas[0];
    expect(area).toMatchObject({ level: 'departement', code: '79', name: 'Deux-Sèvres', activeClsm: 2 });
    expect(area.coverage.CLSM.percent).toBeGreaterThan(0);
    expect(area.coverage.CLSM.percent).toBeLessThan(100);
    // Both denominators: over the CLSMs whose COPIL is known, and over all active CLSMs.
    expect(area.clsmUsersAndCarers).toMatchObject({ count: 1, known: 1, active: 2, unknown: 1, percentOfKnown: 100, percentOfActive: 50 });
    expect(area.avis.ptsms.map((a: any) => a.ptsm)).toEqual(['ptsm-79']);
    // The avis rate is the checklist's.
    const checklist = (await call(s.app, 'GET', `/api/ptsm/ptsm-79/avis?asOf=${AS_OF}`)).body;
    expect(area.avis.ptsms[0].completion).toBe(checklist.completion);
    expect(area.avis.completion).toBe(checklist.completion);
    expect(area.uncovered.communes).toHaveLength(5);
    expect(area.uncovered.count).toBeGreaterThan(5);
    // France as a whole, an area like the others, and a yearly series of { year, asOf, france, areas }.
    expect(dep.body.france).toMatchObject({ level: 'france', code: 'FR', name: 'France', activeClsm: 2 });
    expect(dep.body.france.uncovered.communes).toHaveLength(5);
    const series = dep.body.series as { year: number; asOf: string; france: any; areas: any[] }[];
    expect(series[0]).toMatchObject({ year: 2015, asOf: '2015-12-31', france: { level: 'france' }, areas: [{ code: '79' }] });
    expect(series.at(-1)).toMatchObject({ year: 2025, asOf: AS_OF });
    expect(series.map((y) => y.areas[0].activeClsm)).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(region.body.france.level).toBe('france');
    expect(region.body.series.at(-1).areas.map((a: any) => a.code)).toEqual(['75']);
  });

  it('400 on a bad level', async () => {
    const res = await call(s.app, 'GET', '/api/indicators?level=commune');
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('level');
  });
});

describe('graph', () => {
  it('draws mechanisms with finding counts, declared links, ghost edges and people when asked', async () => {
    const res = await call(s.app, 'GET', `/api/graph?departement=79&asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    const nodes = Object.fromEntries(res.body.nodes.map((n: any) => [n.id, n]));
    expect(Object.keys(nodes).sort()).toEqual(['cls-niort', 'clsm-bressuire', 'clsm-niort', 'ptsm-79']);
    expect(nodes['clsm-bressuire']).toMatchObject({ type: 'mechanism', kind: 'CLSM', status: 'active', active: true });
    expect(nodes['clsm-bressuire'].population).toBeGreaterThan(10000);
    expect(nodes['clsm-bressuire'].findings.error).toBeGreaterThan(0);
    expect(res.body.edges).toContainEqual(expect.objectContaining({ type: 'link', id: 'pec-niort', source: 'cls-niort', target: 'ptsm-79' }));
    expect(res.body.edges).toContainEqual(expect.objectContaining({ type: 'ghost', source: 'clsm-bressuire', target: 'ptsm-79', kind: 'avis', stage: 'projet', rule: 'ptsm-avis-missing' }));
    expect(res.body.nodes.some((n: any) => n.type === 'person')).toBe(false);
    const withPeople = await call(s.app, 'GET', `/api/graph?region=75&people=true&asOf=${AS_OF}`);
    expect(withPeople.body.nodes).toContainEqual(expect.objectContaining({ id: 'coord-niort', type: 'person' }));
    expect(withPeople.body.edges).toContainEqual(expect.objectContaining({ type: 'coordination', source: 'coord-niort', target: 'clsm-niort' }));
    const elsewhere = await call(s.app, 'GET', '/api/graph?departement=86');
    expect(elsewhere.body.nodes).toEqual([]);
    expect((await call(s.app, 'GET', '/api/graph?people=maybe')).status).toBe(400);
  });
});

describe('reference routes', () => {
  it('GET /api/rules lists the catalogue with its documentation', async () => {
    const res = await call(s.app, 'GET', '/api/rules');
    expect(res.status).toBe(200);
    expect(res.body.rules).toHaveLength(RULES.length);
    for (const r of res.body.rules) {
      expect(r.docs.title.length).toBeGreaterThan(3);
      expect(r.reference.length).toBeGreaterThan(3);
      expect(['error', 'warning', 'info']).toContain(r.defaultSeverity);
    }
    expect(res.body.categories['missing-link']).toBe('Liens manquants');
  });

  it('territory search is accent-insensitive; describe gives the communes; unknown code 404', async () => {
    const search = await call(s.app, 'GET', '/api/territories/search?q=deux sevres');
    expect(search.status).toBe(200);
    expect(search.body.results[0]).toMatchObject({ type: 'departement', code: '79', name: 'Deux-Sèvres' });
    const etienne = await call(s.app, 'GET', '/api/territories/search?q=saint etienne&type=commune&limit=3');
    expect(etienne.body.results[0]).toMatchObject({ type: 'commune', name: 'Saint-Étienne' });
    expect(etienne.body.results.length).toBeLessThanOrEqual(3);
    const niort = await call(s.app, 'GET', '/api/territories/search?q=niort');
    expect(niort.body.results.map((r: any) => r.type)).toEqual(expect.arrayContaining(['commune', 'epci']));
    expect((await call(s.app, 'GET', '/api/territories/search')).status).toBe(400);
    expect((await call(s.app, 'GET', '/api/territories/search?q=')).status).toBe(400);
    expect((await call(s.app, 'GET', '/api/territories/search?q=x&type=pays')).status).toBe(400);
    const describe79 = await call(s.app, 'GET', `/api/territories/${C.niort}`);
    expect(describe79.body).toMatchObject({ type: 'commune', code: C.niort, name: 'Niort', departements: ['79'] });
    const epci = await call(s.app, 'GET', '/api/territories/200041317');
    expect(epci.body.type).toBe('epci');
    expect(epci.body.communes.length).toBeGreaterThan(10);
    expect((await call(s.app, 'GET', '/api/territories/99999')).status).toBe(404);
  });

  it('health and dataset', async () => {
    const health = await call(s.app, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok', schemaVersion: 5 });
    expect(typeof health.body.dataVersion).toBe('number');
    const dataset = await call(s.app, 'GET', '/api/dataset');
    expect(dataset.body.counts.mechanisms).toBe(4);
  });
});

describe('OpenAPI, docs and unknown routes', () => {
  it('serves an OpenAPI 3.1 document covering every route, generated from the schemas', async () => {
    const res = await call(s.app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const operations = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    for (const expected of [
      'GET /api/health',
      'GET /api/mechanisms',
      'POST /api/mechanisms',
      'GET /api/mechanisms/{id}',
      'PUT /api/mechanisms/{id}',
      'DELETE /api/mechanisms/{id}',
      'POST /api/people',
      'PUT /api/links/{id}',
      'POST /api/import',
      'GET /api/export',
      'GET /api/findings',
      'GET /api/ptsm/{id}/avis',
      'GET /api/indicators',
      'GET /api/graph',
      'GET /api/territories/search',
      'GET /api/territories/{code}',
      'GET /api/rules',
      'GET /api/audit',
      'GET /api/template.xlsx',
      'GET /api/template.ods',
      'GET /api/export/findings',
      'GET /api/export/ptsm/{id}/avis',
      'GET /api/export/indicators',
      'GET /api/export/uncovered',
    ]) {
      expect(operations).toContain(expected);
    }
    // The import takes JSON, workbooks and forms, and says so.
    expect(Object.keys(res.body.paths['/api/import'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.spreadsheet', 'text/csv', 'multipart/form-data']),
    );
    const post = res.body.paths['/api/mechanisms'].post;
    expect(post.requestBody.content['application/json'].schema.properties.kind.enum).toContain('CLSM');
    expect(res.body.paths['/api/mechanisms/{id}'].put.parameters.map((p: any) => p.name)).toContain('If-Match');
    const findings = res.body.paths['/api/findings'].get;
    expect(findings.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['asOf', 'departement', 'region', 'rule', 'severity', 'category']));
  });

  it('serves self-contained interactive docs in the DSFR look (no external script or style), with a favicon', async () => {
    const page = await call(s.app, 'GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).not.toMatch(/https?:\/\/(?!graphml)/);
    expect(page.text).toMatch(/src="\/api\/docs\/docs\.js"/);
    expect(page.text).toMatch(/<html lang="fr"/);
    expect(page.text).toContain('<h1 class="fr-h2">Documentation de l’API</h1>');
    // Every stylesheet it links is served, and the fonts the DSFR's core names.
    const styles = [...page.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    expect(styles).toContain('/api/docs/dsfr/core/core.min.css');
    for (const href of styles) {
      const res = await call(s.app, 'GET', href);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type'), href).toMatch(/^text\/css/);
    }
    const font = await s.app.request('/api/docs/dsfr/fonts/Marianne-Regular.woff2');
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    // Only the listed files: nothing else of node_modules, whatever the path.
    for (const path of ['/api/docs/dsfr/package.json', '/api/docs/dsfr/../../../package.json', '/api/docs/dsfr/dsfr.module.min.js']) expect((await call(s.app, 'GET', path)).status, path).toBe(404);
    const favicon = await s.app.request('/favicon.ico');
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toBe('image/x-icon');
    expect(page.text).toContain('<link rel="icon" href="/favicon.svg"');
    expect((await s.app.request('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const script = await call(s.app, 'GET', '/api/docs/docs.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text).toMatch(/openapi\.json/);
    expect((await call(s.app, 'GET', '/api/docs/docs.css')).status).toBe(200);
  });

  it('unknown API routes are a JSON 404 in French', async () => {
    const res = await call(s.app, 'GET', '/api/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: expect.stringContaining('route inconnue'), issues: [expect.objectContaining({ path: '(adresse)' })] });
    expect((await call(s.app, 'PATCH', '/api/mechanisms/clsm-niort', {})).status).toBe(404);
  });

  it('every answer, error or not, carries X-Content-Type-Options: nosniff', async () => {
    for (const path of ['/api/health', '/api/nothing', '/api/mechanisms/nope', '/api/findings?asOf=2025-02-30', '/api/findings', '/api/docs']) {
      expect((await call(s.app, 'GET', path)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('serves the built client with a single-page fallback, and the API beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'articulation-client-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>client</title>');
      writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
      const app = createApp({ store: appInternals(s.app).store, territories: loadTerritories(), clientDir: dir });
      expect((await call(app, 'GET', '/')).text).toMatch(/<title>client/);
      const asset = await call(app, 'GET', '/assets/app.js');
      expect(asset.text).toBe('console.log(1)');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await call(app, 'GET', '/carte/79')).text).toMatch(/<title>client/);
      expect((await call(app, 'GET', '/assets/absent.js')).status).toBe(404);
      expect((await call(app, 'GET', '/favicon.ico')).status).toBe(200);
      expect((await call(app, 'GET', '/api/health')).body.status).toBe('ok');
      expect((await call(app, 'GET', '/api/nothing')).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a client, / explains how to build it', async () => {
    const res = await call(s.app, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/npm run build/);
    expect(s.errors).toEqual([]);
  });
});

describe('access log', () => {
  it('one line per request: method, path, status, milliseconds', async () => {
    const lines: string[] = [];
    const app = createApp({ store: appInternals(s.app).store, territories: loadTerritories(), accessLog: (l) => lines.push(l) });
    await call(app, 'GET', '/api/health');
    await call(app, 'PUT', '/api/mechanisms/clsm-bressuire', clsmBressuire);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/api\/health 200 \d+\.\d ms$/);
    expect(lines[1]).toMatch(/^PUT \/api\/mechanisms\/clsm-bressuire 400 \d+\.\d ms$/);
  });
});
