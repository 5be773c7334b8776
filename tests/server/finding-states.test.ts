// Finding states through the API (docs/etats.md): set within scope, justifié with a reason,
// journaled and undoable, kept through recomputations and a restart (a real database file),
// reopened when the facts change and not otherwise; filters and counts agree between the findings
// list, the workbook export and the readers' pseudonymised view.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawWorkbook } from '../../model/workbook/index.ts';
import { readWorkbook } from '../../model/workbook/read.ts';
import { appInternals, createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/database.ts';
import { loadTerritories } from '../../server/territories.ts';
import { AS_OF, TEST_SCRYPT_COST, accountFor, call, makeServer, type TestServer } from './helpers.ts';
import { pdfPages, RUN_PDF_TESTS, writeTemporaryPdf } from './poppler.ts';

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as { mechanisms: { id: string; territory: unknown }[] };
const OVERLAP = 'clsm-overlap:clsm-niort+clsm-niortais';
const statePath = (id: string) => `/api/findings/${encodeURIComponent(id)}/state`;

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('finding-states');
  expect((await call(s.app, 'POST', '/api/import?mode=replace', demo)).status).toBe(200);
});
afterAll(() => s?.close());

const findings = async (query = '', auth: Record<string, string> = {}) => {
  const res = await call(s.app, 'GET', `/api/findings?asOf=${AS_OF}${query}`, undefined, auth);
  expect(res.status, res.text).toBe(200);
  return res.body as { total: number; counts: { state: Record<string, number> }; findings: { id: string; state: Record<string, any> }[] };
};
const overlap = async (auth: Record<string, string> = {}) => (await findings(`&finding=${encodeURIComponent(OVERLAP)}`, auth)).findings[0];
const mechanism = async (id: string) => (await call(s.app, 'GET', `/api/mechanisms/${id}`)).body;

async function workbookStates(query = ''): Promise<{ rows: string[]; counts: Record<string, number> }> {
  const res = await s.app.request(`/api/export/findings?asOf=${AS_OF}&format=xlsx${query}`);
  expect(res.status).toBe(200);
  const read = readWorkbook(new Uint8Array(await res.arrayBuffer()));
  if (!read.ok) throw new Error(read.problem.message);
  const book: RawWorkbook = read.workbook;
  const table = book.sheets.find((x) => x.name === 'Constats')!.rows.filter((r) => r.some((c) => c !== null));
  const column = table[0].indexOf('État');
  const summary = book.sheets.find((x) => x.name === 'États')!.rows.filter((r) => r.some((c) => c !== null)).slice(1);
  return { rows: table.slice(1).map((r) => String(r[column])), counts: Object.fromEntries(summary.map((r) => [String(r[0]), Number(r[1])])) };
}

describe('setting a finding state', () => {
  it('refuses what a client can get wrong, in French, naming the field and the value, and writes nothing', async () => {
    const before = (await call(s.app, 'GET', '/api/audit?limit=1')).body.items[0].seq;
    const noReason = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'justifie' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues).toContainEqual({ path: 'comment', message: 'un constat justifié demande un commentaire qui dit pourquoi' });
    const blank = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'justifie', comment: '   ' });
    expect(blank.status).toBe(400);
    const unknown = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'ferme' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.issues)).toContain('état inconnu « ferme »');
    const missing = await call(s.app, 'PUT', statePath('clsm-overlap:clsm-niort+clsm-bressuire'), { status: 'verifie' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('aucun constat « clsm-overlap:clsm-niort+clsm-bressuire »');
    expect((await call(s.app, 'GET', '/api/audit?limit=1')).body.items[0].seq).toBe(before);
    expect((await overlap()).state).toEqual({ status: 'a-traiter' });
  });

  it('holds scopes and roles: a reader and an officer of another département are refused, a coordinator of one subject may', async () => {
    const reader = await accountFor(s, 'lecteur');
    expect((await call(s.app, 'PUT', statePath(OVERLAP), { status: 'verifie' }, reader.auth)).status).toBe(403);
    const vienne = await accountFor(s, 'ars', { departements: ['86'] });
    const refused = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'verifie' }, vienne.auth);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('hors de votre périmètre');
    const other = await accountFor(s, 'coordinateur', { mechanisms: ['clsm-bressuire'] });
    expect((await call(s.app, 'PUT', statePath(OVERLAP), { status: 'verifie' }, other.auth)).status).toBe(403);
    expect((await overlap()).state.status).toBe('a-traiter');
    const coord = await accountFor(s, 'coordinateur', { mechanisms: ['clsm-niortais'] });
    const ok = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'verifie' }, coord.auth);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.state).toMatchObject({ status: 'verifie', version: 1 });
    // Back to « à traiter », by the same coordinator, naming the version it read.
    const cleared = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'a-traiter', version: 1 }, coord.auth);
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body.state).toEqual({ status: 'a-traiter' });
  });

  it('justifies an overlap with a reason: who and when kept, out of « à traiter » in the list, the filters, the counts and the workbook', async () => {
    const ars = await accountFor(s, 'ars', { departements: ['79'] });
    const before = await findings();
    const res = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'justifie', comment: 'Les deux CLSM se partagent Niort par quartier.' }, ars.auth);
    expect(res.status, res.text).toBe(200);
    expect(res.body.state).toMatchObject({ status: 'justifie', comment: 'Les deux CLSM se partagent Niort par quartier.', version: 1 });
    // The writer reads their write at once (another account may get the previous analysis meanwhile).
    const after = await findings('', ars.auth);
    expect(after.total).toBe(before.total);
    expect(after.counts.state.justifie).toBe(before.counts.state.justifie + 1);
    expect(after.counts.state['a-traiter']).toBe(before.counts.state['a-traiter'] - 1);
    const state = (await overlap(ars.auth)).state;
    expect(state).toMatchObject({ status: 'justifie', by: ars.account.email, version: 1 });
    expect(state.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const toDo = await findings('&state=a-traiter');
    expect(toDo.findings.map((f) => f.id)).not.toContain(OVERLAP);
    expect(toDo.total).toBe(after.counts.state['a-traiter']);
    expect((await findings('&state=justifie')).findings.map((f) => f.id)).toEqual([OVERLAP]);
    // The workbook says the same.
    const book = await workbookStates();
    expect(book.counts).toEqual({ 'À traiter': after.counts.state['a-traiter'], Vérifié: after.counts.state.verifie, Justifié: after.counts.state.justifie });
    expect(book.rows.filter((x) => x === 'Justifié')).toHaveLength(after.counts.state.justifie);
    expect((await workbookStates('&state=justifie')).rows).toEqual(['Justifié']);
  });

  it('a stale version is refused (409) with the current state', async () => {
    const stale = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'verifie' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ status: 'justifie', finding: OVERLAP });
  });

  it('readers see the state without the account that set it', async () => {
    const reader = await accountFor(s, 'lecteur');
    const state = (await overlap(reader.auth)).state;
    expect(state).toMatchObject({ status: 'justifie', comment: 'Les deux CLSM se partagent Niort par quartier.', by: null });
  });

  it('survives recomputations: an unrelated change (a name, another mechanism) leaves it justified', async () => {
    const niort = await mechanism('clsm-niort');
    const renamed = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...niort.data, name: 'CLSM de Niort (ville)', version: niort.version });
    expect(renamed.status, renamed.text).toBe(200);
    const bressuire = await mechanism('clsm-bressuire');
    expect((await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...bressuire.data, themes: ['logement'], version: bressuire.version })).status).toBe(200);
    expect((await overlap()).state.status).toBe('justifie');
  });

  it('is journaled, and undone like any write', async () => {
    const journal = await call(s.app, 'GET', `/api/audit?entity=findings&id=${encodeURIComponent(OVERLAP)}`);
    expect(journal.body.items[0]).toMatchObject({ action: 'create', entity: 'findings', entityId: OVERLAP, after: { status: 'justifie', comment: 'Les deux CLSM se partagent Niort par quartier.' } });
    expect((await call(s.app, 'GET', `/api/audit?mechanism=clsm-niortais&entity=findings`)).body.items.length).toBeGreaterThanOrEqual(1);
    // Verified on top of it, then undone: the justification is back, as it was.
    const verified = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'verifie', version: 1 });
    expect(verified.status, verified.text).toBe(200);
    const seq = (await call(s.app, 'GET', `/api/audit?entity=findings&limit=1`)).body.items[0].seq;
    const undone = await call(s.app, 'POST', `/api/audit/${seq}/undo`);
    expect(undone.status, undone.text).toBe(200);
    expect((await overlap()).state).toMatchObject({ status: 'justifie', comment: 'Les deux CLSM se partagent Niort par quartier.', version: 3 });
  });

  it('reopens when the territory changes, saying so, and counts it « à traiter » again', async () => {
    const before = await findings();
    const niort = await mechanism('clsm-niort');
    const moved = await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...niort.data, territory: { communes: ['79191', '79081'] }, version: niort.version });
    expect(moved.status, moved.text).toBe(200);
    const state = (await overlap()).state;
    expect(state.status).toBe('a-traiter');
    expect(state.reopened).toMatchObject({ status: 'justifie', comment: 'Les deux CLSM se partagent Niort par quartier.' });
    expect(state.reopened.message).toMatch(/^Le territoire du CLSM de Niort \(ville\) a changé depuis la justification du \d+ \S+ \d{4} : à revoir\.$/);
    const after = await findings();
    expect(after.counts.state.justifie).toBe(before.counts.state.justifie - 1);
    expect(after.counts.state['a-traiter']).toBe(before.counts.state['a-traiter'] + 1);
    // Justified again, on the new facts.
    const again = await call(s.app, 'PUT', statePath(OVERLAP), { status: 'justifie', comment: 'Toujours partagé par quartier, Chauray compris.', version: state.version });
    expect(again.status, again.text).toBe(200);
    expect((await overlap()).state.status).toBe('justifie');
  });
});

describe.skipIf(!RUN_PDF_TESTS)('the PDF report', () => {
  it('says each finding’s state and the counts the API gives, and has its Échéances section', async () => {
    const counts = (await findings('&departement=79')).counts.state;
    const res = await s.app.request(`/api/report/departement/79.pdf?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    const text = pdfPages(writeTemporaryPdf(new Uint8Array(await res.arrayBuffer()))).join('\n').replace(/\s+/g, ' ');
    const words = (n: number, one: string, many: string) => `${n} ${n >= 2 ? many : one}`;
    expect(text).toContain(`États : ${counts['a-traiter']} à traiter, ${words(counts.verifie, 'vérifié', 'vérifiés')}, ${words(counts.justifie, 'justifié', 'justifiés')}.`);
    expect(counts.justifie).toBeGreaterThan(0);
    expect(text).toMatch(/État : Justifié le \d+(er)? \S+ \d{4} par Administratrice des tests : Toujours partagé par quartier, Chauray compris\./);
    expect(text).toContain('Échéances');
    expect(text).toContain('Échéances et coordinations à contacter');
  });
});

describe('after a restart', () => {
  it('the states are read back from the database: the same list, the same counts', async () => {
    const before = await findings();
    const { store } = appInternals(s.app);
    await appInternals(s.app).writer.close();
    await s.db.close();
    const { db } = await openDatabase(s.where.location);
    try {
      const app = createApp({ db, territories: store.territories, today: () => AS_OF, logError: () => undefined, auth: { scryptCost: TEST_SCRYPT_COST } });
      const res = await app.request(`/api/findings?asOf=${AS_OF}`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
      const body = (await res.json()) as typeof before;
      expect(body.counts.state).toEqual(before.counts.state);
      expect(body.findings.find((f) => f.id === OVERLAP)!.state).toEqual(before.findings.find((f) => f.id === OVERLAP)!.state);
      await appInternals(app).writer.close();
    } finally {
      await db.close();
    }
    // The suite's own server is closed: reopen one for afterAll.
    const reopened = await openDatabase(s.where.location);
    s.db = reopened.db;
    s.app = createApp({ db: reopened.db, territories: loadTerritories(), today: () => AS_OF, logError: () => undefined, auth: { scryptCost: TEST_SCRYPT_COST } });
  });
});
