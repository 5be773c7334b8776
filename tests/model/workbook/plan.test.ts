// One workbook import planned as the API and the CLI run it: automatic, proposed or given mapping.
import { describe, expect, it } from 'vitest';
import { planWorkbookImport, type MappingInput, type RawWorkbook } from '../../../model/workbook/index.ts';
import { loadTerritories } from '../../../server/territories.ts';

const territories = loadTerritories();
const book = (...sheets: [string, (string | number | null)[][]][]): RawWorkbook => ({ format: 'xlsx', sheets: sheets.map(([name, rows]) => ({ name, rows, merges: [] })) });
const messages = (plan: ReturnType<typeof planWorkbookImport>) => plan.problems.map((p) => p.message);

const exact = book(['Dispositifs', [['Type', 'Nom', 'Communes'], ['CLSM', 'CLSM de Niort', 'Niort']]]);
const likely = book(['Recensement', [['Type', 'Nom du conseil', 'Communes'], ['CLSM', 'CLSM de Niort', 'Niort']]], ['Liens', [['Type de lien', 'De', 'Vers'], ['Contribution au PTSM', 'CLSM de Niort', 'CLSM de Niort']]]);

describe('planWorkbookImport', () => {
  it('every header exact: mapped and importable without a question', () => {
    const plan = planWorkbookImport(exact, { territories });
    expect(plan).toMatchObject({ matching: 'automatic', importable: true, problems: [] });
    expect(plan.preview!.document.mechanisms).toHaveLength(1);
  });

  it('a likely header: proposed, previewed, not importable; one problem per column to confirm', () => {
    const plan = planWorkbookImport(likely, { territories });
    expect(plan.matching).toBe('proposed');
    expect(plan.importable).toBe(false);
    expect(plan.preview).toBeDefined();
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([{ severity: 'error', sheet: 'Recensement', column: 'Nom du conseil', message: 'correspondance proposée : « Nom du conseil » → Nom, à confirmer' }]);
  });

  it('a given mapping is applied as it is: named columns where it says, the other headers by exact match, only the sheets it lists', () => {
    const mapping: MappingInput = [{ sheet: 'recensement', kind: 'mechanisms', columns: [{ header: 'NOM DU CONSEIL', target: { field: 'name' } }] }];
    const plan = planWorkbookImport(likely, { territories, mapping });
    expect(plan).toMatchObject({ matching: 'given', importable: true });
    expect(plan.mappings).toEqual([
      {
        sheet: 'Recensement',
        kind: 'mechanisms',
        headerRow: 1,
        columns: [
          { index: 0, header: 'Type', target: { field: 'kind' } },
          { index: 1, header: 'Nom du conseil', target: { field: 'name' } },
          { index: 2, header: 'Communes', target: { field: 'communes' } },
        ],
      },
    ]);
    expect(plan.problems).toEqual([{ severity: 'warning', sheet: 'Liens', message: 'feuille « Liens » non importée : la correspondance donnée ne la cite pas' }]);
    expect(plan.preview!.document.links).toEqual([]);
  });

  it('a given mapping’s mistakes are errors naming what exists; nothing is previewed', () => {
    const wrong: MappingInput = [
      { sheet: 'Feuil9', kind: 'mechanisms', columns: [] },
      {
        sheet: 'Recensement',
        kind: 'mechanisms',
        columns: [
          { header: 'Budget', target: { field: 'name' } },
          { header: 'Type', index: 2, target: { field: 'kind' } },
          { header: 'Communes', target: { field: 'kind' } },
        ],
      },
    ];
    const plan = planWorkbookImport(likely, { territories, mapping: wrong });
    expect(plan.preview).toBeUndefined();
    expect(plan.importable).toBe(false);
    expect(messages(plan)).toEqual(
      expect.arrayContaining([
        'correspondance des colonnes : feuille « Feuil9 » introuvable dans le classeur (feuilles : « Recensement », « Liens »)',
        'correspondance des colonnes : colonne « Budget » introuvable ligne 1 (colonnes : « Type », « Nom du conseil », « Communes »)',
        "correspondance des colonnes : la colonne n° 3 s'intitule « Communes », pas « Type »",
        "correspondance des colonnes : le champ « Type » reçoit 2 colonnes (« Type », « Communes ») : n'en gardez qu'une",
      ]),
    );
  });

  it('nothing to import: the empty workbook blocks; an empty mapping too', () => {
    expect(messages(planWorkbookImport(book(['Dispositifs', []]), { territories }))).toContain('la feuille « Dispositifs » est vide');
    expect(messages(planWorkbookImport(exact, { territories, mapping: [] }))).toContain('correspondance des colonnes : aucune feuille à importer');
  });
});
