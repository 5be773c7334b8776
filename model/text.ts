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
