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

export interface Dated {
  status: string;
  dates?: { start?: string; end?: string } | undefined;
}

/**
 * docs/format.md, « Actif à une date »: active at d when start ≤ d ≤ end (bounds optional) and the status is
 * `active`, or `ended` with an end date (so that history can be replayed).
 */
export function isActiveAt(mechanism: Dated, date: string): boolean {
  const start = mechanism.dates?.start;
  const end = mechanism.dates?.end;
  if (mechanism.status === 'active' || (mechanism.status === 'ended' && end !== undefined)) {
    return (start === undefined || start <= date) && (end === undefined || end >= date);
  }
  return false;
}

/** "2021-06-09" → "9 juin 2021", for messages users read. */
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function formatDateFr(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}
