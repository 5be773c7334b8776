// The real-shaped workbook (fixture.ts) as XLSX, ODS and CSV gives the same mechanisms, and the
// same document and findings as its hand-written JSON equivalent.
import { describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../../model/graph.ts';
import { runRules } from '../../../model/rules/engine.ts';
import { validateDataset } from '../../../model/validate.ts';
import { analyseWorkbook, describeMapping } from '../../../model/workbook/mapping.ts';
import { previewImport, type ImportPreview } from '../../../model/workbook/preview.ts';
import { readWorkbook } from '../../../model/workbook/read.ts';
import { canonicalJson } from '../../../server/canonical.ts';
import { loadTerritories } from '../../../server/territories.ts';
import { FIXTURE_EQUIVALENT, fixtureCsv, fixtureOds, fixtureXlsx } from './fixture.ts';

const territories = loadTerritories();

function importBytes(bytes: Uint8Array, fileName: string): ImportPreview {
  const read = readWorkbook(bytes, { fileName });
  if (!read.ok) throw new Error(read.problem.message);
  const analysis = analyseWorkbook(read.workbook);
  expect(analysis.automatic).toBe(true);
  return previewImport(read.workbook, analysis.sheets.flatMap((s) => (s.mapping && s.status !== 'ignored' ? [s.mapping] : [])), { territories });
}

const validated = (doc: unknown) => {
  const result = validateDataset(doc, territories);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.dataset;
};
const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, canonicalJson(x)]));

describe('a real-shaped workbook', () => {
  it('maps its own headers automatically and says which column went where', async () => {
    const read = readWorkbook(await fixtureXlsx());
    if (!read.ok) throw new Error(read.problem.message);
    const analysis = analyseWorkbook(read.workbook);
    const dispositifs = analysis.sheets.find((s) => s.sheet === 'Dispositifs 79')!;
    expect(dispositifs.role).toBe('mechanisms');
    expect(dispositifs.headerRow).toBe(4); // two merged title rows and a blank row above
    expect(dispositifs.skippedRows).toEqual([1, 2, 3]);
    expect(describeMapping(dispositifs)).toContain('« Coordonnateur » → Coordination');
    expect(describeMapping(dispositifs)).toContain('« Date de création » → Date de début');
    expect(describeMapping(dispositifs)).toContain('« Observations » → champ libre « Observations »');
    expect(analysis.sheets.find((s) => s.sheet === 'Avis des CLSM')).toMatchObject({ role: 'avis', headerRow: 2, status: 'auto' });
    expect(analysis.sheets.find((s) => s.sheet === 'Notes')).toMatchObject({ status: 'ignored' });
  });

  it('XLSX, ODS and its Dispositifs sheet as CSV give the same mechanisms', async () => {
    const xlsx = importBytes(await fixtureXlsx(), 'recensement.xlsx');
    const ods = importBytes(fixtureOds(), 'recensement.ods');
    const csv = importBytes(fixtureCsv(), 'Dispositifs 79.csv');
    const csvUtf8 = importBytes(fixtureCsv('utf-8-bom'), 'Dispositifs 79.csv');
    for (const p of [xlsx, ods, csv, csvUtf8]) expect(p.errorCount).toBe(0);
    expect(xlsx.document.mechanisms).toHaveLength(6);
    expect(canonicalJson(ods.document.mechanisms)).toBe(canonicalJson(xlsx.document.mechanisms));
    expect(canonicalJson(csv.document.mechanisms)).toBe(canonicalJson(xlsx.document.mechanisms));
    expect(canonicalJson(csvUtf8.document.mechanisms)).toBe(canonicalJson(xlsx.document.mechanisms));
    expect(csv.document.links).toEqual([]);
  });

  it('gives the document written by hand, and the same findings', async () => {
    for (const preview of [importBytes(await fixtureXlsx(), 'r.xlsx'), importBytes(fixtureOds(), 'r.ods')]) {
      const imported = validated(preview.document);
      const expected = validated(FIXTURE_EQUIVALENT);
      expect(byId(imported.mechanisms)).toEqual(byId(expected.mechanisms));
      expect(byId(imported.people)).toEqual(byId(expected.people));
      expect(byId(imported.links)).toEqual(byId(expected.links));
      expect(preview.counts.notReceived).toBe(1);

      const findings = (dataset: typeof imported) => runRules(new ArticulationModel(dataset, territories), { asOf: '2025-06-01' }).map((f) => `${f.rule} ${f.subjects.join(',')}`);
      const got = findings(imported);
      expect(got).toEqual(findings(expected));
      // « Niort » and « Niort (79191) » are the same commune: the CLS and the CLSM meet.
      expect(got).toContain('cls-clsm-unlinked cls-de-niort,clsm-de-niort');
      // The CLSM of Niort gave both avis (its rows name it « CLSM de Niort » and « clsm de niort »).
      expect(got.filter((f) => f.startsWith('ptsm-avis') && f.includes('clsm-de-niort'))).toEqual([]);
    }
  });

  it('re-importing the same workbook into the imported dataset updates, never duplicates', async () => {
    const first = importBytes(await fixtureXlsx(), 'r.xlsx');
    const current = validated(first.document);
    const read = readWorkbook(await fixtureXlsx());
    if (!read.ok) throw new Error('unreadable');
    const analysis = analyseWorkbook(read.workbook);
    const again = previewImport(read.workbook, analysis.sheets.flatMap((s) => (s.mapping && s.status !== 'ignored' ? [s.mapping] : [])), { territories, current });
    expect(again.errorCount).toBe(0);
    expect(again.document.mechanisms!.map((m) => m.id)).toEqual(first.document.mechanisms!.map((m) => m.id));
    // The coordinators are found in the current dataset by label: no person is created again.
    expect(again.document.people).toEqual([]);
    expect(again.document.mechanisms!.find((m) => m.id === 'clsm-de-niort')!.coordinators).toEqual([{ person: 'marie-martin', fte: 1 }]);
    expect(again.rows.filter((r) => r.kind === 'mechanisms').every((r) => r.action === 'update')).toBe(true);
    expect(again.problems.filter((p) => p.message.includes('la personne est créée'))).toEqual([]);
  });
});
