// French words people type for the closed vocabularies (kinds, statuses, stages, opinions,
// roles, funders, forms, link kinds, priorities) and the open one (themes), read accent-,
// case- and plural-insensitively. Each vocabulary lists its values with the label the export
// writes (from vocabulary.ts, one place for each label) and the other words accepted.
import { foldText, slugify } from '../text.ts';
import {
  ARTICULATION_FORM_LABELS,
  AVIS_OPINION_LABELS,
  AVIS_OPINION_WORDS,
  AVIS_STAGE_LABELS,
  COPIL_ROLES,
  FUNDER_LABELS,
  LINK_KIND_LABELS,
  MECHANISM_KIND_LABELS,
  MECHANISM_KINDS,
  MECHANISM_STATUS_LABELS,
  opinionFromText,
  PRIORITIES,
  PRIORITY_LABELS,
  THEMES,
  type MechanismKind,
  type Priority,
} from '../vocabulary.ts';

export interface VocabularyValue<T extends string = string> {
  value: T;
  /** What the export writes and the template's drop-down offers. */
  label: string;
  /** Other accepted words. */
  synonyms?: readonly string[];
}

export interface Vocabulary<T extends string = string> {
  /** French name of the list, for messages and the Lisez-moi sheet. */
  name: string;
  values: readonly VocabularyValue<T>[];
  /** Accepted values beyond the list (themes and objectives): unknown words become new ids. */
  open?: boolean;
  /** The value a word stands for. */
  read(text: string): T | undefined;
}

/** Folded and singular: « Élus » and « elu » meet. */
export function vocabKey(text: string): string {
  return foldText(text)
    .split(' ')
    .map((w) => (w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w))
    .join(' ');
}

/** A vocabulary read through its values, labels and synonyms (by `vocabKey`), unless the model already reads it (`read`). */
function vocabulary<T extends string>(name: string, values: readonly VocabularyValue<T>[], options: { open?: boolean; read?: (text: string) => T | undefined } = {}): Vocabulary<T> {
  if (options.read) return { name, values, open: options.open ?? false, read: options.read };
  const words = new Map<string, T>();
  for (const v of values) for (const word of [v.value, v.label, ...(v.synonyms ?? [])]) if (!words.has(vocabKey(word))) words.set(vocabKey(word), v.value);
  return { name, values, open: options.open ?? false, read: (text) => words.get(vocabKey(text)) };
}

const labelled = <T extends string>(labels: Record<T, string>, synonyms: Partial<Record<T, readonly string[]>> = {}): VocabularyValue<T>[] =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value], synonyms: synonyms[value] }));

export const KINDS = vocabulary<MechanismKind>(
  'types de dispositif',
  MECHANISM_KINDS.map((kind) => ({ value: kind, label: kind, synonyms: [MECHANISM_KIND_LABELS[kind]] })).map((v) =>
    v.value === 'CLSM' ? { ...v, synonyms: [...v.synonyms, 'Conseil local en santé mentale', 'CLSM intercommunal'] } : v,
  ),
);

export const STATUSES = vocabulary(
  'statuts',
  labelled(MECHANISM_STATUS_LABELS, {
    project: ['projet', 'en préparation', 'en construction', 'en création', 'en cours de création', "en cours d'élaboration", 'à venir', 'prévu', 'planned'],
    active: ['active', 'actif', 'en cours', 'en fonctionnement', 'en activité', 'opérationnel', 'signé', 'adopté'],
    dormant: ['sommeil', 'inactif', 'inactive', 'en veille', 'suspendu', 'à relancer'],
    ended: ['terminée', 'fini', 'clos', 'clôturé', 'échu', 'expiré', 'arrêté', 'dissous', 'fermé'],
  }),
);

export const STAGES = vocabulary('étapes d’avis', [
  { value: 'diagnostic', label: 'Diagnostic', synonyms: [AVIS_STAGE_LABELS.diagnostic, 'DTP', 'diag', 'diagnostic partagé'] },
  { value: 'projet', label: 'Projet', synonyms: [AVIS_STAGE_LABELS.projet, 'projet territorial de santé mentale', 'PTSM', 'projet de PTSM'] },
] as const);

/** Opinions are read as everywhere else in the format (`opinionFromText`), with its words. */
export const OPINIONS = vocabulary('avis', labelled(AVIS_OPINION_LABELS, AVIS_OPINION_WORDS), { read: opinionFromText });

const ROLE_SYNONYMS: Record<string, readonly string[]> = {
  elu: ['élus', 'élu local', 'maire', 'collectivité', 'président'],
  psychiatrie: ['psychiatrie publique', 'secteur psychiatrique', 'établissement psychiatrique', 'centre hospitalier', 'CH'],
  usagers: ['usager', 'personnes concernées', 'représentants des usagers', 'patients', 'GEM'],
  aidants: ['aidant', 'familles', 'proches', 'UNAFAM'],
  ars: ['ARS', 'délégation départementale'],
  'professionnels-sante': ['professionnels de santé', 'médecins', 'libéraux'],
  social: ['acteurs sociaux', 'médico-social', 'social et médico-social'],
  logement: ['bailleurs', 'bailleurs sociaux'],
  education: ['éducation nationale', 'éducation'],
  justice: ['police', 'justice', 'gendarmerie'],
  ccas: ['CCAS'],
  departement: ['conseil départemental', 'département'],
  habitants: ['habitants'],
};
export const ROLES = vocabulary(
  'rôles au COPIL',
  COPIL_ROLES.map((r) => ({ value: r.id, label: r.label, synonyms: ROLE_SYNONYMS[r.id] })),
);

export const FUNDERS_VOCABULARY = vocabulary(
  'financeurs',
  labelled(FUNDER_LABELS, {
    collectivite: ['commune', 'ville', 'EPCI', 'intercommunalité', 'mairie', 'collectivités'],
    psychiatrie: ['psychiatrie', 'centre hospitalier', 'CH', 'hôpital', 'établissement de santé mentale'],
    ars: ['agence régionale de santé', 'FIR'],
    etat: ['préfecture', 'politique de la ville'],
    departement: ['département', 'CD'],
  }),
);

export const FORMS = vocabulary('formes d’articulation', labelled(ARTICULATION_FORM_LABELS, { copil: ['COPIL', 'comité de pilotage'] }));

export const LINK_KINDS_VOCABULARY = vocabulary(
  'types de lien',
  labelled(LINK_KIND_LABELS, {
    avis: ['avis'],
    contribution: ['contribution', 'contribue au PTSM'],
    declinaison: ['déclinaison', 'déclinaison du PTSM'],
    'volet-sante-mentale': ['volet santé mentale', 'volet SM'],
    'prise-en-compte': ['prise en compte', 'prend en compte le PTSM'],
    articulation: ['partenariat', 'lien'],
  }),
);

export const PRIORITIES_VOCABULARY = vocabulary<Priority>(
  'priorités et objectifs',
  PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })),
);

export const THEMES_VOCABULARY = vocabulary(
  'thèmes',
  THEMES.map((t) => ({ value: t.id, label: t.label })),
  { open: true },
);

/** The value a word stands for, if the vocabulary knows it. */
export function lookup<T extends string>(vocab: Vocabulary<T>, text: string): T | undefined {
  return vocab.read(text);
}

/** A kind, also from a name that begins with its acronym (« CLSM intercommunal du Niortais »). */
export function lookupKind(text: string): MechanismKind | undefined {
  const exact = lookup(KINDS, text);
  if (exact) return exact;
  const first = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase();
  return first && (MECHANISM_KINDS as readonly string[]).includes(first) ? (first as MechanismKind) : undefined;
}

/**
 * A priority: its id, its label, or (given the mechanism's kind) the id's second part
 * (« prevention » on a CLSM → clsm.prevention).
 */
export function lookupPriority(text: string, kind: MechanismKind | undefined): Priority | undefined {
  const exact = lookup(PRIORITIES_VOCABULARY, text);
  if (exact) return exact;
  if (!kind) return undefined;
  const candidate = `${kind.toLowerCase()}.${slugify(text)}`;
  return (PRIORITIES as readonly string[]).includes(candidate) ? (candidate as Priority) : undefined;
}

/** A theme of the shipped list, else a new id made from the words (the list is open). */
export function lookupTheme(text: string): { value: string; known: boolean } {
  const known = lookup(THEMES_VOCABULARY, text);
  return known ? { value: known, known: true } : { value: slugify(text), known: false };
}

/** The label the export writes for a value. */
export function labelOf<T extends string>(vocab: Vocabulary<T>, value: T | string): string {
  return vocab.values.find((v) => v.value === value)?.label ?? value;
}

/** « a, b ou c » for messages: the labels users may type. */
export function expectedLabels(vocab: Vocabulary): string {
  const labels = vocab.values.map((v) => `« ${v.label} »`);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} ou ${labels[labels.length - 1]}`;
}
