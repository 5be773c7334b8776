// French formatting of numbers, shares and dates (pure).
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

/** "1 dispositif" / "3 dispositifs". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatInt(n)} ${n === 1 || n === 0 ? singular : pluralForm}`;
}
