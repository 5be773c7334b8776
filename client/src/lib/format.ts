// French formatting of numbers, shares and dates (pure). Counts with their noun: plural() in model/text.ts.
import { formatDateFr } from '../../../model/dates.ts';

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** 107000 → "107 000" (with a narrow no-break space, as Intl does). */
export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : integer.format(n);
}

/** 42.5 → "42,5 %"; null → "—" (not computable). */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? '—' : `${decimal1.format(p)} %`;
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : decimal1.format(n);
}

/** "2021-06-09" → "9 juin 2021"; undefined → "—". */
export function formatDate(date: string | undefined | null): string {
  return date ? formatDateFr(date) : '—';
}

/** An ISO timestamp as a French day ("15/01/2026"); null → "jamais". */
export function formatDay(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleDateString('fr-FR') : 'jamais';
}

/** An ISO timestamp as a French date and time, to the second. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });
}

/** A text cut to `n` characters, with an ellipsis when it was longer. */
export function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
