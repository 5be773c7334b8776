// Text helpers. Accent- and case-insensitive folding: French place names need it ("saint etienne"
// must find "Saint-Étienne"); French number formats; and the grammar of generated messages
// (articles before mechanism names, plurals, enumerations).

import type { MechanismKind } from './vocabulary.ts';

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

// ---------------------------------------------------------------------------------------------
// French grammar for generated messages. Mechanism names usually begin with the acronym of their
// kind ("CLSM de Niort", "CPTS du Niortais", "ASV de Thouars"): pasted as is into a sentence they
// lack their article ("Le COPIL de CLSM de Niort"). These helpers put the article, or the
// contracted article and preposition, that the leading acronym calls for. Apostrophes are
// straight ('), like the rest of the rule messages.

/** How a kind acronym takes its article: le CLSM, la CPTS, l'ASV. */
type Gender = 'masculine' | 'feminine' | 'elided';

const KIND_GENDERS = {
  CLSM: 'masculine', // le conseil
  CLS: 'masculine', // le contrat
  PTSM: 'masculine', // le projet
  DAC: 'masculine', // le dispositif
  CPTS: 'feminine', // la communauté
  ASV: 'elided', // l'atelier
} as const satisfies Record<MechanismKind, Gender>;

/** A kind acronym at the very start of a name, as a whole word and in capitals ("CLSM-Niort" counts, "CLSMs" and "clsm" do not). */
const LEADING_KIND = /^(CLSM|CLS|PTSM|CPTS|DAC|ASV)(?![\p{L}\p{N}_])/u;

/** The kind acronym a name begins with ("CLSM de Niort" → "CLSM"), if any. */
const leadingKinds = new Map<string, MechanismKind | null>();

export function leadingKind(name: string): MechanismKind | undefined {
  // Names repeat across findings: remember them (bounded, so that a long-lived server does not grow).
  let kind = leadingKinds.get(name);
  if (kind === undefined) {
    kind = (LEADING_KIND.exec(name)?.[1] as MechanismKind | undefined) ?? null;
    if (leadingKinds.size > 100_000) leadingKinds.clear();
    leadingKinds.set(name, kind);
  }
  return kind ?? undefined;
}

const genderOf = (name: string): Gender | undefined => {
  const kind = leadingKind(name);
  return kind === undefined ? undefined : KIND_GENDERS[kind];
};

/** A leading masculine or plural definite article, which French contracts with « de » and « à » (le Relais → du Relais, au Relais). */
const LEADING_ARTICLE = /^(le|les) (?=\S)/i;

/** Whether « de » elides before `text` ("d'Atelier", "d'Élan"); an h is never taken as mute. */
const startsWithVowel = (text: string) => /^[aeiouyœæ]/i.test(text.normalize('NFD'));

/** The name with its definite article: "le CLSM de Niort", "la CPTS du Niortais", "l'ASV de Thouars"; any other name unchanged. */
export function theName(name: string): string {
  switch (genderOf(name)) {
    case 'masculine':
      return `le ${name}`;
    case 'feminine':
      return `la ${name}`;
    case 'elided':
      return `l'${name}`;
    default:
      return name;
  }
}

/** « de » before a text, elided before a vowel: "de Niort", "d'Atelier santé ville". No article is added. */
export function elideDe(text: string): string {
  return startsWithVowel(text) ? `d'${text}` : `de ${text}`;
}

/**
 * « de » and the name's article: "du CLSM de Niort", "de la CPTS du Niortais", "de l'ASV de Thouars".
 * Any other name is left as written after « de » (elided before a vowel: "d'Atelier santé ville"),
 * except that a leading « le »/« les » contracts ("du Relais", "des Sables-d'Olonne", "du pôle").
 */
export function ofName(name: string): string {
  switch (genderOf(name)) {
    case 'masculine':
      return `du ${name}`;
    case 'feminine':
      return `de la ${name}`;
    case 'elided':
      return `de l'${name}`;
  }
  const article = LEADING_ARTICLE.exec(name);
  if (article) return `${article[1].toLowerCase() === 'le' ? 'du' : 'des'} ${name.slice(article[0].length)}`;
  return elideDe(name);
}

/**
 * « à » and the name's article: "au CLSM de Niort", "à la CPTS du Niortais", "à l'ASV de Thouars".
 * Any other name is left as written after « à », except that a leading « le »/« les » contracts ("au Relais").
 */
export function toName(name: string): string {
  switch (genderOf(name)) {
    case 'masculine':
      return `au ${name}`;
    case 'feminine':
      return `à la ${name}`;
    case 'elided':
      return `à l'${name}`;
  }
  const article = LEADING_ARTICLE.exec(name);
  if (article) return `${article[1].toLowerCase() === 'le' ? 'au' : 'aux'} ${name.slice(article[0].length)}`;
  return `à ${name}`;
}

/** The first letter in capitals, for a sentence start: "le CLSM de Niort" → "Le CLSM de Niort". */
export function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  return char.toLocaleUpperCase('fr-FR') + text.slice(char.length);
}

/** The first letter in lower case, inside a sentence: "Population couverte" → "population couverte"; an acronym stays ("CLSM actifs"). */
export function uncapitalize(text: string): string {
  if (/^\p{Lu}[\p{Lu}\d]/u.test(text)) return text;
  return text.charAt(0).toLocaleLowerCase('fr-FR') + text.slice(1);
}

/**
 * A count and its noun, French style: singular below 2 ("0 commune", "1 commune", "1,5 an"),
 * plural from 2 ("3 communes", "59 854 habitants"). The plural defaults to the singular plus « s ».
 * The one plural rule of the project: `agree` gives the word alone, by the same rule.
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  // Small integers need no grouping: skip Intl (hot in rule messages).
  const number = Number.isInteger(n) && n > -1000 && n < 1000 ? String(n) : formatDecimal(n);
  return `${number} ${agree(n, singular, pluralForm)}`;
}

/** The word that agrees with a count, without the count: agree(3, 'reçu') → "reçus", agree(1, 'reçu') → "reçu". */
export function agree(n: number, singular: string, pluralForm = `${singular}s`): string {
  return Math.abs(n) >= 2 ? pluralForm : singular;
}

/** A French enumeration: "a", "a et b", "a, b et c" (no comma before « et »). */
export function listFr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
