// The import assistant's state: the worker's summary, choices per sheet and column, the mapping
// sent to the server, corrections, and the mappings remembered for the same headers.
import { describe, expect, it } from 'vitest';
import {
  choiceProblems,
  initialChoices,
  mappingInput,
  MAPPINGS_KEY,
  rememberedMappings,
  rememberMappings,
  summariseWorkbook,
  targetOf,
  targetValue,
  toCheck,
  withEdit,
  withKind,
  withSkip,
  withTarget,
} from '../../client/src/lib/import-assistant.ts';
import type { RawWorkbook } from '../../model/workbook/index.ts';

const book: RawWorkbook = {
  format: 'xlsx',
  sheets: [
    {
      name: 'Recensement',
      rows: [['Recensement 2025'], [], ['Type', 'Nom du conseil', 'Communes', 'Budget'], ['CLSM', 'CLSM de Niort', 'Niort', 1000], ['CLSM', 'CLSM de Melle', 'Melle (79)', null], ['CLS', 'CLS de Niort', 'Niort', 2000], ['CPTS', 'CPTS du Niortais', 'Chauray', 5]],
      merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }],
    },
    { name: 'Notes', rows: [['Penser à relancer le CLSM de Melle']], merges: [] },
  ],
};

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

describe('the worker’s summary', () => {
  it('says per sheet its header row, headers, the first three values of each column and the suggested mapping, never the whole sheet', () => {
    const summary = summariseWorkbook(book, []);
    const [sheet, notes] = summary.sheets;
    expect(sheet).toMatchObject({ sheet: 'Recensement', kind: 'mechanisms', headerRow: 3, skippedRows: [1, 2], dataRowCount: 4, status: 'confirm', remembered: false });
    expect(sheet.headers).toEqual(['Type', 'Nom du conseil', 'Communes', 'Budget']);
    expect(sheet.samples).toEqual([['CLSM', 'CLSM', 'CLS'], ['CLSM de Niort', 'CLSM de Melle', 'CLS de Niort'], ['Niort', 'Melle (79)', 'Niort'], ['1000', '2000', '5']]);
    expect(notes.kind).toBeNull();
    expect(summary.automatic).toBe(false);
  });
});

describe('choices', () => {
  it('start from the suggestions: exact applied, likely proposed and flagged to check, unknown as extra fields', () => {
    const [choice] = initialChoices(summariseWorkbook(book, []));
    expect(targetValue(choice.targets.get(0))).toBe('field:kind');
    expect(targetValue(choice.targets.get(1))).toBe('field:name');
    expect(targetValue(choice.targets.get(3))).toBe('extra');
    expect(toCheck(choice)).toEqual([1]);
    expect(choiceProblems(initialChoices(summariseWorkbook(book, [])))).toEqual([]);
  });

  it('a column set by the user is decided; a sheet read as another kind gets that kind’s suggestions', () => {
    const [choice] = initialChoices(summariseWorkbook(book, []));
    const set = withTarget(choice, 1, targetOf('field:name', 'Nom du conseil'));
    expect(toCheck(set)).toEqual([]);
    expect(set.quality.get(1)).toBe('chosen');
    const ignored = withTarget(set, 3, targetOf('ignore', 'Budget'));
    expect(mappingInput([ignored])[0].columns.find((c) => c.header === 'Budget')!.target).toEqual({ ignore: true });
    const asPeople = withKind(set, 'people');
    expect(asPeople.kind).toBe('people');
    expect(targetValue(asPeople.targets.get(1))).toBe('field:label');
    expect(toCheck(asPeople)).toEqual([1]);
    expect(choiceProblems([withKind(set, 'links')])).toEqual([
      'Feuille « Recensement » : champ obligatoire « De » : aucune colonne ne lui correspond.',
      'Feuille « Recensement » : champ obligatoire « Vers » : aucune colonne ne lui correspond.',
    ]);
    expect(choiceProblems([withKind(set, null)])).toEqual(['Choisissez au moins une feuille à importer.']);
  });

  it('a field fed by two columns must be settled before the preview', () => {
    const [choice] = initialChoices(summariseWorkbook(book, []));
    const twice = withTarget(choice, 3, targetOf('field:name', 'Budget'));
    expect(choiceProblems([twice])).toEqual(['Feuille « Recensement » : le champ « Nom » reçoit 2 colonnes (« Nom du conseil », « Budget ») ; n’en gardez qu’une.']);
  });

  it('the mapping sent names each sheet and column by header and index; sheets not imported are left out', () => {
    const choices = initialChoices(summariseWorkbook(book, []));
    expect(mappingInput(choices)).toEqual([
      {
        sheet: 'Recensement',
        kind: 'mechanisms',
        headerRow: 3,
        columns: [
          { header: 'Type', index: 0, target: { field: 'kind' } },
          { header: 'Nom du conseil', index: 1, target: { field: 'name' } },
          { header: 'Communes', index: 2, target: { field: 'communes' } },
          { header: 'Budget', index: 3, target: { extra: 'Budget' } },
        ],
      },
    ]);
  });
});

describe('corrections', () => {
  it('a cell corrected twice keeps the last value; a row set aside can come back', () => {
    let c = withEdit({ edits: [], skip: [] }, { sheet: 'Recensement', row: 5, column: 'Communes', value: 'Melle' });
    c = withEdit(c, { sheet: 'Recensement', row: 5, column: 'Communes', value: 'Melle (79)' });
    expect(c.edits).toEqual([{ sheet: 'Recensement', row: 5, column: 'Communes', value: 'Melle (79)' }]);
    c = withSkip(c, { sheet: 'Recensement', row: 6 }, true);
    c = withSkip(c, { sheet: 'Recensement', row: 6 }, true);
    expect(c.skip).toEqual([{ sheet: 'Recensement', row: 6 }]);
    expect(withSkip(c, { sheet: 'Recensement', row: 6 }, false).skip).toEqual([]);
  });
});

describe('mappings remembered for the same headers', () => {
  it('a decided mapping is kept and applied again to the same headers, in any order, case or accents; an automatic one is not kept', () => {
    const storage = new MemoryStorage();
    const [choice] = initialChoices(summariseWorkbook(book, []));
    rememberMappings(storage, [withTarget(choice, 3, { ignore: true })]);
    const saved = rememberedMappings(storage);
    expect(saved).toHaveLength(1);
    const again: RawWorkbook = { format: 'csv', sheets: [{ name: 'export', rows: [['BUDGET', 'communes', 'nom du conseil', 'type'], [1, 'Niort', 'CLSM de Niort', 'CLSM']], merges: [] }] };
    const summary = summariseWorkbook(again, saved);
    expect(summary.sheets[0]).toMatchObject({ remembered: true, status: 'auto' });
    const [restored] = initialChoices(summary);
    expect(targetValue(restored.targets.get(0))).toBe('ignore');
    expect(targetValue(restored.targets.get(2))).toBe('field:name');
    expect(toCheck(restored)).toEqual([]);

    const automatic: RawWorkbook = { format: 'csv', sheets: [{ name: 'x', rows: [['Type', 'Nom', 'Communes'], ['CLSM', 'CLSM de Niort', 'Niort']], merges: [] }] };
    const fresh = new MemoryStorage();
    rememberMappings(fresh, initialChoices(summariseWorkbook(automatic, [])));
    expect(fresh.items.has(MAPPINGS_KEY)).toBe(false);
  });

  it('a broken storage entry is ignored', () => {
    const storage = new MemoryStorage();
    storage.setItem(MAPPINGS_KEY, '{pas du json');
    expect(rememberedMappings(storage)).toEqual([]);
    storage.setItem(MAPPINGS_KEY, JSON.stringify([{ key: 1 }, { key: 'a|b', kind: 'mechanisms', columns: [] }]));
    expect(rememberedMappings(storage)).toEqual([{ key: 'a|b', kind: 'mechanisms', columns: [] }]);
  });
});
