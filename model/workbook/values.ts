// Tolerant readers of single cell values: what people type in spreadsheets, read into the
// strict values of `articulation/1`. Each returns the value or a French message saying what
// was expected; the caller adds the sheet, row and column.
import { isCalendarDate } from '../dates.ts';
import { foldText } from '../text.ts';
import { isDateCell, isErrorCell, type Cell } from './types.ts';

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };
const ok = <T>(value: T, warning?: string): Parsed<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const no = (message: string): Parsed<never> => ({ ok: false, message });

/** A cell as the user sees it, for messages and for text fields. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell).replace('.', ',');
  if (typeof cell === 'boolean') return cell ? 'VRAI' : 'FAUX';
  if (isDateCell(cell)) return formatDateCell(cell.date);
  if (isErrorCell(cell)) return cell.error;
  return '';
}

export const isBlank = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** ISO date → 03/12/2018, the way French spreadsheets show it. */
export function formatDateCell(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Days from 1899-12-30 (the spreadsheet epoch) to a calendar date, in UTC arithmetic. */
export function serialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return d.toISOString().slice(0, 10);
}

const DMY = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** 03/12/2018, 3-12-18, 2018-12-03, a date cell or a serial number → 2018-12-03. */
export function parseDate(cell: Cell): Parsed<string> {
  if (isDateCell(cell)) return ok(cell.date);
  if (typeof cell === 'number') {
    const iso = Number.isInteger(cell) || cell > 1000 ? serialToIso(cell) : undefined;
    return iso && cell >= 3654 ? ok(iso) : no(`« ${cellText(cell)} » n'est pas une date (attendu : JJ/MM/AAAA)`);
  }
  const text = cellText(cell);
  let y: number, m: number, d: number;
  const dmy = DMY.exec(text);
  const ymd = YMD.exec(text);
  if (dmy) {
    [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    if (dmy[3].length === 2) y += y < 70 ? 2000 : 1900;
  } else if (ymd) {
    [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  } else if (/^\d{4,6}$/.test(text) && Number(text) > 3653) {
    // A serial number that a CSV export left as text.
    const iso = serialToIso(Number(text));
    if (iso) return ok(iso);
    return no(`« ${text} » n'est pas une date (attendu : JJ/MM/AAAA)`);
  } else if (/^\d{4}$/.test(text)) {
    return no(`« ${text} » : date incomplète, indiquez le jour (JJ/MM/AAAA)`);
  } else {
    return no(`« ${text} » n'est pas une date (attendu : JJ/MM/AAAA, par exemple 03/12/2018)`);
  }
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(iso) ? ok(iso) : no(`« ${text} » n'est pas une date du calendrier`);
}

/** 0,5 / 0.5 / 50 % / « 1 ETP » / a number cell → a number. */
export function parseNumber(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') return ok(cell);
  const text = cellText(cell);
  // Spaces (plain or non-breaking) group thousands in French: « 1 000 ».
  const normalised = text.toLowerCase().replace(/[\u00a0\u202f]/g, ' ').replace(/(\d) (?=\d{3}\b)/g, '$1');
  const m = /^(-?\d+(?:[.,]\d+)?)\s*(%|etp|par an|\/ ?an|fois par an)?$/.exec(normalised);
  if (!m) return no(`« ${text} » n'est pas un nombre`);
  const n = Number(m[1].replace(',', '.'));
  return ok(m[2] === '%' ? n / 100 : n);
}

/** A whole number of meetings a year: « 2 », « 2 par an ». */
export function parseCount(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return n;
  return Number.isInteger(n.value) && n.value >= 0 ? n : no(`« ${cellText(cell)} » : un nombre entier positif est attendu`);
}

const YES = new Set(['oui', 'o', 'vrai', 'x', 'yes', 'y', 'true', '1', 'ok', 'fait']);
const NO = new Set(['non', 'n', 'faux', 'no', 'false', '0', 'aucun', 'aucune']);

/** Oui / Non (and VRAI, FAUX, x, 1, 0…) → a boolean. */
export function parseBoolean(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number' && (cell === 0 || cell === 1)) return ok(cell === 1);
  const folded = foldText(cellText(cell));
  if (YES.has(folded)) return ok(true);
  if (NO.has(folded)) return ok(false);
  return no(`« ${cellText(cell)} » : attendu « Oui » ou « Non »`);
}

/**
 * The items of a list cell, separated by `;`, `,` or line breaks (`separators: 'strong'` keeps
 * commas inside items, for names that may hold one). Empty items are dropped.
 */
export function splitList(cell: Cell, separators: 'all' | 'strong' = 'all'): string[] {
  const text = cellText(cell);
  if (!text) return [];
  const pattern = separators === 'all' ? /[;,\n\r]+/ : /[;\n\r]+/;
  return text
    .split(pattern)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const NONE_WORDS = new Set(['aucun', 'aucune', 'neant', 'none', 'sans objet']);

/** « Aucun » (or « Néant »): a list known to be empty, not an unknown one. */
export function isNoneCell(cell: Cell): boolean {
  return NONE_WORDS.has(foldText(cellText(cell)));
}
