// GET /api/echeances and its workbook: what is due on a territory, contacts as the role allows.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../model/workbook/read.ts';
import { accountFor, call, makeServer, type TestServer } from './helpers.ts';

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as { people: { id: string; email?: string }[] };
const AS_OF = '2026-12-07';

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('echeances');
  // A coordinator reachable by email, to see who may read it.
  const ptsmCoordinator = demo.people.find((p) => p.id === 'coord-ptsm')!;
  ptsmCoordinator.email = 'coordination.ptsm@exemple.fr';
  expect((await call(s.app, 'POST', '/api/import?mode=replace', demo)).status).toBe(200);
});
afterAll(() => s?.close());

describe('échéances', () => {
  it('lists the coming and passed dates of a département, with the coordinators and their contact details for an officer', async () => {
    const res = await call(s.app, 'GET', `/api/echeances?asOf=${AS_OF}&departement=79`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.until).toBe('2027-06-07');
    expect(res.body.upcoming.filter((d: any) => d.kind === 'avis-a-recueillir')).toHaveLength(4);
    const fiveYears = res.body.passed.find((d: any) => d.kind === 'ptsm-cinq-ans');
    expect(fiveYears.contacts).toContainEqual(expect.objectContaining({ person: 'coord-ptsm', email: 'coordination.ptsm@exemple.fr' }));
  });

  it('gives readers the same dates, the coordinators under pseudonyms and without contact details', async () => {
    const reader = await accountFor(s, 'lecteur');
    const res = await call(s.app, 'GET', `/api/echeances?asOf=${AS_OF}&departement=79`, undefined, reader.auth);
    expect(res.status).toBe(200);
    const fiveYears = res.body.passed.find((d: any) => d.kind === 'ptsm-cinq-ans');
    expect(fiveYears.contacts.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain('coordination.ptsm@exemple.fr');
    expect(fiveYears.contacts[0].label).toMatch(/^Personne [0-9A-F]{12}$/);
  });

  it('refuses a bad horizon in French, and exports the same rows as a workbook', async () => {
    const bad = await call(s.app, 'GET', '/api/echeances?months=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.issues)).toContain('doit être au moins 1');
    const json = (await call(s.app, 'GET', `/api/echeances?asOf=${AS_OF}`)).body;
    const file = await s.app.request(`/api/export/echeances?asOf=${AS_OF}&format=xlsx`);
    expect(file.status).toBe(200);
    const read = readWorkbook(new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) throw new Error(read.problem.message);
    const rows = read.workbook.sheets[0].rows.filter((r) => r.some((c) => c !== null));
    expect(rows[0].slice(0, 3)).toEqual(['Date', 'Passée', 'Échéance']);
    expect(rows.length - 1).toBe(json.upcoming.length + json.passed.length);
  });
});
