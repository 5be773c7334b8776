// A workbook to write, described as plain data: sheets, columns (French header, width, number
// format, drop-down list) and rows of cells. Built by the pure layouts (dataset, template,
// tables) and turned into XLSX or ODS bytes by server/workbook/write.ts.

/** A cell to write; dates as calendar dates, written as real date cells shown 07/12/2026. */
export type OutCell = string | number | boolean | { date: string } | null;

export interface ColumnSpec {
  header: string;
  /** Width in characters. */
  width: number;
  /** How numbers show: integers, two decimals, a percentage (the value is already 0–100). */
  format?: 'integer' | 'decimal' | 'percent';
  /** A closed vocabulary: the XLSX gets a drop-down list on this column. */
  list?: readonly string[];
  /** Long texts wrap inside the cell. */
  wrap?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  rows: OutCell[][];
  /** The header row is frozen (stays visible while scrolling). */
  freezeHeader: boolean;
  /** No header row at all (the Lisez-moi sheet): rows are written from the first line. */
  noHeader?: boolean;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Document properties. */
  title?: string;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] (both formats refuse them). */
export function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Feuille';
}
