// Shared types of the spreadsheet import and export. Everything here is plain data that
// survives structured cloning, so a Web Worker can read a file and post the result back.

/** A calendar date read from a date cell or a serial number: never a time-zone-dependent Date. */
export interface DateCell {
  date: string; // YYYY-MM-DD
}
/** A formula whose result is an error (#REF!, #DIV/0!…). */
export interface ErrorCell {
  error: string;
}
export type Cell = string | number | boolean | DateCell | ErrorCell | null;

export const isDateCell = (c: Cell): c is DateCell => typeof c === 'object' && c !== null && 'date' in c;
export const isErrorCell = (c: Cell): c is ErrorCell => typeof c === 'object' && c !== null && 'error' in c;

/** A merged range, 0-based and inclusive (as the libraries give it). */
export interface MergedRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface RawSheet {
  name: string;
  /** rows[i] is sheet row i + 1 (1-based in messages); cells[j] is column j (A = 0). Trailing empty cells may be missing. */
  rows: Cell[][];
  merges: MergedRange[];
}

export type WorkbookFormat = 'xlsx' | 'ods' | 'xls' | 'csv';

export interface RawWorkbook {
  format: WorkbookFormat;
  sheets: RawSheet[];
  /** CSV only: what was detected, said back to the user. */
  csv?: { delimiter: string; encoding: 'utf-8' | 'windows-1252'; bom: boolean };
}

/** The sheets of our template, and what a sheet of any workbook may be read as. */
export const SHEET_KINDS = ['mechanisms', 'people', 'links', 'avis'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

export const SHEET_NAMES: Record<SheetKind, string> = {
  mechanisms: 'Dispositifs',
  people: 'Personnes',
  links: 'Liens',
  avis: 'Avis',
};
/** The template's other sheets: the dataset's own fields, and the explanations. */
export const DATASET_SHEET_NAME = 'Jeu de données';
export const README_SHEET_NAME = 'Lisez-moi';

/**
 * A problem found while importing, tied to what the user sees: the sheet, its row number
 * (1-based, as the spreadsheet shows it), the column header and the cell's value.
 * `error` blocks the import; `warning` says what was assumed and lets it through.
 */
export interface ImportProblem {
  severity: 'error' | 'warning';
  message: string;
  sheet?: string;
  row?: number;
  column?: string;
  value?: string;
  /** Ambiguous names: the places or records the value could mean, in French. */
  candidates?: string[];
  /**
   * A problem about a record as a whole (no cell to point at) names it, as the JSON import does:
   * « Dispositif « CLSM de Niort » », « Lien « Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) » ».
   */
  record?: string;
}

export type ReadResult = { ok: true; workbook: RawWorkbook } | { ok: false; problem: ImportProblem };
