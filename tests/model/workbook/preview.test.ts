// The preview: rows as records, problems by cell all at once, skip and fix, ids and merge.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../model/schema.ts';
import { validateDataset } from '../../../model/validate.ts';
import { analyseWorkbook } from '../../../model/workbook/mapping.ts';
import { describeProblem } from '../../../model/workbook/describe.ts';
import { previewImport, type PreviewOptions } from '../../../model/workbook/preview.ts';
import type { Cell, RawWorkbook } from '../../../model/workbook/types.ts';
import { loadTerritories } from '../../../server/territories.ts';

const territories = loadTerritories();
const book = (sheets: Record<string, Cell[][]>): RawWorkbook => ({ format: 'xlsx', sheets: Object.entries(sheets).map(([name, rows]) => ({ name, rows, merges: [] })) });
function preview(workbook: RawWorkbook, options: Partial<PreviewOptions> = {}) {
  const analysis = analyseWorkbook(workbook);
  return previewImport(workbook, analysis.sheets.flatMap((s) => (s.mapping && s.status !== 'ignored' ? [s.mapping] : [])), { territories, ...options });
}
const current = (doc: unknown): Dataset => {
  const r = validateDataset(doc, territories);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.dataset;
};

const BASE = {
  Dispositifs: [
    ['Type', 'Nom', 'Communes', 'Départements', 'Statut', 'Historique des statuts'],
    ['PTSM', 'PTSM des Deux-Sèvres', null, '79', 'Actif', null],
    ['CLSM', 'CLSM de Niort', 'Niort', null, 'Actif', null],
    ['CLSM', 'CLSM de Thouars', 'Thouars', null, 'En sommeil', 'Actif : 01/05/2016 ; En sommeil : 01/03/2024'],
  ] as Cell[][],
  Avis: [
    ['PTSM', 'CLSM', 'Étape', "Date de l'avis", 'Avis', 'Réponse du PTSM'],
    ['PTSM des Deux-Sèvres', 'CLSM de Niort', 'Projet', '15/03/2021', 'Défavorable', 'Axe 2 revu avec le CLSM'],
    ['PTSM des Deux-Sèvres', 'CLSM de Thouars', 'Projet', null, null, null],
    ['ptsm des deux-sevres', 'clsm de thouars', 'Diagnostic', null, 'Favorable', null],
  ] as Cell[][],
};

describe('preview', () => {
  it('turns rows into records: avis with response, a row with neither date nor opinion creates no link', () => {
    const p = preview(book(BASE));
    expect(p.errorCount).toBe(0);
    expect(p.document.links).toEqual([
      { kind: 'avis', from: 'clsm-de-niort', to: 'ptsm-des-deux-sevres', stage: 'projet', date: '2021-03-15', opinion: 'defavorable', response: 'Axe 2 revu avec le CLSM' },
      { kind: 'avis', from: 'clsm-de-thouars', to: 'ptsm-des-deux-sevres', stage: 'diagnostic', opinion: 'favorable' },
    ]);
    expect(p.rows.find((r) => r.sheet === 'Avis' && r.row === 3)).toMatchObject({ status: 'not-received' });
    expect(p.rows.find((r) => r.sheet === 'Avis' && r.row === 3)!.record).toBeUndefined();
    expect(p.counts).toMatchObject({ mechanisms: 3, links: 2, notReceived: 1 });
    const thouars = p.document.mechanisms!.find((m) => m.id === 'clsm-de-thouars')!;
    expect(thouars.statusHistory).toEqual([
      { status: 'active', from: '2016-05-01' },
      { status: 'dormant', from: '2024-03-01' },
    ]);
  });

  it('reports every problem at once, each naming its sheet, row, column and value', () => {
    const p = preview(
      book({
        Dispositifs: [
          ['Type', 'Nom', 'Communes', 'Date de début', 'ETP de coordination', 'Coordination'],
          ['CLSN', 'CLSM de Niort', 'Niort', '31/02/2020', null, null],
          ['CLSM', 'CLSM de Saint-Denis', 'Saint-Denis', 'hier', 'beaucoup', 'Marie'],
          ['CLSM', null, 'Nirot', null, null, null],
        ],
      }),
    );
    const at = (row: number, column: string) => p.problems.find((x) => x.row === row && x.column === column);
    expect(at(2, 'Type')).toMatchObject({ severity: 'error', sheet: 'Dispositifs', value: 'CLSN' });
    expect(at(2, 'Type')!.message).toMatch(/^type de dispositif inconnu « CLSN »/);
    expect(at(2, 'Date de début')!.message).toBe("« 31/02/2020 » n'est pas une date du calendrier");
    expect(at(3, 'Communes')).toMatchObject({ value: 'Saint-Denis', candidates: expect.arrayContaining(['Saint-Denis, Seine-Saint-Denis (93066)']) });
    expect(at(3, 'Date de début')!.message).toMatch(/« hier » n'est pas une date/);
    expect(at(3, 'ETP de coordination')!.message).toMatch(/« beaucoup » n'est pas un nombre/);
    expect(at(4, 'Nom')!.message).toBe('nom du dispositif manquant');
    expect(at(4, 'Communes')!.message).toMatch(/ne s'appelle « Nirot »/);
    expect(p.errorCount).toBeGreaterThanOrEqual(7);
    expect(p.rows.filter((r) => r.status === 'error').map((r) => r.row)).toEqual([2, 3, 4]);
  });

  it('a skipped row loses its record and its problems; a fixed cell is read again', () => {
    const workbook = book({
      Dispositifs: [
        ['Type', 'Nom', 'Communes'],
        ['CLSM', 'CLSM de Niort', 'Niort'],
        ['CLSM', 'CLSM de Saint-Denis', 'Saint-Denis'],
      ],
    });
    const before = preview(workbook);
    expect(before.errorCount).toBe(1);
    const skipped = preview(workbook, { skip: [{ sheet: 'Dispositifs', row: 3 }] });
    expect(skipped.errorCount).toBe(0);
    expect(skipped.document.mechanisms!.map((m) => m.id)).toEqual(['clsm-de-niort']);
    expect(skipped.rows.find((r) => r.row === 3)).toEqual({ sheet: 'Dispositifs', row: 3, kind: 'mechanisms', status: 'skipped', problems: [] });
    const fixed = preview(workbook, { edits: [{ sheet: 'Dispositifs', row: 3, column: 'Communes', value: 'Saint-Denis (93)' }] });
    expect(fixed.errorCount).toBe(0);
    expect(fixed.document.mechanisms![1].territory).toEqual({ communes: ['93066'], epci: [], departements: [] });
  });

  it('names link ends by id or name; an ambiguous name is an error listing the candidates', () => {
    const p = preview(
      book({
        Dispositifs: [
          ['Identifiant', 'Type', 'Nom', 'Communes'],
          ['clsm-a', 'CLSM', 'Santé mentale Niort', 'Niort'],
          ['cls-a', 'CLS', 'Santé mentale Niort', 'Niort'],
          ['asv-a', 'ASV', 'Atelier', 'Niort'],
          ['asv-b', 'ASV', 'atelier', 'Niort'],
        ],
        Liens: [
          ['Type de lien', 'De', 'Vers'],
          ['Volet santé mentale', 'Santé mentale Niort', 'Santé mentale Niort'],
          ['Articulation', 'Atelier', 'clsm-a'],
          ['Articulation', 'ASV-B', 'Inconnu'],
        ],
      }),
    );
    // The link kind settles the names: a volet santé mentale goes from the CLS to the CLSM.
    expect(p.document.links![0]).toMatchObject({ kind: 'volet-sante-mentale', from: 'cls-a', to: 'clsm-a' });
    const ambiguous = p.problems.find((x) => x.sheet === 'Liens' && x.row === 3)!;
    expect(ambiguous).toMatchObject({ column: 'De', value: 'Atelier', candidates: ['Atelier (ASV, asv-a)', 'atelier (ASV, asv-b)'] });
    const unknown = p.problems.find((x) => x.sheet === 'Liens' && x.row === 4)!;
    expect(unknown).toMatchObject({ column: 'Vers', message: 'dispositif inconnu « Inconnu » : ni dans la feuille Dispositifs ni déjà enregistré' });
  });

  it('merge: matches by kind and name, keeps what the sheet does not say, and links may reach stored records', () => {
    const stored = current({
      format: 'articulation/1',
      mechanisms: [
        { id: 'clsm-niort', kind: 'CLSM', name: 'CLSM de Niort', status: 'active', territory: { communes: ['79191'] }, governance: { charter: true }, coordinators: [{ person: 'coord', fte: 1 }] },
        { id: 'ptsm-79', kind: 'PTSM', name: 'PTSM des Deux-Sèvres', status: 'active', territory: { departements: ['79'] } },
      ],
      people: [{ id: 'coord', label: 'Coordination Niort' }],
    });
    const p = preview(
      book({
        Dispositifs: [
          ['Type', 'Nom', 'Communes', 'Thèmes', 'Coordination'],
          ['CLSM', 'clsm de NIORT', null, 'Logement', null],
          ['CLSM', 'CLSM de Thouars', 'Thouars', 'Aucun', 'Coordination Niort (0,5 ETP)'],
        ],
        Avis: [
          ['PTSM', 'CLSM', 'Étape', 'Avis'],
          ['PTSM des Deux-Sèvres', 'CLSM de Niort', 'Projet', 'Favorable'],
        ],
      }),
      { current: stored },
    );
    expect(p.errorCount).toBe(0);
    const niort = p.document.mechanisms![0];
    expect(niort).toMatchObject({ id: 'clsm-niort', name: 'CLSM de Niort', territory: { communes: ['79191'] }, themes: ['logement'], governance: { charter: true }, coordinators: [{ person: 'coord', fte: 1 }] });
    expect(p.rows[0].action).toBe('update');
    const thouars = p.document.mechanisms![1];
    expect(thouars).toMatchObject({ id: 'clsm-de-thouars', themes: [], coordinators: [{ person: 'coord', fte: 0.5 }] });
    expect(p.rows[1].action).toBe('create');
    expect(p.document.links).toEqual([{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', opinion: 'favorable' }]);
    expect(p.document.people).toEqual([]);
  });

  it('ids: kept when valid, made valid with a warning, duplicates of kind and name refused', () => {
    const p = preview(
      book({
        Dispositifs: [
          ['Identifiant', 'Type', 'Nom', 'Communes'],
          ['CLSM Niort', 'CLSM', 'CLSM de Niort', 'Niort'],
          [null, 'CLS', 'Contrat de Niort', 'Niort'],
          [null, 'CLS', 'contrat de niort', 'Niort'],
        ],
      }),
    );
    expect(p.document.mechanisms!.map((m) => m.id)).toEqual(['clsm-niort', 'cls-contrat-de-niort']);
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'warning', row: 2, column: 'Identifiant', message: 'identifiant « CLSM Niort » lu comme « clsm-niort » (minuscules, chiffres et tirets)' }));
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'error', row: 4, column: 'Nom' }));
    expect(p.problems.find((x) => x.row === 4)!.message).toMatch(/figure déjà ligne 3/);
  });

  it('keeps commas inside place names and brackets inside person names', () => {
    const p = preview(
      book({
        Dispositifs: [
          ['Type', 'Nom', 'EPCI', 'Communes', 'Coordination'],
          ['CLS', 'CLS des Albères', "CC des Albères, de la Côte Vermeille et de l'Illibéris", 'Niort, Chauray', 'Équipe santé (2)\nMarie Martin (0,5 ETP)'],
        ],
      }),
    );
    expect(p.errorCount).toBe(0);
    expect(p.document.mechanisms![0].territory).toEqual({ communes: ['79191', '79081'], epci: ['200043602'], departements: [] });
    expect(p.document.mechanisms![0].coordinators).toEqual([{ person: 'equipe-sante-2' }, { person: 'marie-martin', fte: 0.5 }]);
    expect(p.document.people!.map((x) => x.label)).toEqual(['Équipe santé (2)', 'Marie Martin']);
  });

  it('brings validation problems back to their cell (FTE above 1, end before start)', () => {
    const p = preview(
      book({
        Dispositifs: [
          ['Type', 'Nom', 'Communes', 'Date de début', 'Date de fin', 'Coordination', 'ETP'],
          ['CLSM', 'CLSM de Niort', 'Niort', '01/01/2020', '01/01/2019', 'Marie Martin', '1,5'],
        ],
      }),
    );
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Dispositifs', row: 2, column: 'Date de fin', value: '01/01/2019', message: 'la fin (2019-01-01) précède le début (2020-01-01)' }));
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'error', row: 2, column: 'ETP', value: '1,5' }));
  });
  it('a problem about a whole record (no cell to point at) names the record; a cell’s problem keeps its sheet, row, column and value', () => {
    const p = preview(
      book({
        Dispositifs: [
          ['Type', 'Nom', 'Statut'],
          ['CLSM', 'CLSM de Melle', 'Actif'],
          ['PTSM', 'PTSM des Deux-Sèvres', 'Actif'],
          ['CLS', 'CLS du Mellois', 'Sans statut'],
        ],
        Liens: [
          ['Type', 'De', 'Vers'],
          ['Avis', 'CLSM de Melle', 'PTSM des Deux-Sèvres'],
        ],
      }),
    );
    const about = (sheet: string, row: number) => p.problems.filter((x) => x.sheet === sheet && x.row === row && x.severity === 'error');
    // No territory column: the row's record is named, by the record it became.
    expect(about('Dispositifs', 2)).toEqual([{ severity: 'error', sheet: 'Dispositifs', row: 2, message: 'territoire vide : indiquez au moins une commune, un EPCI ou un département', record: 'Dispositif « CLSM de Melle »' }]);
    // A link by its ends, as the journal names it.
    expect(about('Liens', 2).map((x) => [x.record, x.column])).toEqual([['Lien « Avis du CLSM de Melle sur le PTSM des Deux-Sèvres »', undefined]]);
    expect(describeProblem(about('Liens', 2)[0])).toBe('Lien « Avis du CLSM de Melle sur le PTSM des Deux-Sèvres » (feuille « Liens », ligne 2) : étape obligatoire pour un avis : « diagnostic » ou « projet »');
    // A cell's problem points at its cell and names no record.
    const status = about('Dispositifs', 4).find((x) => x.column === 'Statut')!;
    expect(status).toMatchObject({ column: 'Statut', value: 'Sans statut' });
    expect(status.record).toBeUndefined();
  });
});
