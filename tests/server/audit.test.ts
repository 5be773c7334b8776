// The audit trail and personal data: an entry naming the account for every write, the filters
// (account, mechanism, dates) and who may read what, undo, the erasure of a deleted person and
// of a deleted account, and the read views without personal data (public read, reader exports).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../server/app.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { ADMIN_EMAIL, C, accountFor, call, checksum, clsmBressuire, clsmNiort, coordNiort, login, makeServer, ptsm79, seedSmall, smallDataset, type TestServer } from './helpers.ts';

const POITIERS = '86194';
const clsmPoitiers = { id: 'clsm-poitiers', kind: 'CLSM', name: 'CLSM de Poitiers', status: 'active', territory: { communes: [POITIERS] } };
const jeanne = { id: 'jeanne-martin', label: 'Jeanne Martin', email: 'jeanne.martin@mairie-niort.example.fr', phone: '05 49 00 00 00', trained: false };

let s: TestServer;
beforeAll(async () => {
  s = makeServer('audit');
  await seedSmall(s.app);
  expect((await call(s.app, 'POST', '/api/mechanisms', clsmPoitiers)).status).toBe(201);
});
afterAll(() => s?.close());

const lastSeq = () => (s.db.prepare('SELECT max(seq) AS seq FROM audit').get() as { seq: number }).seq;
const entriesSince = (seq: number) =>
  (s.db.prepare('SELECT seq, action, entity, entity_id, before, after, account FROM audit WHERE seq > ? ORDER BY seq').all(seq) as { action: string; entity: string; entity_id: string; before: string | null; after: string | null; account: string | null }[]).map((e) => ({
    ...e,
    before: e.before && JSON.parse(e.before),
    after: e.after && JSON.parse(e.after),
  }));
const version = async (path: string) => String((await call(s.app, 'GET', path)).body.version);

describe('an audit entry for every write', () => {
  it('each mutating route journals its changes with the account, the action, before and after', async () => {
    const ars = accountFor(s, 'ars', { departements: ['79'] });
    const coord = accountFor(s, 'coordinateur', { mechanisms: ['clsm-niort'] });
    const steps: { who: { account: { id: number }; auth: Record<string, string> }; method: string; path: () => Promise<string> | string; body?: unknown; version?: string; expect: { action: string; entity: string; id?: string }[] }[] = [
      { who: ars, method: 'POST', path: () => '/api/mechanisms', body: { id: 'clsm-thouars', kind: 'CLSM', name: 'CLSM de Thouars', status: 'project', territory: { communes: [C.thouars] } }, expect: [{ action: 'create', entity: 'mechanisms', id: 'clsm-thouars' }] },
      { who: ars, method: 'PUT', path: () => '/api/mechanisms/clsm-thouars', body: { kind: 'CLSM', name: 'CLSM du Thouarsais', status: 'project', territory: { communes: [C.thouars] } }, version: '/api/mechanisms/clsm-thouars', expect: [{ action: 'update', entity: 'mechanisms', id: 'clsm-thouars' }] },
      { who: coord, method: 'POST', path: () => '/api/links', body: { id: 'contrib-niort', kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' }, expect: [{ action: 'create', entity: 'links', id: 'contrib-niort' }] },
      { who: coord, method: 'PUT', path: () => '/api/links/contrib-niort', body: { kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79', note: 'groupe logement' }, version: '/api/links/contrib-niort', expect: [{ action: 'update', entity: 'links', id: 'contrib-niort' }] },
      { who: coord, method: 'DELETE', path: () => '/api/links/contrib-niort', version: '/api/links/contrib-niort', expect: [{ action: 'delete', entity: 'links', id: 'contrib-niort' }] },
      { who: coord, method: 'POST', path: () => '/api/people', body: { id: 'adjointe', label: 'Coordination adjointe' }, expect: [{ action: 'create', entity: 'people', id: 'adjointe' }] },
      { who: coord, method: 'PUT', path: () => '/api/people/adjointe', body: { label: 'Coordination adjointe CLSM' }, version: '/api/people/adjointe', expect: [{ action: 'update', entity: 'people' }] },
      { who: coord, method: 'DELETE', path: () => '/api/people/adjointe', version: '/api/people/adjointe', expect: [{ action: 'delete', entity: 'people' }] },
      { who: ars, method: 'DELETE', path: () => '/api/mechanisms/clsm-thouars', version: '/api/mechanisms/clsm-thouars', expect: [{ action: 'delete', entity: 'mechanisms', id: 'clsm-thouars' }] },
      {
        who: ars,
        method: 'POST',
        path: () => '/api/import?mode=merge',
        body: { format: 'articulation/1', mechanisms: [{ ...clsmBressuire, themes: ['logement'] }] },
        expect: [
          { action: 'import', entity: 'mechanisms', id: 'clsm-bressuire' },
          { action: 'import', entity: 'dataset' },
        ],
      },
      {
        who: ars,
        method: 'POST',
        path: async () => `/api/audit/${lastSeq() - 1}/undo`,
        expect: [{ action: 'undo', entity: 'mechanisms', id: 'clsm-bressuire' }],
      },
      { who: { account: s.admin, auth: {} }, method: 'POST', path: () => '/api/import?mode=replace', body: { ...smallDataset(), title: 'Deux-Sèvres et Vienne', mechanisms: [...(smallDataset().mechanisms as object[]), clsmPoitiers] }, expect: [{ action: 'import', entity: 'dataset' }] },
    ];
    for (const step of steps) {
      const path = await step.path();
      const before = lastSeq();
      const headers: Record<string, string> = { ...step.who.auth };
      if (step.version) headers['If-Match'] = await version(step.version);
      const res = await call(s.app, step.method, path, step.body, headers);
      expect(res.status, `${step.method} ${path} ${res.text}`).toBeLessThan(300);
      const entries = entriesSince(before);
      expect(entries.length, `${step.method} ${path}`).toBeGreaterThanOrEqual(step.expect.length);
      for (const e of entries) expect(e.account, `${step.method} ${path}`).toBe(String(step.who.account.id));
      for (const wanted of step.expect) expect(entries.some((e) => e.action === wanted.action && e.entity === wanted.entity && (wanted.id === undefined || e.entity_id === wanted.id)), `${step.method} ${path} ${JSON.stringify(wanted)}`).toBe(true);
      const main = entries.find((e) => e.entity !== 'dataset');
      if (!main) continue; // an import that only changed the dataset's fields
      if (step.method === 'POST' && main.action === 'create') expect(main).toMatchObject({ before: null, after: res.body.data });
      if (step.method === 'PUT') expect(main.after).toEqual(res.body.data);
      if (step.method === 'DELETE') expect(main.after).toBeNull();
    }
  });

  it('account and token changes are journaled too, never with a secret', async () => {
    const before = lastSeq();
    const created = await call(s.app, 'POST', '/api/accounts', { email: 'journal@ars.example.fr', role: 'lecteur', generatePassword: true });
    await call(s.app, 'PATCH', `/api/accounts/${created.body.account.id}`, { name: 'Lecteur du journal' });
    await call(s.app, 'POST', `/api/accounts/${created.body.account.id}/password`, { generate: true });
    const session = await login(s, ADMIN_EMAIL, 'x'); // no password: refused, not journaled
    expect(session.status).toBe(401);
    const entries = entriesSince(before);
    expect(entries.map((e) => `${e.entity}:${e.action}`)).toEqual(['accounts:create', 'accounts:update', 'accounts:password']);
    expect(entries.every((e) => e.account === String(s.admin.id))).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(created.body.password);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt/);
  });
});

describe('reading the journal', () => {
  it('filters by account (number or email), mechanism (with its links) and dates', async () => {
    const ars = accountFor(s, 'ars', { departements: ['79'] }, 'filtre@ars.example.fr');
    await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...clsmNiort, themes: ['suicide'] }, { ...ars.auth, 'If-Match': await version('/api/mechanisms/clsm-niort') });
    await call(s.app, 'POST', '/api/links', { id: 'contrib-2', kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' }, ars.auth);
    const byEmail = await call(s.app, 'GET', '/api/audit?account=filtre@ars.example.fr');
    expect(byEmail.body.items.map((e: any) => `${e.entity}:${e.entityId}`)).toEqual(['links:contrib-2', 'mechanisms:clsm-niort']);
    expect(byEmail.body.items[0].account).toEqual({ id: ars.account.id, email: 'filtre@ars.example.fr', name: null });
    expect((await call(s.app, 'GET', `/api/audit?account=${ars.account.id}`)).body.items).toHaveLength(2);
    expect((await call(s.app, 'GET', '/api/audit?account=personne@nulle.part')).body.items).toEqual([]);
    const mechanism = await call(s.app, 'GET', '/api/audit?mechanism=clsm-niort&limit=1000');
    expect(mechanism.body.items.length).toBeGreaterThan(2);
    expect(mechanism.body.items.every((e: any) => (e.entity === 'mechanisms' && e.entityId === 'clsm-niort') || (e.entity === 'links' && [e.before?.from, e.before?.to, e.after?.from, e.after?.to].includes('clsm-niort')))).toBe(true);
    expect(mechanism.body.items.some((e: any) => e.entity === 'links')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(s.app, 'GET', `/api/audit?account=${ars.account.id}&from=${today}&to=${today}`)).body.items).toHaveLength(2);
    expect((await call(s.app, 'GET', `/api/audit?account=${ars.account.id}&from=${tomorrow}`)).body.items).toHaveLength(0);
    expect((await call(s.app, 'GET', `/api/audit?account=${ars.account.id}&to=${yesterday}`)).body.items).toHaveLength(0);
    const reversed = await call(s.app, 'GET', `/api/audit?from=${today}&to=${yesterday}`);
    expect(reversed.status).toBe(400);
    expect((await call(s.app, 'GET', '/api/audit?from=2025-02-30')).status).toBe(400);
  });

  it('administrators read everything; an ARS officer their scope and own writes; others are refused', async () => {
    const ars = accountFor(s, 'ars', { departements: ['79'] });
    const vienne = accountFor(s, 'ars', { departements: ['86'] });
    await call(s.app, 'PUT', '/api/mechanisms/clsm-poitiers', { ...clsmPoitiers, themes: ['jeunes'] }, { ...vienne.auth, 'If-Match': await version('/api/mechanisms/clsm-poitiers') });
    const seen = await call(s.app, 'GET', '/api/audit?limit=1000', undefined, ars.auth);
    expect(seen.status).toBe(200);
    const items = seen.body.items as any[];
    expect(items.length).toBeGreaterThan(5);
    expect(items.some((e) => e.entityId === 'clsm-niort')).toBe(true);
    expect(items.some((e) => e.entityId === 'clsm-poitiers')).toBe(false);
    expect(items.some((e) => ['accounts', 'tokens', 'dataset'].includes(e.entity))).toBe(false);
    const theirs = await call(s.app, 'GET', '/api/audit?limit=1000', undefined, vienne.auth);
    expect((theirs.body.items as any[]).every((e) => e.entityId === 'clsm-poitiers' || e.account?.id === vienne.account.id)).toBe(true);
    expect((theirs.body.items as any[]).some((e) => e.entityId === 'clsm-poitiers')).toBe(true);
    // Paging a scoped view: pages never overlap and never skip.
    const first = await call(s.app, 'GET', '/api/audit?limit=3', undefined, ars.auth);
    const second = await call(s.app, 'GET', `/api/audit?limit=3&before=${first.body.next}`, undefined, ars.auth);
    expect([...first.body.items, ...second.body.items].map((e: any) => e.seq)).toEqual(items.slice(0, 6).map((e) => e.seq));
    for (const role of ['coordinateur', 'lecteur'] as const) {
      const res = await call(s.app, 'GET', '/api/audit', undefined, accountFor(s, role, role === 'coordinateur' ? { mechanisms: ['clsm-niort'] } : {}).auth);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/réservé aux administrateurs et aux agents d’ARS/);
    }
  });
});

describe('undo', () => {
  it('puts a record back as before its last change, journaled as an undo; refuses when it changed since', async () => {
    const v = await version('/api/mechanisms/clsm-bressuire');
    const original = (await call(s.app, 'GET', '/api/mechanisms/clsm-bressuire')).body.data;
    await call(s.app, 'PUT', '/api/mechanisms/clsm-bressuire', { ...original, name: 'Bressuire modifié' }, { 'If-Match': v });
    const entry = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-bressuire&limit=1')).body.items[0];
    expect(entry.latest).toBe(true);
    const undone = await call(s.app, 'POST', `/api/audit/${entry.seq}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.record.data).toEqual(original);
    const journal = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-bressuire&limit=1')).body.items[0];
    expect(journal).toMatchObject({ action: 'undo', undoOf: entry.seq, before: { name: 'Bressuire modifié' }, after: { name: original.name } });
    // The entry is no longer the record's last change, and says so.
    const history = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-bressuire&limit=2')).body.items;
    expect(history.map((e: { seq: number; latest: boolean }) => [e.seq, e.latest])).toEqual([
      [journal.seq, true],
      [entry.seq, false],
    ]);
    const again = await call(s.app, 'POST', `/api/audit/${entry.seq}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/seule sa dernière modification peut être annulée/);
    // Undoing the undo redoes.
    expect((await call(s.app, 'POST', `/api/audit/${journal.seq}/undo`)).body.record.data.name).toBe('Bressuire modifié');
  });

  it('undoes a creation (deletes) and a deletion (recreates); refuses what links or checks forbid', async () => {
    await call(s.app, 'POST', '/api/mechanisms', { id: 'cpts-sud', kind: 'CPTS', name: 'CPTS Sud', status: 'active', territory: { communes: [C.aiffres] } });
    const created = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=cpts-sud&limit=1')).body.items[0];
    expect((await call(s.app, 'POST', `/api/audit/${created.seq}/undo`)).status).toBe(200);
    expect((await call(s.app, 'GET', '/api/mechanisms/cpts-sud')).status).toBe(404);
    const removal = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=cpts-sud&limit=1')).body.items[0];
    expect(removal).toMatchObject({ action: 'undo', after: null });
    expect((await call(s.app, 'POST', `/api/audit/${removal.seq}/undo`)).status).toBe(200);
    expect((await call(s.app, 'GET', '/api/mechanisms/cpts-sud')).body.data.name).toBe('CPTS Sud');
    // A record changed outside the journal's view (a cascade) no longer matches: 409, nothing written.
    await call(s.app, 'POST', '/api/links', { id: 'lien-cpts', kind: 'articulation', from: 'cpts-sud', to: 'clsm-niort' });
    const undoCreate = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=cpts-sud&limit=1')).body.items[0];
    const before = checksum(s.db, true);
    const linked = await call(s.app, 'POST', `/api/audit/${undoCreate.seq}/undo`);
    expect(linked.status).toBe(409); // undoing the recreation would delete a mechanism that links point to
    expect(checksum(s.db, true)).toBe(before);
    expect((await call(s.app, 'POST', '/api/audit/999999/undo')).status).toBe(404);
    // An account's or a token's entry is not a record's change (an import's step is undone whole: workbook-import.test.ts).
    const token = (await call(s.app, 'GET', '/api/audit?entity=tokens&limit=1')).body.items[0];
    const refused = await call(s.app, 'POST', `/api/audit/${token.seq}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^seule la modification d’un dispositif, d’une personne ou d’un lien peut être annulée/);
  });
});

describe('erasure of a deleted person', () => {
  it('the journal keeps a pseudonym and nothing else of them; the database file holds none of their data', async () => {
    expect((await call(s.app, 'POST', '/api/people', jeanne)).status).toBe(201);
    await call(s.app, 'PUT', '/api/people/jeanne-martin', { ...jeanne, phone: '06 00 00 00 00' }, { 'If-Match': '1' });
    const niort = await call(s.app, 'GET', '/api/mechanisms/clsm-niort');
    await call(s.app, 'PUT', '/api/mechanisms/clsm-niort', { ...niort.body.data, coordinators: [...niort.body.data.coordinators, { person: 'jeanne-martin', fte: 0.3 }] }, { 'If-Match': String(niort.body.version) });
    const deleted = await call(s.app, 'DELETE', '/api/people/jeanne-martin?cascade=true', undefined, { 'If-Match': '2' });
    expect(deleted.status).toBe(200);
    const pseudonym = deleted.body.deleted.data.id;
    expect(pseudonym).toMatch(/^personne-effacee-[0-9a-f]{12}$/);
    expect(deleted.body.deleted.data).toEqual({ id: pseudonym, label: 'Personne effacée' });
    expect(deleted.body.cascaded.mechanisms).toEqual(['clsm-niort']);

    const entries = (await call(s.app, 'GET', `/api/audit?entity=people&id=${pseudonym}`)).body.items;
    expect(entries.map((e: any) => e.action)).toEqual(['delete', 'update', 'create']);
    for (const e of entries) for (const state of [e.before, e.after]) if (state) expect(state).toEqual({ id: pseudonym, label: 'Personne effacée' });
    const mechanismEntries = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-niort&limit=2')).body.items;
    expect(mechanismEntries[0].before.coordinators.map((c: any) => c.person)).toEqual(['coord-niort', pseudonym]);
    expect(mechanismEntries[1].after.coordinators.map((c: any) => c.person)).toEqual(['coord-niort', pseudonym]);
    expect((await call(s.app, 'GET', '/api/audit?entity=people&id=jeanne-martin')).body.items).toEqual([]);

    // Nothing of her anywhere: tables, journal, and the bytes of the database file.
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(s.dir, 'articulation.sqlite'));
    for (const trace of ['jeanne-martin', 'Jeanne Martin', 'jeanne.martin@mairie-niort.example.fr', '05 49 00 00 00', '06 00 00 00 00']) {
      expect(file.includes(Buffer.from(trace)), trace).toBe(false);
    }
    // Her deletion cannot be undone: her data is gone.
    const undo = await call(s.app, 'POST', `/api/audit/${entries[0].seq}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error).toMatch(/effacée/);
  });

  it('a person removed by an import is erased as well', async () => {
    await call(s.app, 'POST', '/api/import?mode=merge', { format: 'articulation/1', people: [{ id: 'paul-durand', label: 'Paul Durand', email: 'paul.durand@example.fr' }] });
    const dataset = (await call(s.app, 'GET', '/api/export')).body;
    await call(s.app, 'POST', '/api/import?mode=replace', { ...dataset, people: dataset.people.filter((p: any) => p.id !== 'paul-durand') });
    const journal = JSON.stringify(s.db.prepare('SELECT * FROM audit').all());
    expect(journal).not.toContain('Paul Durand');
    expect(journal).not.toContain('paul.durand@example.fr');
    expect(journal).not.toContain('"paul-durand"');
  });

  it('a deleted account is named by its number only in the journal', async () => {
    const made = await call(s.app, 'POST', '/api/accounts', { email: 'agent.parti@ars.example.fr', name: 'Agent Parti', role: 'ars', scope: { departements: ['79'] } });
    const id = made.body.account.id;
    const token = appInternals(s.app).auth.accounts.createToken(id, 'script', 5, null).token;
    await call(s.app, 'POST', '/api/people', { label: 'Écrite par l’agent parti' }, { Authorization: `Bearer ${token}` });
    expect((await call(s.app, 'DELETE', `/api/accounts/${id}`)).status).toBe(200);
    expect((await call(s.app, 'GET', '/api/mechanisms', undefined, { Authorization: `Bearer ${token}` })).status).toBe(401);
    const written = (await call(s.app, 'GET', `/api/audit?account=${id}`)).body.items;
    expect(written.length).toBeGreaterThan(0);
    expect(written[0].account).toEqual({ id, email: null, name: null });
    const journal = JSON.stringify(s.db.prepare('SELECT * FROM audit').all());
    expect(journal).not.toContain('agent.parti@ars.example.fr');
    expect(journal).not.toContain('Agent Parti');
  });
});

describe('read views without personal data', () => {
  let pub: TestServer;
  beforeAll(async () => {
    pub = makeServer('public', { auth: { publicRead: true } });
    const doc = smallDataset();
    await call(pub.app, 'POST', '/api/import?mode=replace', { ...doc, people: [coordNiort, jeanne], mechanisms: (doc.mechanisms as any[]).map((m) => (m.id === 'clsm-niort' ? { ...m, coordinators: [{ person: 'coord-niort', fte: 0.5 }, { person: 'jeanne-martin', fte: 0.5 }] } : m)) });
  });
  afterAll(() => pub?.close());
  const anonymous = async (path: string, init?: RequestInit) => {
    const res = await pub.request(path, init);
    const text = await res.text();
    return { status: res.status, text, body: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const traces = ['Jeanne Martin', 'jeanne-martin', 'jeanne.martin@', 'Coordination CLSM Niort', 'coord-niort', '05 49'];

  it('anonymous visitors read mechanisms, links, findings, graph, indicators and export, with pseudonyms', async () => {
    const pseudonyms = new Set<string>();
    for (const path of ['/api/mechanisms', '/api/mechanisms/clsm-niort', '/api/links', `/api/findings?asOf=2025-06-01`, '/api/graph?people=true&asOf=2025-06-01', '/api/indicators', '/api/ptsm/ptsm-79/avis', '/api/export', '/api/export?format=gexf', '/api/export?format=graphml', '/api/dataset', '/api/rules']) {
      const res = await anonymous(path);
      expect(res.status, path).toBe(200);
      for (const trace of traces) expect(res.text.includes(trace), `${path} : ${trace}`).toBe(false);
      for (const match of res.text.matchAll(/personne-[0-9a-f]{12}/g)) pseudonyms.add(match[0]);
    }
    expect(pseudonyms.size).toBe(2); // the same two pseudonyms everywhere
    const findings = (await anonymous('/api/findings?asOf=2025-06-01&rule=clsm-coordinator-untrained')).body.findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^Personne [0-9A-F]{12}, qui coordonne le CLSM de Niort/);
    const exported = (await anonymous('/api/export')).body;
    expect(validateDataset(exported, loadTerritories()).ok).toBe(true);
    expect(exported.people.every((p: any) => p.email === undefined && p.phone === undefined && /^Personne /.test(p.label))).toBe(true);
    // Signed-in users see the names.
    const full = await call(pub.app, 'GET', '/api/findings?asOf=2025-06-01&rule=clsm-coordinator-untrained');
    expect(full.body.findings[0].message).toMatch(/^Jeanne Martin, qui coordonne/);
  });

  it('anonymous visitors get no people, no journal, no accounts, and cannot write', async () => {
    for (const path of ['/api/people', '/api/people/coord-niort', '/api/audit', '/api/accounts', '/api/auth/tokens']) expect((await anonymous(path)).status, path).toBe(401);
    const before = checksum(pub.db, true);
    for (const [method, path] of [
      ['POST', '/api/mechanisms'],
      ['PUT', '/api/mechanisms/clsm-niort'],
      ['DELETE', '/api/links/pec-niort'],
      ['POST', '/api/import?mode=merge'],
    ]) {
      expect((await anonymous(path, { method, headers: { 'Content-Type': 'application/json', 'If-Match': '1' }, body: JSON.stringify(ptsm79) })).status, `${method} ${path}`).toBe(401);
    }
    expect(checksum(pub.db, true)).toBe(before);
    expect((await anonymous('/api/auth/me')).body).toMatchObject({ authenticated: false, publicRead: true });
  });

  it('readers never read people’s names, e-mail or phone: the same pseudonyms as their exports, everywhere', async () => {
    const reader = accountFor(pub, 'lecteur');
    const pseudonyms = new Set<string>();
    const paths = ['/api/people', '/api/mechanisms', '/api/mechanisms/clsm-niort', '/api/links', '/api/findings?asOf=2025-06-01', '/api/graph?people=true&asOf=2025-06-01', '/api/indicators', '/api/ptsm/ptsm-79/avis', '/api/export', '/api/export?format=gexf', '/api/export?format=graphml'];
    for (const path of paths) {
      const res = await call(pub.app, 'GET', path, undefined, reader.auth);
      expect(res.status, path).toBe(200);
      for (const trace of traces) expect(res.text.includes(trace), `${path} : ${trace}`).toBe(false);
      for (const match of res.text.matchAll(/personne-[0-9a-f]{12}/g)) pseudonyms.add(match[0]);
    }
    expect(pseudonyms.size).toBe(2);
    const readerExport = await call(pub.app, 'GET', '/api/export', undefined, reader.auth);
    expect(readerExport.headers.get('x-personal-data')).toBe('pseudonymised');
    // The people list and each person are the export's pseudonymised people.
    const people = (await call(pub.app, 'GET', '/api/people', undefined, reader.auth)).body.items.map((r: any) => r.data);
    expect(people).toEqual(readerExport.body.people);
    const one = await call(pub.app, 'GET', `/api/people/${people[0].id}`, undefined, reader.auth);
    expect(one.body.data).toEqual(people[0]);
    expect((await call(pub.app, 'GET', '/api/people/jeanne-martin', undefined, reader.auth)).status).toBe(404);
    const findings = (await call(pub.app, 'GET', '/api/findings?asOf=2025-06-01&rule=clsm-coordinator-untrained', undefined, reader.auth)).body.findings;
    expect(findings[0].message).toMatch(/^Personne [0-9A-F]{12}, qui coordonne le CLSM de Niort/);
    // Those who write see them.
    const editor = accountFor(pub, 'ars', { departements: ['79'] });
    const editorExport = await call(pub.app, 'GET', '/api/export', undefined, editor.auth);
    expect(editorExport.headers.get('x-personal-data')).toBeNull();
    expect(editorExport.body.people.find((p: any) => p.id === 'jeanne-martin')).toEqual(jeanne);
    expect((await call(pub.app, 'GET', '/api/people/jeanne-martin', undefined, editor.auth)).body.data.email).toBe(jeanne.email);
  });
});
