// Header row, sheet roles, column suggestions, required fields, saved mappings.
import { describe, expect, it } from 'vitest';
import { foldText } from '../../../model/text.ts';
import { SHEET_FIELDS } from '../../../model/workbook/columns.ts';
import { analyseWorkbook, findHeaderRow, mappingKey, saveMapping, suggestColumns } from '../../../model/workbook/mapping.ts';
import { SHEET_KINDS, type Cell, type RawSheet, type RawWorkbook } from '../../../model/workbook/types.ts';

const sheet = (name: string, rows: Cell[][], merges: RawSheet['merges'] = []): RawSheet => ({ name, rows, merges });
const book = (...sheets: RawSheet[]): RawWorkbook => ({ format: 'xlsx', sheets });

describe('the column catalogue', () => {
  it('never maps one header to two fields of the same sheet', () => {
    for (const kind of SHEET_KINDS) {
      const seen = new Map<string, string>();
      for (const f of SHEET_FIELDS[kind]) {
        for (const h of [f.header, ...f.synonyms]) {
          const key = foldText(h);
          const other = seen.get(key);
          expect(other === undefined || other === f.key, `${kind}: « ${h} » is both ${other} and ${f.key}`).toBe(true);
          seen.set(key, f.key);
        }
      }
    }
  });

  it('explains every column in French', () => {
    for (const kind of SHEET_KINDS) for (const f of SHEET_FIELDS[kind]) expect(f.help.length, `${kind}.${f.key}`).toBeGreaterThan(15);
  });
});

describe('header suggestions', () => {
  it('applies exact matches of headers and synonyms, accents and case aside', () => {
    const headers = ['TYPE', 'Nom', 'Territoire', 'Communes', 'EPCI', 'Date de signature', 'Coordonnateur', 'etp', 'Thèmes', 'dispositif'];
    const s = suggestColumns(headers, 'mechanisms');
    expect(s.map((x) => [x.header, x.quality, x.field])).toEqual([
      ['TYPE', 'exact', 'kind'],
      ['Nom', 'exact', 'name'],
      ['Territoire', 'exact', 'territory'],
      ['Communes', 'exact', 'communes'],
      ['EPCI', 'exact', 'epci'],
      ['Date de signature', 'exact', 'dates.signed'],
      ['Coordonnateur', 'exact', 'coordinators'],
      ['etp', 'exact', 'coordinatorsFte'],
      ['Thèmes', 'exact', 'themes'],
      // « Dispositif » also means the kind, already taken by « TYPE »: left as an extra field.
      ['dispositif', 'none', undefined],
    ]);
  });

  it('proposes likely matches without applying them', () => {
    const s = suggestColumns(['Nom du conseil', 'Date de signature de la convention', 'Thématiques abordées', 'Budget 2024'], 'mechanisms');
    expect(s.map((x) => [x.quality, x.field])).toEqual([
      ['likely', 'name'],
      ['likely', 'dates.signed'],
      ['likely', 'themes'],
      ['none', undefined],
    ]);
  });
});

describe('header row and sheet roles', () => {
  it('skips merged title rows, a lone subtitle and blank rows', () => {
    const s = sheet(
      'Feuil1',
      [['Recensement 2024'], [null, 'Source : ARS'], [], ['Type', 'Nom', 'Communes'], ['CLSM', 'CLSM de Niort', 'Niort']],
      [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }],
    );
    expect(findHeaderRow(s)).toBe(3);
  });

  it('prefers the row naming our fields over a key–value block above the table', () => {
    const s = sheet('Feuil1', [['Département :', 'Deux-Sèvres'], ['Mise à jour :', '01/2025'], [], ['Type', 'Nom', 'Communes', 'Statut'], ['CLSM', 'CLSM de Niort', 'Niort', 'Actif']]);
    expect(findHeaderRow(s)).toBe(3);
  });

  it('reads a sheet as avis or links from its headers, as mechanisms otherwise', () => {
    const roles = analyseWorkbook(
      book(
        sheet('Feuil1', [['PTSM', 'CLSM', 'Étape', 'Avis']]),
        sheet('Feuil2', [['Type de lien', 'Source', 'Cible']]),
        sheet('Feuil3', [['Libellé', 'Courriel']]),
        sheet('Feuil4', [['Type', 'Nom', 'Communes']]),
      ),
    ).sheets.map((s) => s.role);
    expect(roles).toEqual(['avis', 'links', 'people', 'mechanisms']);
  });

  it('a lone CSV is the Dispositifs sheet unless its headers show avis', () => {
    const csv = (headers: Cell[]): RawWorkbook => ({ format: 'csv', sheets: [sheet('export', [headers])] });
    expect(analyseWorkbook(csv(['Nom', 'Communes', 'Type'])).sheets[0].role).toBe('mechanisms');
    expect(analyseWorkbook(csv(['PTSM', 'CLSM', 'Étape', "Date de l'avis", 'Avis'])).sheets[0].role).toBe('avis');
  });
});

describe('required fields', () => {
  it('names the field and lists the headers left unmatched', () => {
    const analysis = analyseWorkbook(book(sheet('Dispositifs', [['Structure', 'Ville', 'Année'], ['CLSM', 'Niort', '2012']])));
    const messages = analysis.problems.map((p) => p.message);
    expect(messages).toContain('champ obligatoire « Type » : aucune colonne ne lui correspond (colonnes non reconnues : « Structure », « Année »)');
    expect(messages).toContain('champ obligatoire « Nom » : aucune colonne ne lui correspond (colonnes non reconnues : « Structure », « Année »)');
    expect(analysis.sheets[0].status).toBe('incomplete');
    expect(analysis.automatic).toBe(false);
  });

  it('asks no question when every header matches exactly', () => {
    const analysis = analyseWorkbook(book(sheet('Dispositifs', [['Type', 'Nom', 'Communes'], ['CLSM', 'CLSM de Niort', 'Niort']])));
    expect(analysis.automatic).toBe(true);
    expect(analysis.problems).toEqual([]);
  });
});

describe('saved mappings', () => {
  it('are reapplied to the same set of headers, whatever their order, case or accents', () => {
    const first = analyseWorkbook(book(sheet('Recensement', [['Structure', 'Libellé du dispositif', 'Ville'], ['CLSM', 'CLSM de Niort', 'Niort']])));
    expect(first.sheets[0].status).not.toBe('auto');
    const confirmed = { ...first.sheets[0].mapping! };
    confirmed.columns = confirmed.columns.map((c) => ({
      ...c,
      target: c.header === 'Structure' ? { field: 'kind' } : c.header === 'Ville' ? { field: 'communes' } : { field: 'name' },
    }));
    const saved = JSON.parse(JSON.stringify(saveMapping(confirmed)));
    expect(saved.key).toBe(mappingKey(['ville', 'STRUCTURE', 'Libelle du dispositif']));
    const again = analyseWorkbook(book(sheet('Recensement', [['VILLE', 'structure', 'Libellé du dispositif'], ['Niort', 'CLSM', 'CLSM de Niort']])), [saved]);
    expect(again.sheets[0].status).toBe('auto');
    expect(again.sheets[0].mapping!.columns.map((c) => [c.index, c.target])).toEqual([
      [0, { field: 'communes' }],
      [1, { field: 'kind' }],
      [2, { field: 'name' }],
    ]);
  });
});
