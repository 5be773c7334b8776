// The controlled vocabularies of the domain (DOMAIN.md §2–§4). One place for each list.
import themesFile from '../data/themes.json' with { type: 'json' };
import rolesFile from '../data/roles.json' with { type: 'json' };
import { foldText } from './text.ts';

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

/** The words people type for an opinion, folded (no accents, no case, punctuation as spaces; « réserve(s) », « réservé(e)(s) » as « reserves »). */
const OPINION_WORDS = new Map<string, AvisOpinion>([
  ['favorable', 'favorable'],
  ['avis favorable', 'favorable'],
  ['favorable reserves', 'favorable-reserves'],
  ['favorable avec reserves', 'favorable-reserves'],
  ['favorable sous reserves', 'favorable-reserves'],
  ['avis favorable avec reserves', 'favorable-reserves'],
  ['avis favorable sous reserves', 'favorable-reserves'],
  ['reserves', 'favorable-reserves'],
  ['avis reserves', 'favorable-reserves'],
  ['defavorable', 'defavorable'],
  ['avis defavorable', 'defavorable'],
]);

/**
 * An opinion from what people type ("Favorable avec réserves", "réservé", "DÉFAVORABLE"), case-
 * and accent-insensitively (DOMAIN.md §4); undefined for an unknown word.
 */
export function opinionFromText(text: string): AvisOpinion | undefined {
  return OPINION_WORDS.get(foldText(text).replace(/\breserv(?:e|es|ee|ees)\b/g, 'reserves'));
}

export const ARTICULATION_FORMS = ['copil', 'diagnostic-partage', 'feuille-de-route', 'convention', 'coordination'] as const;

export const FUNDERS = ['collectivite', 'psychiatrie', 'ars', 'etat', 'departement', 'autre'] as const;
/** Annex 1 §6: the tripartite co-funding the framework encourages. */
export const TRIPARTITE_FUNDERS = ['collectivite', 'psychiatrie', 'ars'] as const;

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

/** CLSM objective → PTSM priorities it serves (DOMAIN.md §3). */
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
export const THEMES: readonly VocabularyEntry[] = themesFile.themes;
export const COPIL_ROLES: readonly (VocabularyEntry & { required: boolean })[] = rolesFile.roles;
export const COPIL_ROLE_IDS: readonly string[] = COPIL_ROLES.map((r) => r.id);
export const REQUIRED_COPIL_ROLES: readonly string[] = COPIL_ROLES.filter((r) => r.required).map((r) => r.id);
/** The roles the national indicator counts: users and carers in the COPIL (instruction, §III). */
export const USERS_AND_CARERS: readonly string[] = ['usagers', 'aidants'];

/** Loi 3DS (n° 2022-217 of 21 February 2022), in force the day after its publication on 22 February:
 * since then a CLS must have a mental-health component (CSP L. 1434-10 IV). */
export const LOI_3DS_IN_FORCE = '2022-02-23';

/** The working-group theme read by `clsm-dac-complex-cases`. */
export const COMPLEX_CASES_THEME = 'cas-complexes';

/** The objective tag read by `ptsm-clsm-creation-objective`. */
export const CREATION_CLSM_OBJECTIVE = 'creation-clsm';
