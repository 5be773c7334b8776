// One problem as one French line, for the CLI and for lists of problems:
// « Dispositifs, ligne 7, colonne « Communes » (« Saint-Denis ») : nom ambigu… (candidats : …) »;
// a problem about a record as a whole names it first: « Lien « … » (feuille « Liens », ligne 4) : … ».
import type { ImportProblem } from './types.ts';

/** Where a problem is: « feuille « Dispositifs », ligne 7, colonne « Communes » » (empty for the whole workbook). */
export function describeWhere(p: Pick<ImportProblem, 'sheet' | 'row' | 'column'>): string {
  return [p.sheet ? `feuille « ${p.sheet} »` : undefined, p.row !== undefined ? `ligne ${p.row}` : undefined, p.column ? `colonne « ${p.column} »` : undefined].filter(Boolean).join(', ');
}

/** Where a problem is, its record first when it is about a record as a whole: « Dispositif « CLSM de Niort » (feuille « Dispositifs », ligne 7) ». */
export function describePlace(p: Pick<ImportProblem, 'sheet' | 'row' | 'column' | 'record'>): string {
  const where = describeWhere(p);
  return p.record ? `${p.record}${where ? ` (${where})` : ''}` : where;
}

export function describeProblem(p: ImportProblem): string {
  const where = describePlace(p);
  const value = p.value !== undefined && !p.message.includes(`« ${p.value} »`) ? ` (valeur « ${p.value} »)` : '';
  const candidates = p.candidates?.length && !p.message.includes(p.candidates[0]) ? ` — possibilités : ${p.candidates.join(' ; ')}` : '';
  return `${where ? `${where}${value} : ` : ''}${p.message}${candidates}`;
}
