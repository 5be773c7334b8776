// ISO calendar dates (YYYY-MM-DD) compared as strings: the format sorts lexically.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date: 2024-02-29 yes, 2023-02-29 and 2021-13-45 no. */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// en-CA formats dates as YYYY-MM-DD; the product's reference time zone is Paris.
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in ISO form, in Paris (not UTC: between midnight and 2 a.m. they differ). */
export function today(): string {
  return PARIS_DATE.format(new Date());
}

/** The date `years` years after `date` (29 February falls to 28 February). */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  let rest = date.slice(4);
  if (rest === '-02-29' && !isCalendarDate(`${year}-02-29`)) rest = '-02-28';
  return `${String(year).padStart(4, '0')}${rest}`;
}

/** One entry of a dated status history: the status from its date on (DOMAIN.md §4). */
export interface StatusEntry<S extends string = string> {
  status: S;
  from: string;
}

export interface Dated<S extends string = string> {
  status: S;
  statusHistory?: readonly StatusEntry<S>[] | undefined;
  dates?: { start?: string; end?: string } | undefined;
}

/**
 * The status of a mechanism at a date, the one answer every reader uses (DOMAIN.md §4). With a
 * history, the last entry whose date is on or before `date` (undefined before the first: the
 * mechanism did not exist yet); without one, its current `status`.
 */
export function statusAt<S extends string>(mechanism: Dated<S>, date: string): S | undefined {
  const history = mechanism.statusHistory;
  if (history === undefined || history.length === 0) return mechanism.status;
  let status: S | undefined;
  for (const entry of history) {
    if (entry.from > date) break; // entries are in date order (validate.ts)
    status = entry.status;
  }
  return status;
}

/**
 * DOMAIN.md §4: active at d when start ≤ d ≤ end (bounds optional) and the status at d is
 * `active`. Without a history, `ended` with an end date also counts (so that history can be
 * replayed); with one, the history alone says the status.
 */
export function isActiveAt(mechanism: Dated, date: string): boolean {
  const start = mechanism.dates?.start;
  const end = mechanism.dates?.end;
  const status = statusAt(mechanism, date);
  const dated = mechanism.statusHistory !== undefined && mechanism.statusHistory.length > 0;
  if (status === 'active' || (!dated && status === 'ended' && end !== undefined)) {
    return (start === undefined || start <= date) && (end === undefined || end >= date);
  }
  return false;
}

/**
 * When the mechanism began, if known: its `start`, or else the first `active` entry of its
 * history (DOMAIN.md §4). Undefined means "since an unknown date", never "not yet".
 */
export function knownStart(mechanism: Dated): string | undefined {
  return mechanism.dates?.start ?? mechanism.statusHistory?.find((e) => e.status === 'active')?.from;
}

/** "2021-06-09" → "9 juin 2021", for messages users read. */
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function formatDateFr(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}
