// Writing workbooks: the template (drop-down lists, frozen header, Lisez-moi), the dataset
// export that imports back with an empty diff in a real store, and the product's tables.
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { avisChecklist } from '../../model/avis.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { computeIndicators } from '../../model/indicators.ts';
import { runRules } from '../../model/rules/engine.ts';
import { validateDataset } from '../../model/validate.ts';
import { analyseWorkbook, avisChecklistWorkbook, datasetWorkbook, findingsWorkbook, indicatorsWorkbook, previewImport, templateWorkbook, type WorkbookSpec } from '../../model/workbook/index.ts';
import { readWorkbook } from '../../model/workbook/read.ts';
import { openDatabase } from '../../server/db/database.ts';
import { Store } from '../../server/store.ts';
import { loadTerritories } from '../../server/territories.ts';
import { writeOds, writeXlsx } from '../../server/workbook/write.ts';
import { testLocation } from './test-database.ts';

const territories = loadTerritories();
const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as unknown;

/** The XML of one part of an XLSX or ODS (both are zips). */
function part(bytes: Uint8Array, path: string): string {
  const entry = XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'array' }), path);
  if (!entry) throw new Error(`no ${path}`);
  return new TextDecoder().decode(entry.content as Uint8Array);
}
const sheetIndex = (spec: WorkbookSpec, name: string) => spec.sheets.findIndex((s) => s.name === name) + 1;

describe('the template', () => {
  it('XLSX: French headers, frozen header row, drop-down lists for closed vocabularies', async () => {
    const spec = templateWorkbook();
    const bytes = await writeXlsx(spec);
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.workbook.sheets.map((s) => s.name)).toEqual(['Dispositifs', 'Personnes', 'Liens', 'Avis', 'Jeu de données', 'Lisez-moi', 'Listes']);
    expect(read.workbook.sheets[0].rows[0].slice(0, 4)).toEqual(['Identifiant', 'Type', 'Nom', 'Statut']);
    const dispositifs = part(bytes, `/xl/worksheets/sheet${sheetIndex(spec, 'Dispositifs')}.xml`);
    expect(dispositifs).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    // Type (B) and Statut (D) offer their lists; the list values live in the hidden sheet.
    expect(dispositifs).toMatch(/<dataValidation type="list"[^>]*sqref="B2:B5000"><formula1>Listes!\$A\$1:\$A\$6<\/formula1>/);
    expect(dispositifs).toMatch(/sqref="D2:D5000"/);
    const avis = part(bytes, `/xl/worksheets/sheet${sheetIndex(spec, 'Avis')}.xml`);
    expect(avis).toMatch(/<dataValidation type="list"[^>]*sqref="D2:D5000"/); // Étape: Diagnostic, Projet
    expect(avis).toMatch(/<dataValidation type="list"[^>]*sqref="F2:F5000"/); // Avis: Favorable…
    expect(part(bytes, '/xl/workbook.xml')).toMatch(/<sheet [^>]*name="Listes"[^>]*state="veryHidden"/);
    const lists = read.workbook.sheets.find((s) => s.name === 'Listes')!.rows.map((r) => r[0]);
    expect(lists).toEqual(['CLSM', 'CLS', 'PTSM', 'CPTS', 'DAC', 'ASV']);
  });

  it('the Lisez-moi explains every column and lists every vocabulary; the template imports as nothing', async () => {
    const bytes = await writeXlsx(templateWorkbook());
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const readme = read.workbook.sheets.find((s) => s.name === 'Lisez-moi')!.rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(' | '));
    for (const line of ['Historique des statuts | ', 'Réponse du PTSM | ', 'Coordination | ', 'avis | Favorable avec réserves | réservé', 'statuts | En sommeil', 'rôles au COPIL | Aidants']) {
      expect(readme.some((l) => l.startsWith(line) || l.includes(line)), line).toBe(true);
    }
    const analysis = analyseWorkbook(read.workbook);
    expect(analysis.automatic).toBe(true);
    const preview = previewImport(read.workbook, analysis.sheets.flatMap((s) => (s.mapping ? [s.mapping] : [])), { territories });
    expect(preview.errorCount).toBe(0);
    expect(preview.counts).toMatchObject({ mechanisms: 0, people: 0, links: 0 });
  });

  it('ODS: the same sheets and headers (no frozen row nor lists: SheetJS does not write them)', () => {
    const bytes = writeOds(templateWorkbook());
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.workbook.format).toBe('ods');
    expect(read.workbook.sheets.map((s) => s.name)).toEqual(['Dispositifs', 'Personnes', 'Liens', 'Avis', 'Jeu de données', 'Lisez-moi']);
    expect(read.workbook.sheets[3].rows[0]).toEqual(['Identifiant', 'PTSM', 'CLSM', 'Étape', "Date de l'avis", 'Avis', 'Réponse du PTSM', 'Documents']);
  });
});

describe('the dataset as a workbook', () => {
  it('export then import gives an empty diff, in XLSX and in ODS, in a real store', async () => {
    const where = await testLocation('roundtrip');
    const opened = await openDatabase(where.location);
    const store = new Store(opened.db, territories);
    await store.importDataset(demo, { mode: 'replace' });
    const stored = (await store.snapshot()).dataset;
    for (const bytes of [await writeXlsx(datasetWorkbook(stored, territories)), writeOds(datasetWorkbook(stored, territories))]) {
      const read = readWorkbook(bytes);
      if (!read.ok) throw new Error(read.problem.message);
      const analysis = analyseWorkbook(read.workbook);
      expect(analysis.automatic).toBe(true);
      const mappings = analysis.sheets.flatMap((s) => (s.mapping ? [s.mapping] : []));
      for (const mode of ['merge', 'replace'] as const) {
        const preview = previewImport(read.workbook, mappings, { territories, current: stored, mode });
        expect(preview.problems).toEqual([]);
        const outcome = await store.importDataset(preview.document, { mode, dryRun: true });
        expect(outcome.valid).toBe(true);
        for (const kind of ['mechanisms', 'people', 'links'] as const) {
          expect(outcome.diff[kind], `${mode} ${kind}`).toMatchObject({ created: [], updated: [], removed: [] });
          expect(outcome.diff[kind].unchanged).toBeGreaterThan(0);
        }
        expect(outcome.diff.meta).toBe(false);
        expect(outcome.changed).toBe(false);
      }
    }
    await opened.db.close();
    await where.drop();
  });

  it('demo.json itself round-trips: same records, statusHistory and response kept', async () => {
    const withNewFields = JSON.parse(JSON.stringify(demo)) as { format: 'articulation/1'; mechanisms: Record<string, unknown>[]; links: Record<string, unknown>[] };
    withNewFields.mechanisms.find((m) => m.id === 'clsm-thouars')!.statusHistory = [
      { status: 'active', from: '2016-05-01' },
      { status: 'dormant', from: '2024-03-01' },
      { status: 'active', from: '2025-01-01' },
    ];
    withNewFields.links.find((l) => l.opinion === 'favorable-reserves')!.response = "Axe 2 complété : logement d'abord";
    const bytes = await writeXlsx(datasetWorkbook(withNewFields, territories));
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const analysis = analyseWorkbook(read.workbook);
    const preview = previewImport(read.workbook, analysis.sheets.flatMap((s) => (s.mapping ? [s.mapping] : [])), { territories, mode: 'replace' });
    expect(preview.problems).toEqual([]);
    const a = validateDataset(withNewFields, territories);
    const b = validateDataset(preview.document, territories);
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(b.dataset.mechanisms).toEqual(a.dataset.mechanisms);
    expect(b.dataset.people).toEqual(a.dataset.people);
    // Links come back sheet by sheet (Liens, then Avis): compared by id.
    const byId = (links: { id: string }[]) => [...links].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(b.dataset.links)).toEqual(byId(a.dataset.links));
    expect(b.dataset.links.find((l) => l.opinion === 'favorable-reserves')).toMatchObject({ response: "Axe 2 complété : logement d'abord" });
    expect((b.dataset as Record<string, unknown>).notice).toBe((a.dataset as Record<string, unknown>).notice);
  });
});

describe('tables as workbooks', () => {
  const loaded = validateDataset(demo, territories);
  if (!loaded.ok) throw new Error('demo invalid');
  const model = new ArticulationModel(loaded.dataset, territories);

  it('findings: French headers, severity and reference, dates as French date cells, frozen header', async () => {
    const findings = runRules(model, { asOf: '2026-09-01' });
    const spec = findingsWorkbook(findings, model.nameOf);
    const bytes = await writeXlsx(spec);
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const rows = read.workbook.sheets[0].rows;
    expect(rows[0]).toEqual(['Gravité', 'Famille', 'Constat', 'Fondement', 'Référence', 'Correction proposée', 'Concerne', 'Départements', 'Date', 'État', 'Commentaire', 'État changé le', 'Par']);
    expect(rows).toHaveLength(findings.length + 1);
    expect(rows[1][0]).toBe('Erreur');
    expect(rows[1][2]).toBe(findings[0].message);
    const xml = part(bytes, '/xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/state="frozen"/);
    expect(xml).toMatch(/<col min="3" max="3" width="70"/);
    const dated = findings.findIndex((f) => typeof f.data?.date === 'string');
    if (dated >= 0) expect(rows[dated + 1][8]).toEqual({ date: findings[dated].data!.date });
    expect(part(bytes, '/xl/styles.xml')).toContain('formatCode="dd/mm/yyyy"');
  });

  it('the avis checklist of a PTSM, and the indicators with their uncovered communes (XLSX and ODS)', async () => {
    const checklist = avisChecklist(model, 'ptsm-79', '2026-09-01')!;
    const avis = await writeXlsx(avisChecklistWorkbook(checklist));
    const read = readWorkbook(avis);
    if (!read.ok) throw new Error(read.problem.message);
    const [sheet, summary] = read.workbook.sheets;
    expect(sheet.rows[0].slice(0, 3)).toEqual(['CLSM', 'Statut du CLSM', 'Avis sur le diagnostic : état']);
    const niort = sheet.rows.find((r) => r[0] === 'CLSM de Niort')!;
    expect(niort[2]).toBe('Reçu');
    expect(niort[3]).toEqual({ date: '2019-05-10' });
    expect(summary.rows[0]).toEqual(['Étape', 'Dus', 'Reçus à temps', 'En retard', 'Manquants', 'Attendus plus tard']);

    const indicators = computeIndicators(model, { asOf: '2026-09-01', level: 'departement' });
    const ods = writeOds(indicatorsWorkbook(indicators));
    const readOds = readWorkbook(ods);
    if (!readOds.ok) throw new Error(readOds.problem.message);
    const [areas, uncovered] = readOds.workbook.sheets;
    expect(areas.rows[0][2]).toBe('Territoire');
    expect(areas.rows.find((r) => r[1] === '79')![2]).toBe('Deux-Sèvres');
    expect(uncovered.name).toBe('Communes sans CLSM');
    expect(uncovered.rows.length).toBe(indicators.areas.reduce((n, a) => n + a.uncovered.communes.length, 0) + 1);
  });
});
