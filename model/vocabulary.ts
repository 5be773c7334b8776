// Every controlled vocabulary and its French labels, in one place: the domain's (kinds,
// statuses, links, avis, priorities, governance; see docs/format.md and docs/vocabulaires.md)
// and the application's (severities and categories of findings, account roles, journal).
// Each labels map is typed by its union: a new value cannot lack its label.
import themesFile from '../data/themes.json' with { type: 'json' };
import { capitalize, foldText } from './text.ts';

export const MECHANISM_KINDS = ['CLSM', 'CLS', 'PTSM', 'CPTS', 'DAC', 'ASV'] as const;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];

export const MECHANISM_KIND_LABELS: Record<MechanismKind, string> = {
  CLSM: 'Conseil local de santé mentale',
  CLS: 'Contrat local de santé',
  PTSM: 'Projet territorial de santé mentale',
  CPTS: 'Communauté professionnelle territoriale de santé',
  DAC: "Dispositif d'appui à la coordination",
  ASV: 'Atelier santé ville',
};

export const MECHANISM_STATUSES = ['project', 'active', 'dormant', 'ended'] as const;
export type MechanismStatus = (typeof MECHANISM_STATUSES)[number];

export const MECHANISM_STATUS_LABELS: Record<MechanismStatus, string> = {
  project: 'En projet',
  active: 'Actif',
  dormant: 'En sommeil',
  ended: 'Terminé',
};

export const LINK_KINDS = [
  'avis',
  'contribution',
  'declinaison',
  'volet-sante-mentale',
  'prise-en-compte',
  'articulation',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  avis: 'Avis sur le PTSM',
  contribution: 'Contribution au PTSM',
  declinaison: 'Déclinaison locale du PTSM',
  'volet-sante-mentale': 'Volet santé mentale du CLS',
  'prise-en-compte': 'Prise en compte du PTSM',
  articulation: 'Articulation',
};

/** Which kinds may stand at each end of a link; `null` means any mechanism kind. */
export const LINK_ENDS: Record<LinkKind, { from: readonly MechanismKind[] | null; to: readonly MechanismKind[] | null }> = {
  avis: { from: ['CLSM'], to: ['PTSM'] },
  contribution: { from: ['CLSM', 'CLS', 'ASV', 'CPTS', 'DAC'], to: ['PTSM'] },
  declinaison: { from: ['CLSM', 'CLS'], to: ['PTSM'] },
  'volet-sante-mentale': { from: ['CLS'], to: ['CLSM'] },
  'prise-en-compte': { from: ['CLS'], to: ['PTSM'] },
  articulation: { from: null, to: null },
};

export const AVIS_STAGES = ['diagnostic', 'projet'] as const;
export type AvisStage = (typeof AVIS_STAGES)[number];
export const AVIS_STAGE_LABELS: Record<AvisStage, string> = {
  diagnostic: 'diagnostic territorial partagé',
  projet: 'projet territorial',
};

export const AVIS_OPINIONS = ['favorable', 'favorable-reserves', 'defavorable'] as const;
export type AvisOpinion = (typeof AVIS_OPINIONS)[number];
export const AVIS_OPINION_LABELS: Record<AvisOpinion, string> = {
  favorable: 'Favorable',
  'favorable-reserves': 'Favorable avec réserves',
  defavorable: 'Défavorable',
};

/** Where a CLSM's avis stands in a PTSM's checklist (model/avis.ts). */
export const AVIS_STATES = ['received', 'missing', 'late', 'awaited', 'not-required'] as const;
export type AvisState = (typeof AVIS_STATES)[number];
export const AVIS_STATE_LABELS: Record<AvisState, string> = {
  received: 'Reçu',
  missing: 'Manquant',
  late: 'En retard',
  awaited: 'Attendu',
  'not-required': 'Non requis',
};

/**
 * The other words people type for an opinion (spreadsheets, forms, imports), besides its id and
 * its label. The import's Lisez-moi sheet lists them.
 */
export const AVIS_OPINION_WORDS: Record<AvisOpinion, readonly string[]> = {
  favorable: ['avis favorable', 'positif'],
  'favorable-reserves': ['réservé', 'réserves', 'avec réserves', 'favorable sous réserves', 'avis favorable avec réserves', 'avis favorable sous réserves', 'avis réservé'],
  defavorable: ['avis défavorable', 'négatif'],
};

/** Folded (no accents, no case, punctuation as spaces), « réserve(s) », « réservé(e)(s) » as « reserves ». */
const opinionKey = (text: string) => foldText(text).replace(/\breserv(?:e|es|ee|ees)\b/g, 'reserves');
const OPINION_WORDS = new Map<string, AvisOpinion>(
  AVIS_OPINIONS.flatMap((opinion) => [opinion, AVIS_OPINION_LABELS[opinion], ...AVIS_OPINION_WORDS[opinion]].map((word) => [opinionKey(word), opinion] as const)),
);

/**
 * An opinion from what people type ("Favorable avec réserves", "réservé", "DÉFAVORABLE"), case-
 * and accent-insensitively (docs/format.md, « Un lien »): the one reading of an opinion, for the
 * JSON format and the spreadsheets alike. Undefined for an unknown word.
 */
export function opinionFromText(text: string): AvisOpinion | undefined {
  return OPINION_WORDS.get(opinionKey(text));
}

export const ARTICULATION_FORMS = ['copil', 'diagnostic-partage', 'feuille-de-route', 'convention', 'coordination'] as const;
export type ArticulationForm = (typeof ARTICULATION_FORMS)[number];
export const ARTICULATION_FORM_LABELS: Record<ArticulationForm, string> = {
  copil: 'Présence au COPIL',
  'diagnostic-partage': 'Diagnostic partagé',
  'feuille-de-route': 'Feuille de route commune',
  convention: 'Convention',
  coordination: 'Coordination',
};

export const FUNDERS = ['collectivite', 'psychiatrie', 'ars', 'etat', 'departement', 'autre'] as const;
export type Funder = (typeof FUNDERS)[number];
export const FUNDER_LABELS: Record<Funder, string> = {
  collectivite: 'Collectivité',
  psychiatrie: 'Psychiatrie publique',
  ars: 'ARS',
  etat: 'État',
  departement: 'Conseil départemental',
  autre: 'Autre',
};
/** The funders named in a sentence, with their article ("il manque la collectivité"). */
export const FUNDER_NAMES: Record<Funder, string> = {
  collectivite: 'la collectivité',
  psychiatrie: 'le pôle ou secteur de psychiatrie',
  ars: "l'ARS",
  etat: "l'État",
  departement: 'le conseil départemental',
  autre: 'un autre financeur',
};
/** Annex 1 §6: the tripartite co-funding the framework encourages. */
export const TRIPARTITE_FUNDERS = ['collectivite', 'psychiatrie', 'ars'] as const satisfies readonly Funder[];

export const CLSM_OBJECTIVES = [
  'clsm.stigmatisation',
  'clsm.determinants',
  'clsm.prevention',
  'clsm.inclusion-droits',
  'clsm.parcours-soins',
] as const;
export const PTSM_PRIORITIES = [
  'ptsm.reperage-acces-soins',
  'ptsm.parcours-sans-rupture',
  'ptsm.soins-somatiques',
  'ptsm.crise-urgence',
  'ptsm.droits-destigmatisation',
  'ptsm.determinants',
] as const;
export const CLS_OBJECTIVES = ['cls.inegalites', 'cls.offre-proximite'] as const;
export const PRIORITIES = [...CLSM_OBJECTIVES, ...PTSM_PRIORITIES, ...CLS_OBJECTIVES] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Record<Priority, string> = {
  'clsm.stigmatisation': 'Lutter contre la stigmatisation',
  'clsm.determinants': 'Agir sur les déterminants de la santé mentale',
  'clsm.prevention': 'Prévenir les troubles psychiques',
  'clsm.inclusion-droits': "Promouvoir l'inclusion sociale et le respect des droits",
  'clsm.parcours-soins': 'Contribuer à des parcours de soins accessibles et continus',
  'ptsm.reperage-acces-soins': 'Repérage précoce, diagnostic et accès aux soins',
  'ptsm.parcours-sans-rupture': 'Parcours de santé et de vie sans rupture',
  'ptsm.soins-somatiques': 'Accès aux soins somatiques',
  'ptsm.crise-urgence': 'Prévention et prise en charge de la crise et de l’urgence',
  'ptsm.droits-destigmatisation': 'Droits, pouvoir d’agir et lutte contre la stigmatisation',
  'ptsm.determinants': 'Action sur les déterminants de la santé mentale',
  'cls.inegalites': 'Réduire les inégalités sociales et territoriales de santé',
  'cls.offre-proximite': 'Offre de santé de proximité',
};

/** CLSM objective → PTSM priorities it serves (docs/format.md, « Priorités et objectifs »). */
export const CLSM_TO_PTSM: Record<(typeof CLSM_OBJECTIVES)[number], readonly (typeof PTSM_PRIORITIES)[number][]> = {
  'clsm.stigmatisation': ['ptsm.droits-destigmatisation'],
  'clsm.determinants': ['ptsm.determinants'],
  'clsm.prevention': ['ptsm.reperage-acces-soins', 'ptsm.crise-urgence'],
  'clsm.inclusion-droits': ['ptsm.droits-destigmatisation'],
  'clsm.parcours-soins': ['ptsm.reperage-acces-soins', 'ptsm.parcours-sans-rupture', 'ptsm.soins-somatiques'],
};

export interface VocabularyEntry {
  id: string;
  label: string;
}

/**
 * Themes of working groups and actions: the list the product ships (data/themes.json), which users
 * may extend (an unknown theme is kept, normalised to a slug).
 */
export const THEMES: readonly VocabularyEntry[] = themesFile.themes;
const THEME_LABELS = new Map(THEMES.map((t) => [t.id, t.label]));
/** A theme in French: its label, or for a theme users added, its slug as words ("jardins-partages" → "Jardins partages"). */
export function themeLabel(id: string): string {
  const known = THEME_LABELS.get(id);
  if (known !== undefined) return known;
  return capitalize(id.replace(/-/g, ' '));
}

/** Who sits on a CLSM's steering committee (COPIL). The first four are the framework's minimum (annex 1 §4). */
export const COPIL_ROLE_IDS = ['elu', 'psychiatrie', 'usagers', 'aidants', 'ars', 'professionnels-sante', 'social', 'logement', 'education', 'justice', 'ccas', 'departement', 'habitants'] as const;
export type CopilRole = (typeof COPIL_ROLE_IDS)[number];
export const COPIL_ROLE_LABELS: Record<CopilRole, string> = {
  elu: "Élu (maire ou président de l'intercommunalité)",
  psychiatrie: 'Psychiatrie publique (chefferie de pôle ou de secteur)',
  usagers: 'Personnes concernées par des troubles psychiques',
  aidants: 'Aidants',
  ars: "Délégation départementale de l'ARS",
  'professionnels-sante': 'Professionnels de santé',
  social: 'Acteurs sociaux et médico-sociaux',
  logement: 'Bailleurs et acteurs du logement',
  education: 'Éducation nationale',
  justice: 'Justice et police',
  ccas: "Centre communal d'action sociale (CCAS)",
  departement: 'Conseil départemental',
  habitants: 'Habitants',
};
export const REQUIRED_COPIL_ROLES: readonly CopilRole[] = ['elu', 'psychiatrie', 'usagers', 'aidants'];
/** The COPIL roles as entries: id, label and whether the framework requires it. */
export const COPIL_ROLES: readonly (VocabularyEntry & { id: CopilRole; required: boolean })[] = COPIL_ROLE_IDS.map((id) => ({
  id,
  label: COPIL_ROLE_LABELS[id],
  required: (REQUIRED_COPIL_ROLES as readonly string[]).includes(id),
}));
/** The roles the national indicator counts: users and carers in the COPIL (instruction, §III). */
export const USERS_AND_CARERS: readonly CopilRole[] = ['usagers', 'aidants'];

export const TERRITORY_TYPES = ['commune', 'epci', 'departement', 'region'] as const;
export type TerritoryType = (typeof TERRITORY_TYPES)[number];
export const TERRITORY_TYPE_LABELS: Record<TerritoryType, string> = { commune: 'commune', epci: 'EPCI', departement: 'département', region: 'région' };

/** What a place search finds (model/places.ts): « st maixent », « 79400 », « CA du Niortais ». */
export const PLACE_TYPES = ['commune', 'epci', 'code-postal'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];
export const PLACE_TYPE_LABELS: Record<PlaceType, string> = { commune: 'commune', epci: 'EPCI', 'code-postal': 'code postal' };

/** Loi 3DS (n° 2022-217 of 21 February 2022), in force the day after its publication on 22 February:
 * since then a CLS must have a mental-health component (CSP L. 1434-10 IV). */
export const LOI_3DS_IN_FORCE = '2022-02-23';

/** The working-group theme read by `clsm-dac-complex-cases`. */
export const COMPLEX_CASES_THEME = 'cas-complexes';

/** The objective tag read by `ptsm-clsm-creation-objective`. */
export const CREATION_CLSM_OBJECTIVE = 'creation-clsm';

// ---------------------------------------------------------------------------------------------
// Findings: how grave, which family (docs/regles.md).

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { error: 'Erreur', warning: 'Avertissement', info: 'Information' };

export const CATEGORIES = ['missing-link', 'overlap', 'redundancy', 'governance', 'data'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  'missing-link': 'Liens manquants',
  overlap: 'Chevauchements',
  redundancy: 'Redondances',
  governance: 'Gouvernance',
  data: 'Données',
};

/**
 * What a rule rests on (docs/regles.md): the code de la santé publique (binding), the instruction
 * of 13 May 2025 and its annexes (recommendations, "Document opposable : Non"), or the data
 * contradicting itself.
 */
export const BASES = ['loi', 'referentiel', 'coherence'] as const;
export type Basis = (typeof BASES)[number];
export const BASIS_LABELS: Record<Basis, string> = {
  loi: 'Obligation légale',
  referentiel: 'Recommandation du référentiel',
  coherence: 'Incohérence des données',
};

// ---------------------------------------------------------------------------------------------
// Indicators (docs/indicateurs.md): their names in the table, the charts, the exports and the CLI.

export const INDICATORS = ['couverture-clsm', 'couverture-cls', 'couverture-cpts', 'couverture-ptsm', 'clsm-actifs', 'usagers-aidants', 'pleniere', 'avis', 'zones-blanches'] as const;
export type IndicatorId = (typeof INDICATORS)[number];
export const INDICATOR_LABELS: Record<IndicatorId, string> = {
  'couverture-clsm': 'Population couverte par au moins un CLSM actif',
  'couverture-cls': 'Population couverte par au moins un CLS actif',
  'couverture-cpts': 'Population couverte par au moins une CPTS active',
  'couverture-ptsm': 'Population couverte par au moins un PTSM actif',
  'clsm-actifs': 'CLSM actifs',
  'usagers-aidants': 'CLSM dont le COPIL inclut usagers et aidants',
  pleniere: 'CLSM tenant au moins une plénière par an',
  avis: 'Avis des CLSM reçus à temps sur les PTSM',
  'zones-blanches': 'Population sans CLSM actif (zones blanches)',
};

// ---------------------------------------------------------------------------------------------
// The application: account roles and the journal of writes.

export const ACCOUNT_ROLES = ['admin', 'ars', 'coordinateur', 'lecteur'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
/** A role as it reads inside a sentence (« un compte lecteur »). */
export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  admin: 'administrateur',
  ars: 'agent d’ARS',
  coordinateur: 'coordinateur',
  lecteur: 'lecteur',
};
/** What each role may do, in a few words (the account form). */
export const ACCOUNT_ROLE_HINTS: Record<AccountRole, string> = {
  lecteur: 'consulte tout ; ses exports ne contiennent pas les données personnelles',
  coordinateur: 'modifie ses dispositifs et leurs liens, enregistre les avis de son CLSM',
  ars: 'modifie les dispositifs, personnes et liens de ses régions et départements',
  admin: 'tout, y compris les comptes',
};

/** What the journal records a write on. */
export const AUDIT_ENTITIES = ['mechanisms', 'people', 'links', 'dataset', 'accounts', 'tokens'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  mechanisms: 'Dispositif',
  people: 'Personne',
  links: 'Lien',
  dataset: 'Jeu de données',
  accounts: 'Compte',
  tokens: 'Jeton d’accès',
};
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import', 'seed', 'undo', 'password', 'revoke'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  import: 'Import',
  seed: 'Jeu de démonstration',
  undo: 'Annulation',
  password: 'Mot de passe',
  revoke: 'Révocation',
};

/**
 * The fields of the exchange format (and of accounts), as the forms and the journal name them:
 * top-level fields and the dotted paths of nested ones.
 */
export const FIELD_LABELS = {
  '': 'Général',
  id: 'Identifiant',
  kind: 'Type',
  name: 'Nom',
  status: 'Statut',
  statusHistory: 'Historique des statuts',
  territory: 'Territoire',
  dates: 'Dates',
  'dates.start': 'Début',
  'dates.end': 'Fin',
  'dates.signed': 'Signature',
  'dates.diagnosticAdopted': 'Adoption du diagnostic',
  'dates.adopted': 'Adoption du projet',
  priorities: 'Priorités',
  objectives: 'Objectifs',
  themes: 'Thèmes',
  mentalHealthComponent: 'Volet santé mentale',
  governance: 'Gouvernance',
  'governance.copil.roles': 'Composition du COPIL',
  'governance.copil.meetingsPerYear': 'Réunions du COPIL',
  'governance.plenaryPerYear': 'Plénières',
  'governance.workingGroups': 'Groupes de travail',
  'governance.charter': 'Charte',
  'governance.funding': 'Financements',
  coordinators: 'Coordination',
  label: 'Libellé',
  trained: 'Formation',
  email: 'Adresse électronique',
  phone: 'Téléphone',
  from: 'De',
  to: 'Vers',
  stage: 'Étape',
  date: 'Date',
  opinion: 'Sens de l’avis',
  response: 'Réponse du PTSM',
  forms: 'Formes',
  role: 'Rôle',
  scope: 'Périmètre',
  disabled: 'État',
  hasPassword: 'Mot de passe',
  revokedAt: 'Révocation',
  account: 'Compte',
  prefix: 'Début du jeton',
  expiresAt: 'Expiration',
} as const;
export type FieldPath = keyof typeof FIELD_LABELS;
/** A field's name in French, the path itself for a field this list does not know (an extra field). */
export function fieldLabel(path: string): string {
  return Object.hasOwn(FIELD_LABELS, path) ? FIELD_LABELS[path as FieldPath] : path;
}
