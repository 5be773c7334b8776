// The rows of mapped sheets as inputs to the resolver: cells by field key, extra columns, the
// user's corrections applied and skipped rows set aside. Also the problem helper every parser
// of a row uses, so that each problem names its sheet, row, column and value.
import { SHEET_FIELDS } from './columns.ts';
import type { SheetMapping } from './mapping.ts';
import { isErrorCell, type Cell, type ImportProblem, type RawWorkbook, type SheetKind } from './types.ts';
import { cellText, isBlank } from './values.ts';

export interface RowRef {
  sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  row: number;
}
/** A correction typed in the preview: the cell under `column` (its header) now reads `value`. */
export interface CellEdit extends RowRef {
  column: string;
  value: string;
}

export interface RowInput extends RowRef {
  kind: SheetKind;
  /** Field key → the cell and its column header. Blank cells are absent. */
  cells: Map<string, { cell: Cell; header: string }>;
  /** Extra columns, in sheet order: key (the header) and cell. */
  extras: { key: string; header: string; cell: Cell }[];
  /** Field keys mapped on this sheet (whether or not this row fills them) → the sheet's header for it. */
  mapped: ReadonlyMap<string, string>;
  problems: ImportProblem[];
}

export const rowKey = (ref: RowRef): string => `${ref.sheet}\u0000${ref.row}`;

/** Rows of every mapped sheet, blank rows dropped; skipped rows are returned apart. */
export function collectRows(workbook: RawWorkbook, mappings: readonly SheetMapping[], edits: readonly CellEdit[], skip: readonly RowRef[]): { rows: RowInput[]; skipped: (RowRef & { kind: SheetKind })[]; problems: ImportProblem[] } {
  const skipped = new Set(skip.map(rowKey));
  const editsByRow = new Map<string, CellEdit[]>();
  for (const e of edits) {
    const key = rowKey(e);
    const list = editsByRow.get(key);
    if (list) list.push(e);
    else editsByRow.set(key, [e]);
  }
  const rows: RowInput[] = [];
  const skippedRows: (RowRef & { kind: SheetKind })[] = [];
  const problems: ImportProblem[] = [];
  for (const mapping of mappings) {
    const sheet = workbook.sheets.find((s) => s.name === mapping.sheet);
    if (!sheet) {
      problems.push({ severity: 'error', sheet: mapping.sheet, message: `feuille introuvable « ${mapping.sheet} » dans le classeur` });
      continue;
    }
    const known = new Set(SHEET_FIELDS[mapping.kind].map((f) => f.key));
    const mapped = new Map<string, string>();
    for (const c of mapping.columns) {
      if ('field' in c.target) {
        if (!known.has(c.target.field)) problems.push({ severity: 'error', sheet: mapping.sheet, column: c.header, message: `champ inconnu « ${c.target.field} » pour la colonne « ${c.header} »` });
        else if (!mapped.has(c.target.field)) mapped.set(c.target.field, c.header);
      }
    }
    for (let r = mapping.headerRow; r < sheet.rows.length; r++) {
      const ref = { sheet: mapping.sheet, row: r + 1 };
      const source = sheet.rows[r] ?? [];
      const rowEdits = editsByRow.get(rowKey(ref));
      const cellAt = (c: (typeof mapping.columns)[number]): Cell => {
        const edit = rowEdits?.find((e) => e.column === c.header);
        return edit ? edit.value : (source[c.index] ?? null);
      };
      if (!rowEdits && source.every(isBlank)) continue;
      if (rowEdits && mapping.columns.every((c) => isBlank(cellAt(c))) && source.every(isBlank)) continue;
      if (skipped.has(rowKey(ref))) {
        skippedRows.push({ ...ref, kind: mapping.kind });
        continue;
      }
      const input: RowInput = { ...ref, kind: mapping.kind, cells: new Map(), extras: [], mapped, problems: [] };
      for (const c of mapping.columns) {
        if ('ignore' in c.target) continue;
        const cell = cellAt(c);
        if (isBlank(cell)) continue;
        if (isErrorCell(cell)) {
          input.problems.push({ severity: 'error', sheet: ref.sheet, row: ref.row, column: c.header, value: cell.error, message: `la formule de la cellule donne une erreur (${cell.error}) : corrigez-la ou remplacez-la par une valeur` });
          continue;
        }
        if ('field' in c.target) {
          if (known.has(c.target.field)) input.cells.set(c.target.field, { cell, header: c.header });
        } else input.extras.push({ key: c.target.extra, header: c.header, cell });
      }
      if (input.cells.size === 0 && input.extras.length === 0 && input.problems.length === 0) continue;
      rows.push(input);
    }
  }
  return { rows, skipped: skippedRows, problems };
}

/** Problems about one row, with its sheet and row number, and the column and value when given. */
export class RowProblems {
  constructor(private readonly input: RowInput) {}

  /** An error or warning about the cell of `field`. */
  at(field: string, message: string, options: { value?: string; candidates?: string[]; severity?: 'error' | 'warning' } = {}): void {
    const entry = this.input.cells.get(field);
    this.push({
      severity: options.severity ?? 'error',
      message,
      column: entry?.header,
      value: options.value ?? (entry ? cellText(entry.cell) : undefined),
      candidates: options.candidates,
    });
  }

  /** A problem about the row as a whole, or a column it does not fill. */
  row(message: string, options: { column?: string; severity?: 'error' | 'warning' } = {}): void {
    this.push({ severity: options.severity ?? 'error', message, column: options.column });
  }

  private push(p: Omit<ImportProblem, 'sheet' | 'row'>): void {
    const problem: ImportProblem = { severity: p.severity, sheet: this.input.sheet, row: this.input.row, message: p.message };
    if (p.column !== undefined) problem.column = p.column;
    if (p.value !== undefined && p.value !== '') problem.value = p.value;
    if (p.candidates && p.candidates.length > 0) problem.candidates = p.candidates;
    this.input.problems.push(problem);
  }
}

/** An extra column's value: text, number, yes/no, a date as ISO; JSON objects and lists written by the export come back as such. */
export function extraValue(cell: Cell): unknown {
  if (typeof cell === 'object' && cell !== null && 'date' in cell) return cell.date;
  if (typeof cell !== 'string') return cell;
  const text = cell.trim();
  if ((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']'))) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
