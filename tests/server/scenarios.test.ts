// Scenarios: stored proposed changes, the state every view shows inside one, the comparison, and
// applying them through the write path. Real databases (SQLite, then PostgreSQL in the suite's
// second half).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { accountFor, C, call, checksum, makeServer, rows, seedSmall, type TestServer } from './helpers.ts';
import { pdfPages, RUN_PDF_TESTS, writeTemporaryPdf } from './poppler.ts';

let s: TestServer;
beforeEach(async () => {
  await s?.close();
  s = await makeServer('scenarios');
  await seedSmall(s.app);
  // A CLS on the Thouarsais without a CLSM: `cls-without-clsm` fires until one is created there.
  const cls = await call(s.app, 'POST', '/api/mechanisms', CLS_THOUARS);
  expect(cls.status).toBe(201);
});
afterAll(() => s?.close());

const CLS_THOUARS = { id: 'cls-thouars', kind: 'CLS', name: 'CLS du Thouarsais', status: 'active', territory: { communes: [C.thouars] }, dates: { start: '2024-01-01', signed: '2024-01-01' }, mentalHealthComponent: false };
const CLSM_THOUARS = {
  id: 'clsm-thouars',
  kind: 'CLSM',
  name: 'CLSM du Thouarsais',
  status: 'active',
  statusHistory: [{ status: 'project', from: '2025-01-01' }, { status: 'active', from: '2026-03-01' }],
  territory: { communes: [C.thouars] },
};
const createClsm = { op: 'create', kind: 'mechanisms', data: CLSM_THOUARS };
const FUTURE = '2026-06-01';

const findingIds = async (app: TestServer['app'], query = '') => ((await call(app, 'GET', `/api/findings?asOf=${FUTURE}${query}`)).body.findings as { id: string }[]).map((f) => f.id).sort();

async function newScenario(changes: unknown[], headers: Record<string, string> = {}, name = 'Un CLSM pour le Thouarsais') {
  return call(s.app, 'POST', '/api/scenarios', { name, description: 'Préparation 2026', scope: { departements: ['79'] }, changes }, headers);
}

describe('a scenario', () => {
  it('never changes the real data until applied, while every view shows its state', async () => {
    const before = await checksum(s.db, true);
    const realFindings = await findingIds(s.app);
    const created = await newScenario([createClsm]);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Un CLSM pour le Thouarsais', revision: 1, applied: null, conflicts: [], editable: true, author: { email: 'admin@tests.example.fr' } });
    expect(created.body.changes).toEqual([{ op: 'create', kind: 'mechanisms', id: 'clsm-thouars', data: expect.objectContaining({ name: 'CLSM du Thouarsais' }) }]);
    const id = created.body.id;
    expect(await checksum(s.db, true)).toBe(before);
    expect(await findingIds(s.app)).toEqual(realFindings);
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-thouars')).status).toBe(404);

    // Inside the scenario, at a future date: the CLSM is there, its CLS is no longer without one.
    const inside = await findingIds(s.app, `&scenario=${id}`);
    expect(realFindings).toContain('cls-without-clsm:cls-thouars');
    expect(inside).not.toContain('cls-without-clsm:cls-thouars');
    expect(inside).toContain('clsm-ptsm-contribution-missing:clsm-thouars+ptsm-79');
    const graph = await call(s.app, 'GET', `/api/graph?asOf=${FUTURE}&scenario=${id}`);
    expect(graph.body.nodes.map((n: { id: string }) => n.id)).toContain('clsm-thouars');
    const indicators = await call(s.app, 'GET', `/api/indicators?asOf=${FUTURE}&level=departement&scenario=${id}`);
    const real = await call(s.app, 'GET', `/api/indicators?asOf=${FUTURE}&level=departement`);
    expect(indicators.body.france.activeClsm).toBe(real.body.france.activeClsm + 1);
    // Before its planned opening (a future statusHistory entry), the CLSM is in preparation: not active yet.
    const early = await call(s.app, 'GET', `/api/indicators?asOf=2025-06-01&level=departement&scenario=${id}`);
    expect(early.body.france.activeClsm).toBe(real.body.france.activeClsm);
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('compares findings, indicators and coverage with the current data', async () => {
    const id = (await newScenario([createClsm])).body.id;
    const findings = await call(s.app, 'GET', `/api/scenarios/${id}/findings?asOf=${FUTURE}`);
    expect(findings.status).toBe(200);
    expect(findings.body.findings.resolved.map((f: { id: string }) => f.id)).toEqual(['cls-without-clsm:cls-thouars']);
    expect(findings.body.findings.resolved[0].message).toMatch(/CLS du Thouarsais/);
    expect(findings.body.findings.new.map((f: { id: string }) => f.id)).toContain('clsm-ptsm-contribution-missing:clsm-thouars+ptsm-79');
    const realCount = (await call(s.app, 'GET', `/api/findings?asOf=${FUTURE}&limit=1`)).body.total;
    expect(findings.body.findings.counts.unchanged).toBe(realCount - 1);

    const diff = await call(s.app, 'GET', `/api/scenarios/${id}/diff?asOf=${FUTURE}`);
    expect(diff.body.coverage.communes).toEqual([expect.objectContaining({ code: C.thouars, departement: '79', gained: ['CLSM'], lost: [] })]);
    expect(diff.body.coverage.population).toBeGreaterThan(10_000);
    const [france] = diff.body.indicators;
    expect(france.before.code).toBe('FR');
    expect(france.after.coverage.CLSM.count - france.before.coverage.CLSM.count).toBe(diff.body.coverage.population);
    expect(france.before.uncovered.count - france.after.uncovered.count).toBe(1);
    // The CLSM is active when the PTSM's projet is already adopted: no avis newly due for it.
    expect(diff.body.avisExpected).toEqual([]);

    // Nothing changes in the past, before the CLSM opens.
    const past = await call(s.app, 'GET', `/api/scenarios/${id}/diff?asOf=2025-06-01`);
    expect(past.body.coverage.communes).toEqual([]);
    expect(past.body.indicators[0].after.activeClsm).toBe(past.body.indicators[0].before.activeClsm);

    const workbook = await call(s.app, 'GET', `/api/scenarios/${id}/export?asOf=${FUTURE}`);
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get('content-type')).toMatch(/spreadsheetml/);
  });

  it('lists the avis a new PTSM in preparation will expect', async () => {
    const ptsm86 = { id: 'ptsm-86', kind: 'PTSM', name: 'PTSM de la Vienne', status: 'project', territory: { departements: ['86'] }, dates: { diagnosticAdopted: '2026-01-15' } };
    const clsm = { id: 'clsm-poitiers', kind: 'CLSM', name: 'CLSM de Poitiers', status: 'active', territory: { communes: ['86194'] }, dates: { start: '2020-01-01' } };
    const id = (await newScenario([{ op: 'create', kind: 'mechanisms', data: clsm }, { op: 'create', kind: 'mechanisms', data: ptsm86 }])).body.id;
    const indicators = await call(s.app, 'GET', `/api/scenarios/${id}/indicators?asOf=${FUTURE}`);
    expect(indicators.status).toBe(200);
    expect(indicators.body.avisExpected).toContainEqual({ ptsm: 'ptsm-86', ptsmName: 'PTSM de la Vienne', clsm: 'clsm-poitiers', clsmName: 'CLSM de Poitiers', stage: 'diagnostic' });
  });

  it('applying it equals making the same edits by hand: same findings, same journal entries', async () => {
    const person = { id: 'coord-thouars', label: 'Coordination CLSM Thouars', trained: false };
    const clsm = { ...CLSM_THOUARS, coordinators: [{ person: 'coord-thouars', fte: 0.5 }] };
    const link = { id: 'contrib-thouars', kind: 'contribution', from: 'clsm-thouars', to: 'ptsm-79' };
    const cls = { ...CLS_THOUARS, mentalHealthComponent: true };
    const changes = [
      { op: 'create', kind: 'people', data: person },
      { op: 'create', kind: 'mechanisms', data: clsm },
      { op: 'create', kind: 'links', data: link },
      { op: 'update', kind: 'mechanisms', id: 'cls-thouars', data: cls },
      { op: 'delete', kind: 'links', id: 'pec-niort' },
    ];
    const scenario = await newScenario(changes);
    expect(scenario.status).toBe(201);
    const inScenario = await findingIds(s.app, `&scenario=${scenario.body.id}`);
    const applied = await call(s.app, 'POST', `/api/scenarios/${scenario.body.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.written).toHaveLength(5);
    expect(applied.body.scenario.applied).toMatchObject({ by: { email: 'admin@tests.example.fr' }, dataVersion: applied.body.dataVersion });
    expect(await findingIds(s.app)).toEqual(inScenario);

    const byHand = await makeServer('scenarios-by-hand');
    try {
      await seedSmall(byHand.app);
      await call(byHand.app, 'POST', '/api/mechanisms', CLS_THOUARS);
      for (const [method, path, body] of [
        ['POST', '/api/people', person],
        ['POST', '/api/mechanisms', clsm],
        ['POST', '/api/links', link],
        ['PUT', '/api/mechanisms/cls-thouars', { ...cls, version: 1 }],
        ['DELETE', '/api/links/pec-niort?version=1', undefined],
      ] as const) {
        const res = await call(byHand.app, method, path, body);
        expect(res.status, path).toBeLessThan(300);
      }
      expect(await findingIds(s.app)).toEqual(await findingIds(byHand.app));
      const journal = async (server: TestServer) =>
        (await rows<{ action: string; entity: string; entity_id: string; before: string | null; after: string | null }>(server.db, sql`SELECT action, entity, entity_id, before, after FROM audit WHERE entity IN ('mechanisms', 'people', 'links') ORDER BY seq`)).map((r) => [r.action, r.entity, r.entity_id, r.before && JSON.parse(r.before), r.after && JSON.parse(r.after)]);
      expect(await journal(s)).toEqual(await journal(byHand));
      const exported = async (server: TestServer) => (await call(server.app, 'GET', '/api/export')).body;
      expect(await exported(s)).toEqual(await exported(byHand));
    } finally {
      await byHand.close();
    }
    // Applied scenarios are kept as they were.
    expect((await call(s.app, 'POST', `/api/scenarios/${scenario.body.id}/apply`)).status).toBe(409);
    expect((await call(s.app, 'DELETE', `/api/scenarios/${scenario.body.id}`)).status).toBe(409);
    expect((await call(s.app, 'GET', `/api/scenarios/${scenario.body.id}`)).body.applied.by.email).toBe('admin@tests.example.fr');
  });

  it('a conflict on apply lists each changed record in French and writes nothing', async () => {
    const scenario = await newScenario([createClsm, { op: 'update', kind: 'mechanisms', id: 'cls-thouars', data: { ...CLS_THOUARS, mentalHealthComponent: true } }]);
    const edited = await call(s.app, 'PUT', '/api/mechanisms/cls-thouars', { ...CLS_THOUARS, name: 'CLS du Thouarsais 2024', version: 1 });
    expect(edited.status).toBe(200);
    const listed = await call(s.app, 'GET', `/api/scenarios/${scenario.body.id}`);
    expect(listed.body.conflicts).toEqual([{ change: 1, kind: 'mechanisms', id: 'cls-thouars', message: expect.stringContaining('a été modifié depuis la préparation du scénario (version 2, le scénario part de la version 1)') }]);
    const before = await checksum(s.db, true);
    const apply = await call(s.app, 'POST', `/api/scenarios/${scenario.body.id}/apply`);
    expect(apply.status).toBe(409);
    expect(apply.body.error).toMatch(/ne peut pas être appliqué.*rien n'a été écrit/);
    expect(apply.body.issues).toEqual([{ path: 'changes[1]', message: expect.stringContaining('« CLS du Thouarsais 2024 »') }]);
    expect(await checksum(s.db, true)).toBe(before);
    expect((await call(s.app, 'GET', `/api/scenarios/${scenario.body.id}`)).body.applied).toBeNull();
  });

  it('a change refused while applying (a record created meanwhile) rolls the whole scenario back', async () => {
    const scenario = await newScenario([{ op: 'create', kind: 'people', data: { id: 'coord-x', label: 'Coordination X' } }, createClsm]);
    await call(s.app, 'POST', '/api/mechanisms', { ...CLSM_THOUARS, name: 'Un autre' });
    const before = await checksum(s.db, true);
    const apply = await call(s.app, 'POST', `/api/scenarios/${scenario.body.id}/apply`);
    expect(apply.status).toBe(409);
    expect(apply.body.issues[0].message).toMatch(/existe déjà/);
    expect(await checksum(s.db, true)).toBe(before);
    expect(s.errors).toEqual([]);
  });

  it('edits need the current revision; only the author or an administrator edits', async () => {
    const ars = await accountFor(s, 'ars', { departements: ['79'] });
    const scenario = await newScenario([createClsm], ars.auth);
    expect(scenario.status).toBe(201);
    const stale = await call(s.app, 'PUT', `/api/scenarios/${scenario.body.id}`, { name: 'Renommé', changes: [createClsm], revision: 7 }, ars.auth);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/révision 1, vous avez envoyé la révision 7/);
    const renamed = await call(s.app, 'PUT', `/api/scenarios/${scenario.body.id}`, { name: 'Renommé', scope: { departements: ['79'] }, changes: [], revision: 1 }, ars.auth);
    expect(renamed.body).toMatchObject({ name: 'Renommé', revision: 2, changes: [] });
    const colleague = await accountFor(s, 'ars', { departements: ['79'] });
    expect((await call(s.app, 'GET', `/api/scenarios/${scenario.body.id}`, undefined, colleague.auth)).status).toBe(200);
    const refused = await call(s.app, 'POST', `/api/scenarios/${scenario.body.id}/apply`, undefined, colleague.auth);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/seuls l’auteur du scénario/);
    expect((await call(s.app, 'DELETE', `/api/scenarios/${scenario.body.id}`)).status).toBe(200);
    expect((await call(s.app, 'GET', `/api/scenarios/${scenario.body.id}`)).status).toBe(404);
  });
});

describe('the comparison as a report section', () => {
  it.skipIf(!RUN_PDF_TESTS)('renders a PDF with the key figures, the findings resolved and the communes whose coverage changes', async () => {
    const id = (await newScenario([createClsm])).body.id;
    const res = await s.app.request(`/api/scenarios/${id}/report?asOf=${FUTURE}&departement=79`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfPages(writeTemporaryPdf(new Uint8Array(await res.arrayBuffer()))).join('\n').replace(/\s+/g, ' ');
    for (const expected of ['Scénario « Un CLSM pour le Thouarsais »', 'Constats levés par le scénario', 'CLS du Thouarsais', 'Nouveaux constats du scénario', 'Communes dont la couverture change', 'Thouars', 'Deux-Sèvres (79)']) {
      expect(text, expected).toContain(expected);
    }
    const reader = await accountFor(s, 'ars', { departements: ['86'] });
    expect((await call(s.app, 'GET', `/api/scenarios/${id}/report`, undefined, reader.auth)).status).toBe(404);
    // The département report in the scenario: its state, then the section on what it changes.
    const departement = await s.app.request(`/api/report/departement/79.pdf?asOf=${FUTURE}&scenario=${id}`);
    expect(departement.status).toBe(200);
    const pages = pdfPages(writeTemporaryPdf(new Uint8Array(await departement.arrayBuffer()))).join('\n').replace(/\s+/g, ' ');
    expect(pages).toContain('pas les données réelles');
    expect(pages).toContain('Constats levés par le scénario');
    expect(pages).toContain('CLSM du Thouarsais');
    expect((await call(s.app, 'GET', `/api/report/departement/79.pdf?scenario=${id}`, undefined, reader.auth)).status).toBe(404);
  });
});

describe('scope and roles inside scenarios', () => {
  it('holds the author to what they could write by hand', async () => {
    const vienne = await accountFor(s, 'ars', { departements: ['86'] });
    const outside = await newScenario([createClsm], vienne.auth);
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatch(/changement n° 1 : hors de votre périmètre/);
    const coordinator = await accountFor(s, 'coordinateur', { mechanisms: ['clsm-niort'] });
    const create = await newScenario([createClsm], coordinator.auth);
    expect(create.status).toBe(403);
    expect(create.body.error).toMatch(/ne peut ni en créer ni en supprimer/);
    // A coordinator plans changes to their own CLSM.
    const own = await newScenario([{ op: 'update', kind: 'mechanisms', id: 'clsm-niort', data: { ...(await call(s.app, 'GET', '/api/mechanisms/clsm-niort')).body.data, governance: { plenaryPerYear: 2 } } }], coordinator.auth);
    expect(own.status).toBe(201);
    const reader = await accountFor(s, 'lecteur');
    expect((await newScenario([], reader.auth)).status).toBe(403);
    expect((await s.request('/api/scenarios')).status).toBe(401);
  });

  it('shows a scenario to whom it concerns, and its state only to them', async () => {
    const deuxSevres = await accountFor(s, 'ars', { departements: ['79'] });
    const id = (await newScenario([createClsm], deuxSevres.auth)).body.id;
    const vienne = await accountFor(s, 'ars', { departements: ['86'] });
    const reader = await accountFor(s, 'lecteur');
    expect((await call(s.app, 'GET', '/api/scenarios', undefined, vienne.auth)).body.items).toEqual([]);
    expect((await call(s.app, 'GET', `/api/scenarios/${id}`, undefined, vienne.auth)).status).toBe(404);
    expect((await call(s.app, 'GET', `/api/findings?scenario=${id}`, undefined, vienne.auth)).status).toBe(404);
    expect((await call(s.app, 'GET', `/api/scenarios/${id}/diff`, undefined, vienne.auth)).status).toBe(404);
    const read = await call(s.app, 'GET', `/api/scenarios/${id}`, undefined, reader.auth);
    expect(read.status).toBe(200);
    expect(read.body.author.email).toBeNull();
    expect(read.body.editable).toBe(false);
    expect((await call(s.app, 'GET', `/api/scenarios/${id}/findings?asOf=${FUTURE}`, undefined, reader.auth)).body.findings.counts.resolved).toBe(1);
  });

  it('pseudonymises the people of a scenario for a reader', async () => {
    const id = (await newScenario([{ op: 'create', kind: 'people', data: { id: 'coord-thouars', label: 'Marie Curie', email: 'marie@example.fr' } }, { op: 'create', kind: 'mechanisms', data: { ...CLSM_THOUARS, coordinators: [{ person: 'coord-thouars', fte: 1 }] } }])).body.id;
    const reader = await accountFor(s, 'lecteur');
    const read = await call(s.app, 'GET', `/api/scenarios/${id}`, undefined, reader.auth);
    expect(read.text).not.toMatch(/Marie|marie@|coord-thouars/);
    const graph = await call(s.app, 'GET', `/api/graph?asOf=${FUTURE}&people=true&scenario=${id}`, undefined, reader.auth);
    expect(graph.status).toBe(200);
    expect(graph.text).not.toMatch(/Marie|coord-thouars/);
  });
});

describe('bad input', () => {
  it('is refused in French, naming the field and the value, with nothing stored', async () => {
    const cases: [unknown, RegExp, RegExp][] = [
      [{ changes: [] }, /^name$/, /champ obligatoire manquant/],
      [{ name: '', changes: [] }, /^name$/, /ne doit pas être vide/],
      [{ name: 'x', changes: [{ op: 'rename', kind: 'mechanisms' }] }, /^changes\[0\]\.op$/, /opération inconnue « rename »/],
      [{ name: 'x', changes: [{ op: 'create', kind: 'zones', data: {} }] }, /^changes\[0\]\.kind$/, /type de fiche inconnu « zones »/],
      [{ name: 'x', changes: [{ op: 'create', kind: 'mechanisms', data: { ...CLSM_THOUARS, territory: { communes: ['7932'] } } }] }, /^changes\[0\]\.data\.territory\.communes\[0\]$/, /« 7932 »/],
      [{ name: 'x', changes: [{ op: 'create', kind: 'mechanisms', data: { ...CLSM_THOUARS, statusHistory: [{ status: 'active', from: '2026-13-01' }] } }] }, /^changes\[0\]\.data\.statusHistory\[0\]\.from$/, /« 2026-13-01 »/],
      [{ name: 'x', changes: [{ op: 'update', kind: 'mechanisms', id: 'nope', data: {} }] }, /^changes\[0\]\.id$/, /« nope »/],
      [{ name: 'x', changes: [createClsm, createClsm] }, /^changes\[1\]\.(data\.)?id$/, /clsm-thouars/],
      [{ name: 'x', changes: [{ op: 'create', kind: 'links', data: { kind: 'avis', from: 'clsm-niort', to: 'cls-niort' } }] }, /^changes\[0\]\.data/, /PTSM/],
      [{ name: 'x', changes: 'all' }, /^changes$/, /liste/],
      [{ name: 'x', scope: { departements: ['99'] }, changes: [] }, /^scope\.departements\[0\]$/, /département inconnu « 99 »/],
    ];
    const before = (await call(s.app, 'GET', '/api/scenarios')).body.items.length;
    for (const [body, path, message] of cases) {
      const res = await call(s.app, 'POST', '/api/scenarios', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.some((i: { path: string; message: string }) => path.test(i.path) && message.test(`${i.message} ${res.body.error}`)), `${JSON.stringify(res.body)}`).toBe(true);
    }
    expect((await call(s.app, 'GET', '/api/scenarios')).body.items.length).toBe(before);
    for (const path of ['/api/findings?scenario=abc', '/api/scenarios/abc', '/api/scenarios/1/diff?asOf=2026-02-30', '/api/scenarios/1/diff?departement=00']) {
      const res = await call(s.app, 'GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.issues.length, path).toBeGreaterThan(0);
    }
    expect((await call(s.app, 'GET', '/api/findings?scenario=999')).status).toBe(404);
    expect((await call(s.app, 'POST', '/api/scenarios/999/apply')).status).toBe(404);
    expect((await call(s.app, 'POST', '/api/scenarios', '{"name": ', { 'Content-Type': 'application/json' })).status).toBe(400);
    expect(s.errors).toEqual([]);
  });
});

describe('from a file of proposed records', () => {
  it('reads an articulation/1 document as the import does, and stores its creations and modifications', async () => {
    const document = { format: 'articulation/1', mechanisms: [CLSM_THOUARS, { ...CLS_THOUARS, mentalHealthComponent: true }], people: [], links: [] };
    const res = await call(s.app, 'POST', '/api/scenarios/import?name=Projets%202026', document);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Projets 2026');
    expect(res.body.changes.map((c: { op: string; id: string }) => `${c.op} ${c.id}`).sort()).toEqual(['create clsm-thouars', 'update cls-thouars']);
    expect(res.body.changes.find((c: { op: string }) => c.op === 'update').baseVersion).toBe(1);
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-thouars')).status).toBe(404);
    const bad = await call(s.app, 'POST', '/api/scenarios/import?name=x', { ...document, mechanisms: [{ ...CLSM_THOUARS, territory: { communes: ['99999'] } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/le scénario n’est pas créé/);
    expect(bad.body.issues[0].message).toMatch(/99999/);
    const csv = 'Type;Nom;Statut;Communes\nCLSM;CLSM du Thouarsais;Actif;79329\n';
    const fromCsv = await call(s.app, 'POST', '/api/scenarios/import?name=Tableur&fileName=projets.csv', csv, { 'Content-Type': 'text/csv' });
    expect(fromCsv.status, fromCsv.text).toBe(201);
    expect(fromCsv.body.changes).toEqual([expect.objectContaining({ op: 'create', kind: 'mechanisms', data: expect.objectContaining({ name: 'CLSM du Thouarsais', territory: expect.objectContaining({ communes: [C.thouars] }) }) })]);
    expect((await call(s.app, 'POST', '/api/scenarios/import', document)).status).toBe(400);
  });
});
