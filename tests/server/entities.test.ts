// CRUD routes: success and error paths, versions (no lost update), cascades, the audit trail.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { ADMIN_EMAIL, C, call, checksum, clsmBressuire, clsmNiort, makeServer, seedSmall, type TestServer } from './helpers.ts';

let s: TestServer;
beforeEach(async () => {
  await s?.close();
  s = await makeServer('entities');
  await seedSmall(s.app);
});
afterAll(() => s?.close());

describe('mechanisms', () => {
  it('lists with total, paging and records carrying version and updatedAt', async () => {
    const res = await call(s.app, 'GET', '/api/mechanisms');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((r: any) => r.id)).toEqual(['ptsm-79', 'clsm-niort', 'clsm-bressuire', 'cls-niort']);
    expect(res.body.items[0]).toMatchObject({ id: 'ptsm-79', version: 1, data: { kind: 'PTSM', name: 'PTSM des Deux-Sèvres' } });
    expect(typeof res.body.items[0].updatedAt).toBe('string');
    const page = await call(s.app, 'GET', '/api/mechanisms?limit=2&offset=1');
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((r: any) => r.id)).toEqual(['clsm-niort', 'clsm-bressuire']);
  });

  it('filters by kind, status, département, région and accent-insensitive text', async () => {
    const ids = async (query: string) => (await call(s.app, 'GET', `/api/mechanisms?${query}`)).body.items.map((r: any) => r.id);
    expect(await ids('kind=CLSM')).toEqual(['clsm-niort', 'clsm-bressuire']);
    expect(await ids('kind=CLSM,CLS')).toEqual(['clsm-niort', 'clsm-bressuire', 'cls-niort']);
    expect(await ids('status=project')).toEqual([]);
    expect(await ids('departement=79&kind=PTSM')).toEqual(['ptsm-79']);
    expect(await ids('departement=86')).toEqual([]);
    expect(await ids('region=75&kind=CLSM')).toEqual(['clsm-niort', 'clsm-bressuire']);
    expect(await ids('q=deux sevres')).toEqual(['ptsm-79']);
    expect(await ids('q=BRESSUIRAIS')).toEqual(['clsm-bressuire']);
  });

  it('rejects bad filters with 400 and French issues', async () => {
    for (const query of ['kind=CLSMX', 'status=open', 'departement=00', 'region=99', 'limit=0', 'limit=abc', 'offset=-1']) {
      const res = await call(s.app, 'GET', `/api/mechanisms?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.issues.length, query).toBeGreaterThan(0);
      expect(res.body.error).toMatch(/invalides/);
    }
  });

  it('gets one with its ETag, 404 for an unknown id', async () => {
    const res = await call(s.app, 'GET', '/api/mechanisms/cls-niort');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body.data.extraField).toEqual({ kept: true });
    const missing = await call(s.app, 'GET', '/api/mechanisms/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: expect.stringContaining('introuvable'), issues: [] });
  });

  it('creates (201, Location, version 1), normalising the object, and audits it', async () => {
    const body = { id: 'clsm-parthenay', kind: 'CLSM', name: '  CLSM de Parthenay ', status: 'project', territory: { communes: [C.parthenay] } };
    const res = await call(s.app, 'POST', '/api/mechanisms', body);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/mechanisms/clsm-parthenay');
    expect(res.body).toMatchObject({ id: 'clsm-parthenay', version: 1, data: { name: 'CLSM de Parthenay', territory: { communes: [C.parthenay], epci: [], departements: [] } } });
    const audit = await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-parthenay');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'create', entity: 'mechanisms', entityId: 'clsm-parthenay', before: null, after: { name: 'CLSM de Parthenay' }, account: { id: s.admin.id, email: ADMIN_EMAIL } });
  });

  it('makes an id from kind and name when none is given', async () => {
    const res = await call(s.app, 'POST', '/api/mechanisms', { kind: 'CPTS', name: 'CPTS Sud Deux-Sèvres', status: 'active', territory: { communes: [C.aiffres] } });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe('cpts-cpts-sud-deux-sevres');
    const again = await call(s.app, 'POST', '/api/mechanisms', { kind: 'CPTS', name: 'CPTS Sud Deux-Sèvres', status: 'active', territory: { communes: [C.aiffres] } });
    expect(again.body.id).toBe('cpts-cpts-sud-deux-sevres-2');
  });

  it('refuses invalid mechanisms with every problem and its path', async () => {
    const res = await call(s.app, 'POST', '/api/mechanisms', { id: 'x', kind: 'CLSMX', name: '', status: 'active', territory: { communes: ['99999'] } });
    expect(res.status).toBe(400);
    const paths = res.body.issues.map((i: any) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'name', 'territory.communes[0]']));
    const territory = await call(s.app, 'POST', '/api/mechanisms', { id: 'x', kind: 'CLSM', name: 'X', status: 'active', territory: { communes: ['99999'] } });
    expect(territory.status).toBe(400);
    expect(territory.body.issues).toEqual([{ path: 'territory.communes[0]', message: expect.stringContaining('inconnu « 99999 »') }]);
    const empty = await call(s.app, 'POST', '/api/mechanisms', { id: 'x', kind: 'CLSM', name: 'X', status: 'active', territory: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0]).toMatchObject({ path: 'territory', message: expect.stringContaining('territoire vide') });
    const dates = await call(s.app, 'POST', '/api/mechanisms', { id: 'x', kind: 'CLSM', name: 'X', status: 'active', territory: { communes: [C.niort] }, dates: { start: '2024-01-01', end: '2023-01-01' } });
    expect(dates.status).toBe(400);
    expect(dates.body.issues[0].path).toBe('dates.end');
    const coordinator = await call(s.app, 'POST', '/api/mechanisms', { id: 'x', kind: 'CLSM', name: 'X', status: 'active', territory: { communes: [C.niort] }, coordinators: [{ person: 'ghost' }] });
    expect(coordinator.status).toBe(400);
    expect(coordinator.body.issues[0]).toMatchObject({ path: 'coordinators[0].person', message: expect.stringContaining('personne inconnue') });
  });

  it('dated statuses: keeps a history, refuses one out of order or disagreeing with the status, naming field and value, changing nothing', async () => {
    const history = [{ status: 'active', from: '2015-01-01' }, { status: 'dormant', from: '2024-03-01' }];
    const before = await checksum(s.db, true);
    const outOfOrder = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...clsmNiort, status: 'dormant', statusHistory: [...history].reverse(), version: 1 });
    expect(outOfOrder.status).toBe(400);
    expect(outOfOrder.body.issues).toEqual([
      { path: 'statusHistory[1].from', message: expect.stringMatching(/^historique des statuts dans le désordre : le 1er janvier 2015 précède la date de l'entrée précédente \(1er mars 2024\)/) },
      { path: 'status', message: expect.stringContaining('le statut « En sommeil » diffère de la dernière entrée') },
    ]);
    const disagrees = await call(s.app, 'POST', '/api/mechanisms', { id: 'clsm-x', kind: 'CLSM', name: 'X', status: 'active', statusHistory: history, territory: { communes: [C.niort] } });
    expect(disagrees.status).toBe(400);
    expect(disagrees.body.issues).toEqual([{ path: 'status', message: "le statut « Actif » diffère de la dernière entrée de l'historique (« En sommeil » depuis le 1er mars 2024) : le statut doit reprendre cette dernière entrée" }]);
    expect(await checksum(s.db, true)).toBe(before);
    const saved = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...clsmNiort, status: 'dormant', statusHistory: history, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ status: 'dormant', statusHistory: history });
  });

  it('refuses an id already taken (409 with the current record) or used by a person', async () => {
    const res = await call(s.app, 'POST', '/api/mechanisms', { ...clsmBressuire, name: 'Autre' });
    expect(res.status).toBe(409);
    expect(res.body.current).toMatchObject({ id: 'clsm-bressuire', version: 1 });
    const person = await call(s.app, 'POST', '/api/mechanisms', { ...clsmBressuire, id: 'coord-niort' });
    expect(person.status).toBe(400);
    expect(person.body.issues[0].path).toBe('id');
  });

  it('updates with If-Match or a version field, bumping the version; stale versions get 409 with the current state', async () => {
    const put = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: 'CLSM du Bocage' }, { 'If-Match': '"1"' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, data: { name: 'CLSM du Bocage' } });
    expect(put.headers.get('etag')).toBe('"2"');
    expect(put.body.data).not.toHaveProperty('version');

    const byField = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, status: 'dormant', version: 2 });
    expect(byField.status).toBe(200);
    expect(byField.body.version).toBe(3);

    const stale = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: 'Perdu' }, { 'If-Match': '2' });
    expect(stale.status).toBe(409);
    expect(stale.body.issues).toEqual([{ path: 'version', message: expect.stringContaining('3') }]);
    expect(stale.body.current).toMatchObject({ id: 'clsm-bressuire', version: 3, data: { status: 'dormant', name: 'CLSM du Bressuirais' } });
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-bressuire')).body.data.name).toBe('CLSM du Bressuirais');
  });

  it('requires a version on update (400), refuses contradictory or malformed ones', async () => {
    const none = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', clsmBressuire);
    expect(none.status).toBe(400);
    expect(none.body.issues[0].path).toBe('version');
    const both = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, version: 1 }, { 'If-Match': '2' });
    expect(both.status).toBe(400);
    const bad = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', clsmBressuire, { 'If-Match': '*' });
    expect(bad.status).toBe(400);
    const weak = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', clsmBressuire, { 'If-Match': 'W/"1"' });
    expect(weak.status).toBe(200);
  });

  it('404 when updating or deleting an unknown id; the id cannot change', async () => {
    expect((await call(s.app, 'PUT', '/api/mechanisms/nope', { ...clsmBressuire, id: 'nope' }, { 'If-Match': '1' })).status).toBe(404);
    expect((await call(s.app, 'DELETE', '/api/mechanisms/nope', undefined, { 'If-Match': '1' })).status).toBe(404);
    const renamed = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, id: 'other' }, { 'If-Match': '1' });
    expect(renamed.status).toBe(400);
    expect(renamed.body.issues[0].path).toBe('id');
  });

  it('an update without change keeps the version and writes nothing', async () => {
    const before = await checksum(s.db);
    const res = await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', clsmBressuire, { 'If-Match': '1' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await checksum(s.db)).toBe(before);
  });

  it('refuses a change of kind that would break existing links (409 listing them)', async () => {
    const res = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...clsmNiort, kind: 'CLS' }, { 'If-Match': '1' });
    expect(res.status).toBe(409);
    expect(res.body.links.map((l: any) => l.id)).toContain('avis--clsm-niort--ptsm-79--projet');
    expect(res.body.issues[0].path).toBe('kind');
  });

  it('refuses to delete a linked mechanism unless cascade=true, which deletes its links', async () => {
    const refused = await call(s.app, 'DELETE', '/api/mechanisms/ptsm-79', undefined, { 'If-Match': '1' });
    expect(refused.status).toBe(409);
    expect(refused.body.links.map((l: any) => l.id).sort()).toEqual(['avis--clsm-niort--ptsm-79--projet', 'pec-niort']);
    expect(refused.body.issues).toHaveLength(2);
    const done = await call(s.app, 'DELETE', '/api/mechanisms/ptsm-79?cascade=true', undefined, { 'If-Match': '1' });
    expect(done.status).toBe(200);
    expect(done.body.cascaded.links.sort()).toEqual(['avis--clsm-niort--ptsm-79--projet', 'pec-niort']);
    expect((await call(s.app, 'GET', '/api/links')).body.total).toBe(0);
    expect((await call(s.app, 'GET', '/api/mechanisms/ptsm-79')).status).toBe(404);
    const audit = await call(s.app, 'GET', '/api/audit?action=delete');
    expect(audit.body.items.map((e: any) => `${e.entity}:${e.entityId}`).sort()).toEqual(['links:avis--clsm-niort--ptsm-79--projet', 'links:pec-niort', 'mechanisms:ptsm-79']);
  });

  it('deletes with ?version= or a JSON body, and refuses a stale one', async () => {
    expect((await call(s.app, 'DELETE', '/api/mechanisms/clsm-bressuire')).status).toBe(400);
    expect((await call(s.app, 'DELETE', '/api/mechanisms/clsm-bressuire?version=2')).status).toBe(409);
    expect((await call(s.app, 'DELETE', '/api/mechanisms/clsm-bressuire', { version: 'x' })).status).toBe(400);
    expect((await call(s.app, 'DELETE', '/api/mechanisms/clsm-bressuire', 'version=1', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const res = await call(s.app, 'DELETE', '/api/mechanisms/clsm-bressuire', { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.deleted).toMatchObject({ id: 'clsm-bressuire', version: 1 });
  });
});

describe('people', () => {
  it('CRUD with versions', async () => {
    const created = await call(s.app, 'POST', '/api/people', { label: 'Coordination CLS Niort', email: 'cls@niort.example.fr' });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('coordination-cls-niort');
    const updated = await call(s.app, 'PUT', `/api/people/${created.body.id}`, { label: 'Coordination du CLS de Niort', trained: true }, { 'If-Match': '1' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, data: { id: 'coordination-cls-niort', trained: true } });
    const invalid = await call(s.app, 'PUT', `/api/people/${created.body.id}`, { label: 'X', email: 'pas-une-adresse' }, { 'If-Match': '2' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues[0].path).toBe('email');
    const deleted = await call(s.app, 'DELETE', `/api/people/${created.body.id}`, undefined, { 'If-Match': '2' });
    expect(deleted.status).toBe(200);
  });

  it('filters people through the mechanisms they coordinate', async () => {
    expect((await call(s.app, 'GET', '/api/people?kind=CLSM')).body.items.map((r: any) => r.id)).toEqual(['coord-niort']);
    expect((await call(s.app, 'GET', '/api/people?kind=PTSM')).body.items).toEqual([]);
    expect((await call(s.app, 'GET', '/api/people?q=coordination niort')).body.total).toBe(1);
  });

  it('refuses to delete a coordinator unless cascade=true, which removes it from the mechanisms', async () => {
    const refused = await call(s.app, 'DELETE', '/api/people/coord-niort', undefined, { 'If-Match': '1' });
    expect(refused.status).toBe(409);
    expect(refused.body.mechanisms.map((m: any) => m.id)).toEqual(['clsm-niort']);
    const done = await call(s.app, 'DELETE', '/api/people/coord-niort?cascade=1', undefined, { 'If-Match': '1' });
    expect(done.status).toBe(200);
    expect(done.body.cascaded.mechanisms).toEqual(['clsm-niort']);
    const clsm = await call(s.app, 'GET', '/api/mechanisms/clsm-niort');
    expect(clsm.body).toMatchObject({ version: 2, data: { coordinators: [] } });
  });
});

describe('links', () => {
  it('creates with a default id, checks the ends, filters', async () => {
    const created = await call(s.app, 'POST', '/api/links', { kind: 'avis', from: 'clsm-bressuire', to: 'ptsm-79', stage: 'projet', date: '2021-05-01' });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('avis--clsm-bressuire--ptsm-79--projet');
    const wrongEnd = await call(s.app, 'POST', '/api/links', { kind: 'avis', from: 'cls-niort', to: 'ptsm-79' });
    expect(wrongEnd.status).toBe(400);
    expect(wrongEnd.body.issues[0]).toMatchObject({ path: 'from', message: expect.stringContaining('CLSM') });
    const unknown = await call(s.app, 'POST', '/api/links', { kind: 'articulation', from: 'clsm-niort', to: 'ghost' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0]).toMatchObject({ path: 'to', message: expect.stringContaining('inconnu') });
    const self = await call(s.app, 'POST', '/api/links', { kind: 'articulation', from: 'clsm-niort', to: 'clsm-niort' });
    expect(self.status).toBe(400);
    const duplicate = await call(s.app, 'POST', '/api/links', { kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79', id: 'pec-niort' });
    expect(duplicate.status).toBe(409);
    expect((await call(s.app, 'GET', '/api/links?kind=avis')).body.total).toBe(2);
    expect((await call(s.app, 'GET', '/api/links?mechanism=cls-niort')).body.items.map((r: any) => r.id)).toEqual(['pec-niort']);
    expect((await call(s.app, 'GET', '/api/links?q=bressuirais')).body.total).toBe(1);
    expect((await call(s.app, 'GET', '/api/links?departement=79')).body.total).toBe(3);
  });

  it('avis: stores the French opinion words as the three values with the PTSM’s response; an unknown word is refused, naming it, changing nothing', async () => {
    const created = await call(s.app, 'POST', '/api/links', { kind: 'avis', from: 'clsm-bressuire', to: 'ptsm-79', stage: 'projet', date: '2021-05-01', opinion: 'Favorable avec réserves', response: 'Axe logement ajouté' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ opinion: 'favorable-reserves', response: 'Axe logement ajouté' });
    const before = await checksum(s.db, true);
    const unknown = await call(s.app, 'POST', '/api/links', { kind: 'avis', from: 'clsm-bressuire', to: 'ptsm-79', stage: 'diagnostic', opinion: 'plutôt pour' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'opinion', message: "sens d'avis inconnu « plutôt pour » (attendu : favorable, favorable avec réserves ou défavorable)" }]);
    const update = await call(s.app, 'PUT', `/api/links/${encodeURIComponent(created.body.id)}`, { ...created.body.data, opinion: 'bof', version: 1 });
    expect(update.status).toBe(400);
    expect(update.body.issues[0]).toMatchObject({ path: 'opinion', message: expect.stringContaining('« bof »') });
    const response = await call(s.app, 'POST', '/api/links', { kind: 'contribution', from: 'clsm-bressuire', to: 'ptsm-79', response: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.issues[0]).toMatchObject({ path: 'response', message: 'seul un lien « avis » a une réponse du PTSM' });
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('link ids may hold any character: they round-trip through the URL', async () => {
    const id = 'lien/spécial ?#%';
    const created = await call(s.app, 'POST', '/api/links', { id, kind: 'articulation', from: 'clsm-niort', to: 'cls-niort' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/links/${encodeURIComponent(id)}`);
    const read = await call(s.app, 'GET', `/api/links/${encodeURIComponent(id)}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(id);
    expect((await call(s.app, 'DELETE', `/api/links/${encodeURIComponent(id)}`, undefined, { 'If-Match': '1' })).status).toBe(200);
  });

  it('updates and deletes with versions', async () => {
    const res = await call(s.app, 'PUT', '/api/links/pec-niort', { kind: 'contribution', from: 'cls-niort', to: 'ptsm-79' }, { 'If-Match': '1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'pec-niort', version: 2, data: { kind: 'contribution', id: 'pec-niort' } });
    expect((await call(s.app, 'DELETE', '/api/links/pec-niort', undefined, { 'If-Match': '1' })).status).toBe(409);
    expect((await call(s.app, 'DELETE', '/api/links/pec-niort', undefined, { 'If-Match': '2' })).status).toBe(200);
  });
});

describe('edge errors', () => {
  it('415 for non-JSON bodies, 400 naming malformed JSON, 413 over the limit', async () => {
    const text = await call(s.app, 'POST', '/api/mechanisms', 'kind=CLSM', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(text.status).toBe(415);
    expect(text.body.error).toMatch(/type de contenu/);
    const none = await s.app.request('/api/people', { method: 'POST', body: '{}' });
    expect(none.status).toBe(415);
    const malformed = await call(s.app, 'POST', '/api/people', '{"label": "x",', { 'Content-Type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/JSON mal formé/);
    expect(malformed.body.issues[0].path).toBe('(corps)');
    const big = await call(s.app, 'POST', '/api/people', JSON.stringify({ label: 'x', notes: 'a'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/trop volumineux/);
    const deep = await call(s.app, 'POST', '/api/people', `{"label":"x","a":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatch(/imbriqué/);
    const notObject = await call(s.app, 'POST', '/api/people', [1, 2]);
    expect(notObject.status).toBe(400);
    const proto = await call(s.app, 'POST', '/api/people', '{"label":"x","__proto__":{"polluted":true}}');
    expect(proto.status).toBe(201);
    expect(({} as any).polluted).toBeUndefined();
    expect(s.errors).toEqual([]);
  });
});

describe('concurrency', () => {
  it('two updates with the same version: exactly one wins, the other gets 409', async () => {
    const [a, b] = await Promise.all([
      call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: 'Version A' }, { 'If-Match': '1' }),
      call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: 'Version B' }, { 'If-Match': '1' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.current).toEqual(winner.body);
    const stored = await call(s.app, 'GET', '/api/mechanisms/clsm-bressuire');
    expect(stored.body).toEqual(winner.body);
    expect((await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-bressuire&action=update')).body.items).toHaveLength(1);
  });

  it('many concurrent writers on one record: versions form a chain, no update lost', async () => {
    let version = 1;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...clsmBressuire, name: `N${i}` }, { 'If-Match': String(version) })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    version = 2;
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-bressuire')).body.version).toBe(version);
  });

  it('the stored dataset stays valid after a sequence of writes', async () => {
    await call(s.app, 'POST', '/api/links', { kind: 'articulation', from: 'clsm-bressuire', to: 'cls-niort', forms: ['copil'] });
    await call(s.app, 'DELETE', '/api/people/coord-niort?cascade=true', undefined, { 'If-Match': '1' });
    await call(s.app, 'DELETE', '/api/mechanisms/ptsm-79?cascade=true', undefined, { 'If-Match': '1' });
    const exported = await call(s.app, 'GET', '/api/export');
    expect(validateDataset(exported.body, loadTerritories()).ok).toBe(true);
  });
});
