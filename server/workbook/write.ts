// Writing a WorkbookSpec (model/workbook/spec.ts) as XLSX or ODS bytes.
//
// XLSX: exceljs, because it writes what SheetJS's community edition does not — drop-down lists
// (data validation) and a frozen header row — besides column widths and number formats.
// ODS: SheetJS (@e965/xlsx), the maintained JavaScript library that writes OpenDocument; its
// community edition writes values, date cells and column widths, but neither frozen rows nor
// validation lists (the Lisez-moi sheet lists every vocabulary instead).
// Dates are written as spreadsheet serial numbers with a dd/mm/yyyy format, never through a JS
// Date in local time, so that no time zone can move them.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { safeSheetName, type ColumnSpec, type OutCell, type SheetSpec, type WorkbookSpec } from '../../model/workbook/spec.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ODS_CONTENT_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

export const WORKBOOK_FORMATS = ['xlsx', 'ods'] as const;
export type WorkbookFormat = (typeof WORKBOOK_FORMATS)[number];

/** A spec as a file of either format, with its media type. */
export async function writeWorkbook(spec: WorkbookSpec, format: WorkbookFormat): Promise<{ body: Uint8Array; contentType: string }> {
  return format === 'xlsx' ? { body: await writeXlsx(spec), contentType: XLSX_CONTENT_TYPE } : { body: writeOds(spec), contentType: ODS_CONTENT_TYPE };
}

const FRENCH_DATE = 'dd/mm/yyyy';
const NUMBER_FORMATS: Record<NonNullable<ColumnSpec['format']>, string> = { integer: '#,##0', decimal: '#,##0.00', percent: '0.0" %"' };
/** Rows that get a drop-down list in the XLSX template (enough for a département's data). */
const VALIDATION_ROWS = 5000;
/** The hidden sheet of drop-down values (the import ignores it by name). */
const LIST_SHEET = 'Listes';

/** Days from the spreadsheet epoch (1899-12-30) to a calendar date, in UTC arithmetic. */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

const isDate = (cell: OutCell): cell is { date: string } => typeof cell === 'object' && cell !== null;

export async function writeXlsx(spec: WorkbookSpec): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Planificateur d'articulation CLS, CLSM et PTSM";
  if (spec.title) book.title = spec.title;
  // A hidden sheet, added last, holds the drop-down lists: Excel limits an inline list to 255 characters.
  const lists = new Map<string, { values: readonly string[]; range: string }>();
  const listRange = (values: readonly string[]): string => {
    const key = values.join('\u0000');
    let entry = lists.get(key);
    if (!entry) {
      const letter = columnLetter(lists.size + 1);
      entry = { values, range: `${LIST_SHEET}!$${letter}$1:$${letter}$${values.length}` };
      lists.set(key, entry);
    }
    return entry.range;
  };
  for (const sheetSpec of spec.sheets) {
    const sheet = book.addWorksheet(safeSheetName(sheetSpec.name), sheetSpec.freezeHeader ? { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] } : {});
    sheet.columns = sheetSpec.columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
    if (!sheetSpec.noHeader) {
      const header = sheet.addRow(sheetSpec.columns.map((c) => c.header));
      header.font = { bold: true };
      header.alignment = { vertical: 'middle', wrapText: true };
    }
    for (const row of sheetSpec.rows) {
      const added = sheet.addRow(row.map((cell) => (isDate(cell) ? isoToSerial(cell.date) : cell)));
      row.forEach((cell, i) => {
        if (isDate(cell)) added.getCell(i + 1).numFmt = FRENCH_DATE;
      });
    }
    if (sheetSpec.noHeader && sheetSpec.rows.length > 0) sheet.getRow(1).font = { bold: true, size: 14 };
    sheetSpec.columns.forEach((c, i) => {
      if (!c.list || sheetSpec.noHeader) return;
      const letter = columnLetter(i + 1);
      const last = Math.max(VALIDATION_ROWS, sheetSpec.rows.length + 1);
      validationsOf(sheet).add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [listRange(c.list)],
        showErrorMessage: false, // other words are accepted on import: the list only helps
      });
    });
  }
  if (lists.size > 0) {
    const sheet = book.addWorksheet(LIST_SHEET, { state: 'veryHidden' });
    [...lists.values()].forEach((list, column) => list.values.forEach((v, i) => (sheet.getCell(i + 1, column + 1).value = v)));
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** exceljs keeps a sheet's validations in `dataValidations`, which its typings omit; ranges (A2:A5000) are accepted. */
const validationsOf = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

function columnStyle(c: ColumnSpec): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (c.wrap) style.alignment = { wrapText: true, vertical: 'top' };
  else style.alignment = { vertical: 'top' };
  if (c.format) style.numFmt = NUMBER_FORMATS[c.format];
  return style;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function writeOds(spec: WorkbookSpec): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const sheetSpec of spec.sheets) XLSX.utils.book_append_sheet(book, odsSheet(sheetSpec), safeSheetName(sheetSpec.name));
  if (spec.title) book.Props = { Title: spec.title };
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'ods', compression: true }) as ArrayBuffer);
}

function odsSheet(spec: SheetSpec): XLSX.WorkSheet {
  const rows: OutCell[][] = spec.noHeader ? spec.rows : [spec.columns.map((c) => c.header), ...spec.rows];
  const sheet: XLSX.WorkSheet = {};
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      const address = XLSX.utils.encode_cell({ r, c });
      if (isDate(cell)) sheet[address] = { t: 'd', v: new Date(`${cell.date}T00:00:00Z`), z: FRENCH_DATE };
      else if (typeof cell === 'number') sheet[address] = { t: 'n', v: cell, ...(spec.columns[c]?.format ? { z: NUMBER_FORMATS[spec.columns[c].format!] } : {}) };
      else if (typeof cell === 'boolean') sheet[address] = { t: 'b', v: cell };
      else sheet[address] = { t: 's', v: cell };
    });
  });
  const width = rows.reduce((max, r) => Math.max(max, r.length), spec.columns.length);
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: Math.max(width - 1, 0) } });
  sheet['!cols'] = spec.columns.map((c) => ({ wch: c.width }));
  return sheet;
}
