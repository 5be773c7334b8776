// POST /api/import with workbooks: XLSX, ODS and CSV by content type or in a form, read in the
// write worker's path, mapped automatically when every header matches, a likely match proposed
// and not applied, a mapping given back applied; problems by cell; dry run with the diff;
// nothing written until confirmed; every bad file refused in French and changing nothing.
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { runRules } from '../../model/rules/engine.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { FIXTURE_EQUIVALENT, fixtureCsv, fixtureOds, fixtureXlsx } from '../model/workbook/fixture.ts';
import { AS_OF, accountFor, C, call, checksum, makeServer, seedSmall, type TestServer } from './helpers.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODS_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

let s: TestServer;
beforeEach(async () => {
  await s?.close();
  s = await makeServer('workbook-import');
});
afterAll(() => s?.close());

/** POST a file as the body, by its content type. */
async function send(bytes: Uint8Array, type: string, query = '', headers: Record<string, string> = {}) {
  const res = await s.app.request(`/api/import${query}`, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body: bytes as Uint8Array<ArrayBuffer> });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** POST a file in a multipart form, with the assistant's fields. */
async function sendForm(bytes: Uint8Array, fileName: string, fields: Record<string, unknown> = {}, query = '') {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  for (const [name, value] of Object.entries(fields)) form.set(name, JSON.stringify(value));
  const res = await s.app.request(`/api/import${query}`, { method: 'POST', body: form });
  return { status: res.status, body: await res.json() };
}

async function xlsxOf(sheets: { name: string; rows: ExcelJS.CellValue[][] }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const findingKeys = (findings: { rule: string; subjects: string[] }[]) => findings.map((f) => `${f.rule} ${f.subjects.join(',')}`).sort();

describe('a real-shaped workbook through the API', () => {
  it('XLSX: mapped automatically, the answer says which column went to which field; the dry run writes nothing', async () => {
    const before = await checksum(s.db);
    const res = await send(await fixtureXlsx(), XLSX_TYPE, '?dryRun=true&fileName=recensement.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, mode: 'merge', valid: true, changed: true, problems: [], problemCount: 0 });
    expect(res.body.workbook.matching).toBe('automatic');
    const dispositifs = res.body.workbook.mapping.find((m: { sheet: string }) => m.sheet === 'Dispositifs 79');
    expect(dispositifs).toMatchObject({ kind: 'mechanisms', headerRow: 4 });
    expect(dispositifs.described).toEqual(expect.arrayContaining(['« Dispositif » → Type', '« Coordonnateur » → Coordination', '« Date de création » → Date de début', '« Observations » → champ libre « Observations »']));
    expect(res.body.workbook.mapping.map((m: { sheet: string }) => m.sheet)).toEqual(['Dispositifs 79', 'Avis des CLSM']);
    expect(res.body.diff.mechanisms.created).toHaveLength(6);
    expect(res.body.diff.links.created).toHaveLength(3);
    expect(res.body.workbook.counts).toMatchObject({ mechanisms: 6, links: 3, notReceived: 1 });
    expect(res.body.workbook.rows[0]).toMatchObject({ sheet: 'Dispositifs 79', row: 5, action: 'create', record: { id: 'ptsm-des-deux-sevres', kind: 'PTSM', territory: { departements: ['79'] } } });
    // What was assumed is said on the row: the PTSM's territory is its Département column.
    expect(res.body.workbook.rows[0].status).toBe('warning');
    expect(res.body.workbook.rows[0].problems[0]).toMatchObject({ severity: 'warning', column: 'Département', value: 'Deux-Sèvres' });
    expect(await checksum(s.db)).toBe(before);
  });

  it('imports as one journal step; its findings are those of the JSON equivalent; the ODS and the CSV give the same', async () => {
    const res = await send(await fixtureXlsx(), XLSX_TYPE, '?fileName=recensement.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, valid: true, changed: true, dataVersion: 1, journalEntry: expect.any(Number) });
    const findings = await call(s.app, 'GET', `/api/findings?asOf=${AS_OF}`);
    const territories = loadTerritories();
    const expected = validateDataset(FIXTURE_EQUIVALENT, territories);
    if (!expected.ok) throw new Error('fixture');
    const fromJson = runRules(new ArticulationModel(expected.dataset, territories), { asOf: AS_OF });
    expect(findings.body.findings.length).toBeGreaterThan(3);
    expect(findingKeys(findings.body.findings)).toEqual(findingKeys(fromJson));
    // One step: the import's entry, and its records' entries under the same data version.
    const step = await call(s.app, 'GET', '/api/audit?steps=true');
    const dataEntries = step.body.items.filter((e: { entity: string }) => ['dataset', 'mechanisms', 'people', 'links'].includes(e.entity));
    expect(dataEntries.map((e: { entity: string; action: string }) => `${e.entity}:${e.action}`)).toEqual(['dataset:import']);
    expect(dataEntries[0].seq).toBe(res.body.journalEntry);
    expect((await call(s.app, 'GET', `/api/audit?version=${res.body.dataVersion}&limit=100`)).body.items).toHaveLength(1 + 6 + 4 + 3);

    // The same workbook as ODS, and its Dispositifs sheet as CSV: nothing to change.
    const ods = await send(fixtureOds(), ODS_TYPE, '?dryRun=true&fileName=recensement.ods');
    expect(ods.body).toMatchObject({ valid: true, changed: false });
    expect(ods.body.diff.mechanisms).toMatchObject({ created: [], updated: [], unchanged: 6 });
    const csv = await send(fixtureCsv(), 'text/csv', '?dryRun=true&fileName=Dispositifs%2079.csv');
    expect(csv.body).toMatchObject({ valid: true, changed: false });
    expect(csv.body.workbook).toMatchObject({ format: 'csv', csv: { delimiter: ';', encoding: 'windows-1252' } });
    expect(csv.body.diff.mechanisms).toMatchObject({ created: [], updated: [], unchanged: 6 });
  });

  it('a form (the assistant’s way) carries the file, a mapping, corrections and skipped rows', async () => {
    const bytes = await xlsxOf([
      {
        name: 'Recensement',
        rows: [
          ['Type', 'Nom du conseil', 'Communes', 'Date de signature de la convention'],
          ['CLSM', 'CLSM de Niort (essai)', 'Niort', '03/12/2018'],
          ['CLSM', 'CLSM de Chauray (essai)', 'Chauray', '31/02/2019'],
          ['CLSM', 'Ligne à écarter', 'Nullepart', ''],
        ],
      },
    ]);
    // Likely matches: proposed, not applied; the answer says so and names them.
    const proposed = await sendForm(bytes, 'recensement.xlsx', {}, '?dryRun=true');
    expect(proposed.status).toBe(200);
    expect(proposed.body.valid).toBe(false);
    expect(proposed.body.workbook.matching).toBe('proposed');
    expect(proposed.body.workbook.mapping[0].described).toContain('« Nom du conseil » → Nom (proposé, à confirmer)');
    expect(proposed.body.workbook.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Recensement', column: 'Nom du conseil', message: expect.stringMatching(/^correspondance proposée : « Nom du conseil » → Nom/) }));
    // A real import of a proposal is refused, and writes nothing.
    const before = await checksum(s.db);
    const refused = await sendForm(bytes, 'recensement.xlsx');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^le classeur contient \d+ problèmes : rien n'a été importé$/);
    expect(await checksum(s.db)).toBe(before);
    // The proposal given back as the mapping: applied; the bad date and the unknown commune are cell problems.
    const mapping = proposed.body.workbook.mapping.map(({ described: _d, ...m }: { described: string[] }) => m);
    const given = await sendForm(bytes, 'recensement.xlsx', { mapping }, '?dryRun=true');
    expect(given.body.workbook.matching).toBe('given');
    expect(given.body.valid).toBe(false);
    expect(given.body.workbook.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Recensement', row: 3, column: 'Date de signature de la convention', value: '31/02/2019' }));
    expect(given.body.workbook.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Recensement', row: 4, column: 'Communes', value: 'Nullepart' }));
    expect(given.body.problems).toContainEqual(expect.objectContaining({ path: 'feuille « Recensement », ligne 3, colonne « Date de signature de la convention »', value: '31/02/2019' }));
    // Fixed and skipped in the preview: valid, then imported.
    const edits = [{ sheet: 'Recensement', row: 3, column: 'Date de signature de la convention', value: '28/02/2019' }];
    const skip = [{ sheet: 'Recensement', row: 4 }];
    const fixed = await sendForm(bytes, 'recensement.xlsx', { mapping, edits, skip }, '?dryRun=true');
    expect(fixed.body).toMatchObject({ valid: true, problems: [] });
    expect(fixed.body.diff.mechanisms.created).toEqual(['clsm-de-niort-essai', 'clsm-de-chauray-essai']);
    expect(fixed.body.workbook.counts.skipped).toBe(1);
    const done = await sendForm(bytes, 'recensement.xlsx', { mapping, edits, skip });
    expect(done.status).toBe(200);
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-de-chauray-essai')).body.data.dates).toEqual({ signed: '2019-02-28' });
  });

  it('re-importing the same sheet updates, never duplicates', async () => {
    await send(await fixtureXlsx(), XLSX_TYPE);
    const again = await send(await fixtureXlsx(), XLSX_TYPE);
    expect(again.body).toMatchObject({ valid: true, changed: false });
    expect((await call(s.app, 'GET', '/api/mechanisms?limit=100')).body.total).toBe(6);
  });
});

describe('bad files and bad parameters: a French message, nothing written', () => {
  const protectedXlsx = () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(64));
    return new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
  };

  it('corrupt, password-protected, empty files: 400 naming the file, in French', async () => {
    await seedSmall(s.app);
    const before = await checksum(s.db, true);
    const good = await fixtureXlsx();
    const cases: [Uint8Array, string, RegExp][] = [
      [good.subarray(0, 2000), XLSX_TYPE, /^fichier refusé : le fichier est illisible/],
      [protectedXlsx(), XLSX_TYPE, /^fichier refusé : le classeur est protégé par un mot de passe/],
      [new Uint8Array(0), 'text/csv', /^fichier refusé : le fichier est vide$/],
      [new Uint8Array([0, 1, 2, 3, 0, 0, 7, 8]), 'text/csv', /^fichier refusé : le fichier est illisible : ce n'est ni un classeur XLSX ou ODS valide ni un fichier CSV/],
    ];
    for (const [bytes, type, message] of cases) {
      for (const dryRun of ['true', 'false']) {
        const res = await send(bytes, type, `?dryRun=${dryRun}&fileName=essai.xlsx`);
        expect(res.status, String(message)).toBe(400);
        expect(res.body.error).toMatch(message);
        expect(res.body.issues[0].path).toBe('(fichier « essai.xlsx »)');
      }
    }
    expect(await checksum(s.db, true)).toBe(before);
    expect(s.errors).toEqual([]);
  });

  it('an empty sheet and a formula error: problems by cell, nothing written', async () => {
    await seedSmall(s.app);
    const before = await checksum(s.db, true);
    const empty = await send(await xlsxOf([{ name: 'Dispositifs', rows: [] }]), XLSX_TYPE, '?dryRun=true');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ valid: false, changed: false });
    expect(empty.body.workbook.problems.map((p: { message: string }) => p.message)).toContain('la feuille « Dispositifs » est vide');
    expect((await send(await xlsxOf([{ name: 'Dispositifs', rows: [] }]), XLSX_TYPE)).status).toBe(400);
    const formula = await xlsxOf([
      {
        name: 'Dispositifs',
        rows: [
          ['Type', 'Nom', 'Communes', 'ETP'],
          ['CLSM', 'CLSM de Thouars (essai)', 'Thouars', { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellValue],
        ],
      },
    ]);
    const res = await send(formula, XLSX_TYPE);
    expect(res.status).toBe(400);
    expect(res.body.workbook.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Dispositifs', row: 2, column: 'ETP', value: '#DIV/0!', message: expect.stringMatching(/formule/) }));
    expect(res.body.issues[0]).toEqual({ path: 'feuille « Dispositifs », ligne 2, colonne « ETP »', message: expect.stringMatching(/formule.*\(valeur « #DIV\/0! »\)$/) });
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('a problem about a whole record names it, as the JSON import does; a cell’s problem keeps its sheet, row and column', async () => {
    await seedSmall(s.app);
    const before = await checksum(s.db, true);
    const book = await xlsxOf([
      { name: 'Dispositifs', rows: [['Type', 'Nom', 'Communes', 'Statut'], ['CLSM', 'CLSM de Melle (essai)', 'Melle', 'Actif'], ['PTSM', 'PTSM des Deux-Sèvres (essai)', 'Niort', 'Sans statut']] },
      { name: 'Liens', rows: [['Type', 'De', 'Vers'], ['Avis', 'CLSM de Melle (essai)', 'PTSM des Deux-Sèvres (essai)']] },
    ]);
    const res = await send(book, XLSX_TYPE);
    expect(res.status).toBe(400);
    const stage = 'étape obligatoire pour un avis : « diagnostic » ou « projet »';
    const link = 'Lien « Avis du CLSM de Melle (essai) sur le PTSM des Deux-Sèvres (essai) »';
    expect(res.body.workbook.problems).toContainEqual({ severity: 'error', sheet: 'Liens', row: 2, record: link, message: stage });
    expect(res.body.issues).toContainEqual({ path: `${link} (feuille « Liens », ligne 2)`, message: stage });
    expect(res.body.issues).toContainEqual({ path: 'feuille « Dispositifs », ligne 3, colonne « Statut »', message: expect.stringContaining('Sans statut') });
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('wrong content type 415, bad mapping 400 naming the parameter, a mapping with a JSON document 400', async () => {
    const before = await checksum(s.db, true);
    const other = await send(new Uint8Array([1, 2, 3]), 'image/png');
    expect(other.status).toBe(415);
    expect(other.body.error).toMatch(/^type de contenu non pris en charge : « image\/png » ; envoyez un document articulation\/1/);
    const bytes = await fixtureXlsx();
    const notJson = await send(bytes, XLSX_TYPE, `?mapping=${encodeURIComponent('{oops')}`);
    expect(notJson).toMatchObject({ status: 400, body: { error: 'paramètre mapping : JSON mal formé' } });
    const unknownSheet = await send(bytes, XLSX_TYPE, `?dryRun=true&mapping=${encodeURIComponent(JSON.stringify([{ sheet: 'Feuil9', kind: 'mechanisms', columns: [] }]))}`);
    expect(unknownSheet.body.workbook.problems[0].message).toBe('correspondance des colonnes : feuille « Feuil9 » introuvable dans le classeur (feuilles : « Dispositifs 79 », « Avis des CLSM », « Notes »)');
    const badField = await send(bytes, XLSX_TYPE, `?dryRun=true&mapping=${encodeURIComponent(JSON.stringify([{ sheet: 'Dispositifs 79', kind: 'mechanisms', columns: [{ header: 'Nom', target: { field: 'nom' } }] }]))}`);
    expect(badField.body.workbook.problems[0]).toMatchObject({ sheet: 'Dispositifs 79', column: 'Nom', message: expect.stringMatching(/^correspondance des colonnes : champ inconnu « nom » pour la colonne « Nom » \(champs de la feuille Dispositifs : id \(Identifiant\), kind \(Type\)/) });
    const badShape = await send(bytes, XLSX_TYPE, `?mapping=${encodeURIComponent(JSON.stringify([{ sheet: 'Dispositifs 79', kind: 'dispositifs', columns: [] }]))}`);
    expect(badShape.status).toBe(400);
    expect(badShape.body.issues[0]).toEqual({ path: 'mapping[0].kind', message: expect.stringMatching(/^contenu inconnu « dispositifs »/) });
    const jsonWithMapping = await call(s.app, 'POST', '/api/import?mapping=%5B%5D', { format: 'articulation/1' });
    expect(jsonWithMapping.status).toBe(400);
    const noFile = new FormData();
    noFile.set('mapping', '[]');
    const form = await s.app.request('/api/import', { method: 'POST', body: noFile });
    expect(form.status).toBe(400);
    expect((await form.json()).error).toMatch(/^formulaire sans fichier/);
    expect(await checksum(s.db, true)).toBe(before);
    expect(s.errors).toEqual([]);
  });
});

describe('scope and roles, as for JSON merges', () => {
  it('a coordinator merges a workbook of its own mechanism, and is refused (403) another one’s, dry run included', async () => {
    await seedSmall(s.app);
    const coordinator = await accountFor(s, 'coordinateur', { mechanisms: ['clsm-niort'] });
    const mine = await xlsxOf([{ name: 'Dispositifs', rows: [['Identifiant', 'Type', 'Nom', 'Communes'], ['clsm-niort', 'CLSM', 'CLSM de Niort', `Niort ; Chauray`]] }]);
    // A workbook defaults to merge: allowed to a coordinator.
    const ok = await send(mine, XLSX_TYPE, '?dryRun=true', coordinator.auth);
    expect(ok.status).toBe(200);
    expect(ok.body.mode).toBe('merge');
    const theirs = await xlsxOf([{ name: 'Dispositifs', rows: [['Identifiant', 'Type', 'Nom', 'Communes'], ['clsm-bressuire', 'CLSM', 'CLSM du Bressuirais (renommé)', `Bressuire (${C.bressuire})`]] }]);
    const before = await checksum(s.db, true);
    for (const query of ['?dryRun=true', '']) expect((await send(theirs, XLSX_TYPE, query, coordinator.auth)).status).toBe(403);
    expect((await send(mine, XLSX_TYPE, '?mode=replace', coordinator.auth)).status).toBe(403);
    expect(await checksum(s.db, true)).toBe(before);
    const reader = await accountFor(s, 'lecteur');
    expect((await send(mine, XLSX_TYPE, '?dryRun=true', reader.auth)).status).toBe(403);
  });
});

describe('« Annuler l’import »: the whole import undone as one step', () => {
  const renaming = () =>
    xlsxOf([
      {
        name: 'Dispositifs',
        rows: [
          ['Identifiant', 'Type', 'Nom', 'Communes'],
          ['clsm-niort', 'CLSM', 'CLSM de Niort (renommé)', 'Niort ; Chauray'],
          [null, 'CLSM', 'CLSM de Parthenay (essai)', 'Parthenay'],
        ],
      },
    ]);

  it('reverts every record of the import in one write, journaled as one undo step', async () => {
    await seedSmall(s.app);
    const before = (await call(s.app, 'GET', '/api/export')).body;
    const imported = await send(await renaming(), XLSX_TYPE);
    expect(imported.body.diff.mechanisms).toMatchObject({ created: ['clsm-de-parthenay-essai'], updated: ['clsm-niort'] });
    const undo = await call(s.app, 'POST', `/api/audit/${imported.body.journalEntry}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ dataVersion: imported.body.dataVersion + 1, reverted: { diff: { mechanisms: { removed: ['clsm-de-parthenay-essai'], updated: ['clsm-niort'] } } } });
    expect((await call(s.app, 'GET', '/api/export')).body).toEqual(before);
    const steps = (await call(s.app, 'GET', '/api/audit?steps=true&entity=dataset')).body.items;
    expect(steps[0]).toMatchObject({ action: 'undo', undoOf: imported.body.journalEntry, seq: undo.body.reverted.journalEntry });
    // Undone once: a second undo is refused and changes nothing.
    const sum = await checksum(s.db, true);
    const again = await call(s.app, 'POST', `/api/audit/${imported.body.journalEntry}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(`cet import a déjà été annulé (entrée n° ${undo.body.reverted.journalEntry})`);
    expect(await checksum(s.db, true)).toBe(sum);
  });

  it('409 listing the records changed since, by name, and nothing undone; once those are undone, the import is', async () => {
    await seedSmall(s.app);
    const imported = await send(await renaming(), XLSX_TYPE);
    const created = (await call(s.app, 'GET', '/api/mechanisms/clsm-de-parthenay-essai')).body;
    const edit = await call(s.app, 'PUT', '/api/mechanisms/clsm-de-parthenay-essai', { ...created.data, name: 'CLSM de Parthenay (retouché)' }, { 'If-Match': String(created.version) });
    expect(edit.status).toBe(200);
    const sum = await checksum(s.db, true);
    const refused = await call(s.app, 'POST', `/api/audit/${imported.body.journalEntry}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^1 fiche a changé depuis cet import : rien n’a été annulé/);
    const latest = (await call(s.app, 'GET', '/api/audit?entity=mechanisms&id=clsm-de-parthenay-essai')).body.items[0].seq;
    expect(refused.body.issues).toEqual([{ path: 'dispositif « CLSM de Parthenay (retouché) »', message: `modifié depuis l’import (entrée n° ${latest})` }]);
    expect(refused.body.changed).toEqual([{ entity: 'mechanisms', id: 'clsm-de-parthenay-essai', name: 'CLSM de Parthenay (retouché)', entry: latest }]);
    expect(await checksum(s.db, true)).toBe(sum);
    // The later change undone first: every record is as the import left it, and the import can be undone.
    expect((await call(s.app, 'POST', `/api/audit/${latest}/undo`)).status).toBe(200);
    const undo = await call(s.app, 'POST', `/api/audit/${imported.body.journalEntry}/undo`);
    expect(undo.status).toBe(200);
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-de-parthenay-essai')).status).toBe(404);
    expect((await call(s.app, 'GET', '/api/mechanisms/clsm-niort')).body.data.name).toBe('CLSM de Niort');
  });

  it('an import that deleted people cannot be undone (their data was erased); one whose records others now need neither', async () => {
    await seedSmall(s.app);
    const replaced = await send(await xlsxOf([{ name: 'Dispositifs', rows: [['Identifiant', 'Type', 'Nom', 'Communes'], ['clsm-niort', 'CLSM', 'CLSM de Niort', 'Niort']] }]), XLSX_TYPE, '?mode=replace');
    expect(replaced.body.diff.people.removed).toEqual(['coord-niort']);
    const erased = await call(s.app, 'POST', `/api/audit/${replaced.body.journalEntry}/undo`);
    expect(erased.status).toBe(409);
    expect(erased.body.error).toBe('cet import a supprimé des personnes, dont les données ont été effacées : il ne peut pas être annulé');

    await seedSmall(s.app);
    const imported = await send(await renaming(), XLSX_TYPE);
    // A link made since to the mechanism the import created: undoing would leave it dangling.
    expect((await call(s.app, 'POST', '/api/links', { kind: 'contribution', from: 'clsm-de-parthenay-essai', to: 'ptsm-79' })).status).toBe(201);
    const sum = await checksum(s.db, true);
    const dangling = await call(s.app, 'POST', `/api/audit/${imported.body.journalEntry}/undo`);
    expect(dangling.status).toBe(409);
    expect(dangling.body.error).toMatch(/^l’état d’avant cet import ne tient plus/);
    expect(await checksum(s.db, true)).toBe(sum);
  });

  it('the undo of an import is checked against the scope of whoever asks', async () => {
    await seedSmall(s.app);
    const imported = await send(await renaming(), XLSX_TYPE);
    const coordinator = await accountFor(s, 'coordinateur', { mechanisms: ['clsm-bressuire'] });
    expect((await call(s.app, 'POST', `/api/audit/${imported.body.journalEntry}/undo`, undefined, coordinator.auth)).status).toBe(403);
  });
});

describe('through the write worker', () => {
  it('a workbook import runs in the worker thread and answers what the inline import answers', async () => {
    const inline = await send(await fixtureXlsx(), XLSX_TYPE, '?dryRun=true');
    const worker = await makeServer('workbook-worker', { writeWorker: true });
    try {
      const res = await worker.app.request('/api/import?dryRun=true', { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: (await fixtureXlsx()) as Uint8Array<ArrayBuffer> });
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body).toEqual(inline.body);
      const refused = await worker.app.request('/api/import', { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]) });
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toMatch(/^fichier refusé : le fichier est illisible/);
      expect(worker.errors).toEqual([]);
    } finally {
      await worker.close();
    }
  });
});
