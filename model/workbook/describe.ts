// One problem as one French line, for the CLI and for lists of problems:
// « Dispositifs, ligne 7, colonne « Communes » (« Saint-Denis ») : nom ambigu… (candidats : …) ».
import type { ImportProblem } from './types.ts';

/** Where a problem is: « feuille « Dispositifs », ligne 7, colonne « Communes » » (empty for the whole workbook). */
export function describeWhere(p: Pick<ImportProblem, 'sheet' | 'row' | 'column'>): string {
  return [p.sheet ? `feuille « ${p.sheet} »` : undefined, p.row !== undefined ? `ligne ${p.row}` : undefined, p.column ? `colonne « ${p.column} »` : undefined].filter(Boolean).join(', ');
}

export function describeProblem(p: ImportProblem): string {
  const where = describeWhere(p);
  const value = p.value !== undefined && !p.message.includes(`« ${p.value} »`) ? ` (valeur « ${p.value} »)` : '';
  const candidates = p.candidates?.length && !p.message.includes(p.candidates[0]) ? ` — possibilités : ${p.candidates.join(' ; ')}` : '';
  return `${where ? `${where}${value} : ` : ''}${p.message}${candidates}`;
}
