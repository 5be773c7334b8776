// The place and theme questions over HTTP: coverage by commune, place search, « which mechanisms
// cover this place », the theme matrix, the perimeters, and the mechanism list's theme and place
// filters. French 400 / 404 for what a client may send; documented in OpenAPI.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C, call, makeServer, type TestServer } from './helpers.ts';

let s: TestServer;
const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
const SAINT_MAIXENT = '79270';

beforeAll(async () => {
  s = await makeServer('places');
  expect((await call(s.app, 'POST', '/api/import', demo)).status).toBe(200);
  // A CLSM on Saint-Maixent-l'École, working on housing.
  const created = await call(s.app, 'POST', '/api/mechanisms', { id: 'clsm-saint-maixent', kind: 'CLSM', name: 'CLSM de Saint-Maixent', status: 'active', territory: { communes: [SAINT_MAIXENT] }, themes: ['Logement'], dates: { start: '2022-01-01' } });
  expect(created.status).toBe(201);
});
afterAll(() => s?.close());

describe('GET /api/coverage', () => {
  it('counts per commune and kind, with zones blanches; cached with an ETag', async () => {
    const res = await call(s.app, 'GET', '/api/coverage?departement=79&asOf=2025-06-01');
    expect(res.status).toBe(200);
    const cov = res.body;
    expect(cov.communes.length).toBeGreaterThan(250);
    const at = cov.communes.indexOf(SAINT_MAIXENT);
    expect(cov.counts.CLSM[at]).toBe(1);
    expect(cov.counts.PTSM[at]).toBeGreaterThanOrEqual(1);
    expect(cov.byKind.CLSM.uncovered.count).toBe(cov.counts.CLSM.filter((n: number) => n === 0).length);
    const ind = (await call(s.app, 'GET', '/api/indicators?level=departement&departement=79&asOf=2025-06-01')).body;
    expect(cov.byKind.CLSM.coveredPopulation).toBe(ind.areas[0].coverage.CLSM.count);
    const again = await call(s.app, 'GET', '/api/coverage?departement=79&asOf=2025-06-01', undefined, { 'If-None-Match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
    // Before the CLSM started.
    const before = (await call(s.app, 'GET', '/api/coverage?departement=79&asOf=2021-06-01')).body;
    expect(before.counts.CLSM[at]).toBe(0);
  });

  it('refuses an unknown département or a bad date, in French', async () => {
    const bad = await call(s.app, 'GET', '/api/coverage?departement=7Z&asOf=2025-02-30');
    expect(bad.status).toBe(400);
    const messages = bad.body.issues.map((i: { message: string }) => i.message).join(' | ');
    expect(messages).toMatch(/département inconnu « 7Z »/);
    expect(messages).toMatch(/« 2025-02-30 » n'est pas une date valide/);
  });
});

describe('place search and « which mechanisms cover this place »', () => {
  it('« 79400 » is a postal code; its mechanisms include Saint-Maixent’s CLSM and cover its eight communes', async () => {
    const search = await call(s.app, 'GET', '/api/places?q=79400');
    expect(search.status).toBe(200);
    expect(search.body.results[0]).toMatchObject({ type: 'code-postal', code: '79400', communes: 8 });
    const answer = (await call(s.app, 'GET', '/api/places/code-postal/79400/mechanisms?asOf=2025-06-01')).body;
    expect(answer.place.communes).toHaveLength(8);
    const ids = answer.mechanisms.map((m: { id: string }) => m.id);
    expect(ids).toContain('clsm-saint-maixent');
    expect(ids).toContain('ptsm-79');
    expect(ids).not.toContain('clsm-niort');
    // The commune itself gives the same mechanisms as its postal code here (the others of 79400 add none but the département-wide ones).
    const commune = (await call(s.app, 'GET', `/api/places/commune/${SAINT_MAIXENT}/mechanisms?asOf=2025-06-01`)).body;
    expect(commune.place.name).toBe("Saint-Maixent-l'École");
    expect(commune.mechanisms.map((m: { id: string }) => m.id).sort()).toEqual(ids.filter((id: string) => answer.mechanisms.find((m: { id: string; communes: string[] }) => m.id === id)!.communes.includes(SAINT_MAIXENT)).sort());
  });

  it('« st maixent » and « CA du Niortais » are found; a theme keeps those working on it', async () => {
    expect((await call(s.app, 'GET', '/api/places?q=st%20maixent')).body.results.map((r: { code: string }) => r.code)).toContain(SAINT_MAIXENT);
    const epci = (await call(s.app, 'GET', '/api/places?q=CA%20du%20Niortais')).body.results[0];
    expect(epci).toMatchObject({ type: 'epci', code: '200041317' });
    const housing = (await call(s.app, 'GET', '/api/places/epci/200041317/mechanisms?theme=Logement&asOf=2025-06-01')).body;
    expect(housing.theme).toBe('logement');
    expect(housing.mechanisms.map((m: { id: string }) => m.id).sort()).toEqual(['cls-niort-2025', 'clsm-niort']);
  });

  it('404 in French for an unknown place, 400 for an unknown type', async () => {
    const unknown = await call(s.app, 'GET', '/api/places/code-postal/99999/mechanisms');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('code postal inconnu : « 99999 »');
    expect((await call(s.app, 'GET', '/api/places/commune/99999/mechanisms')).body.error).toBe('commune inconnue : « 99999 »');
    const type = await call(s.app, 'GET', '/api/places/ville/79270/mechanisms');
    expect(type.status).toBe(400);
    expect(type.body.issues[0].message).toMatch(/type de lieu inconnu « ville »/);
    expect((await call(s.app, 'GET', '/api/places?q=')).status).toBe(400);
  });
});

describe('GET /api/themes', () => {
  it('the matrix of the Deux-Sèvres, its pairs, one theme, around a mechanism', async () => {
    const matrix = (await call(s.app, 'GET', '/api/themes?departement=79&asOf=2025-06-01')).body;
    const niort = matrix.mechanisms.find((m: { id: string }) => m.id === 'clsm-niort');
    expect(niort.themes).toEqual(['sism', 'logement', 'cas-complexes']);
    expect(matrix.themes.map((t: { id: string }) => t.id)).toContain('logement');
    expect(matrix.pairs.length).toBe(matrix.pairsTotal);
    const pair = matrix.pairs.find((p: { a: string; b: string }) => [p.a, p.b].sort().join() === ['clsm-niort', 'cls-niort-2025'].sort().join());
    expect(pair).toMatchObject({ themes: ['logement'] });
    const around = (await call(s.app, 'GET', '/api/themes?mechanism=clsm-saint-maixent&theme=logement&asOf=2025-06-01')).body;
    expect(around.around.name).toBe('CLSM de Saint-Maixent');
    expect(around.mechanisms.map((m: { id: string }) => m.id)).toEqual(['clsm-saint-maixent']);
    const missing = await call(s.app, 'GET', '/api/themes?mechanism=inconnu');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('aucun dispositif « inconnu »');
  });
});

describe('GET /api/perimeters and the mechanism list’s filters', () => {
  it('every mechanism of the territory with its communes', async () => {
    const p = (await call(s.app, 'GET', '/api/perimeters?departement=79')).body;
    const clsm = p.mechanisms.find((m: { id: string }) => m.id === 'clsm-saint-maixent');
    expect(clsm.communes.map((i: number) => p.communes[i])).toEqual([SAINT_MAIXENT]);
  });

  it('?place= and ?theme= on /api/mechanisms give the same mechanisms as the place answer', async () => {
    const answer = (await call(s.app, 'GET', '/api/places/code-postal/79400/mechanisms')).body;
    const list = await call(s.app, 'GET', '/api/mechanisms?place=code-postal:79400');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual(answer.mechanisms.map((m: { id: string }) => m.id).sort());
    const themed = (await call(s.app, 'GET', '/api/mechanisms?place=code-postal:79400&theme=logement')).body;
    expect(themed.items.map((r: { id: string }) => r.id)).toEqual(['clsm-saint-maixent']);
    const bad = await call(s.app, 'GET', '/api/mechanisms?place=ville:79270');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ path: 'place', message: 'lieu inconnu « ville:79270 » (attendu : commune:CODE, epci:SIREN ou code-postal:CODE)' });
  });

  it('is documented in the OpenAPI page', async () => {
    const spec = (await call(s.app, 'GET', '/api/openapi.json')).body;
    for (const path of ['/api/coverage', '/api/themes', '/api/perimeters', '/api/places', '/api/places/{type}/{code}/mechanisms']) expect(Object.keys(spec.paths), path).toContain(path);
  });
});
