// Accent- and case-insensitive text helpers: French place names need them
// ("saint etienne" must find "Saint-Étienne").

/** Lower case, no diacritics, punctuation folded to single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A vocabulary id from free text: "Cas complexes" → "cas-complexes". */
export function slugify(text: string): string {
  return foldText(text).replace(/ /g, '-');
}

// Built once: an Intl.NumberFormat costs far more to build than to use.
const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** 123456 → "123 456", French style. */
export function formatInteger(n: number): string {
  return INTEGER.format(n);
}

/** 0.75 → "0,75", French style (at most two decimals). */
export function formatDecimal(n: number): string {
  return DECIMAL.format(n);
}
