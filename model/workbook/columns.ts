// The columns of each sheet of the workbook: one place for the template's French headers, the
// other headers people use for the same thing (matched exactly, accents and case aside), what
// the Lisez-moi sheet says about each, and the closed vocabularies the template's drop-down
// lists offer. The import (mapping.ts, resolve.ts) and the export (layout.ts) read this table.
import type { SheetKind } from './types.ts';
import { FORMS, FUNDERS_VOCABULARY, KINDS, LINK_KINDS_VOCABULARY, OPINIONS, PRIORITIES_VOCABULARY, ROLES, STAGES, STATUSES, THEMES_VOCABULARY, type Vocabulary } from './vocab.ts';

export interface FieldDef {
  /** The field it fills: a path into the record (`dates.start`) or a name the resolver knows (`coordinatorsFte`). */
  key: string;
  /** The template's header. */
  header: string;
  /** Other headers that mean the same field (exact match, accents and case aside). */
  synonyms: readonly string[];
  required?: boolean;
  /** What the Lisez-moi sheet says, in French. */
  help: string;
  example?: string;
  /** Values come from this list (one per cell, or several when `multiple`). */
  vocabulary?: Vocabulary;
  multiple?: boolean;
  /** « Oui » / « Non ». */
  yesNo?: boolean;
  width: number;
}

const LIST = 'Plusieurs valeurs séparées par « ; », « , » ou des retours à la ligne.';
const DATE = 'Date au format JJ/MM/AAAA (03/12/2018), AAAA-MM-JJ, ou cellule de type date.';

/** Documents by reference, one per line (the same column on the three sheets that hold them). */
const DOCUMENTS: FieldDef = {
  key: 'documents',
  header: 'Documents',
  synonyms: ['pièces', 'pièces justificatives', 'justificatifs', 'documents de référence', 'liens vers les documents'],
  help: 'Pièces justificatives, par leur adresse web : une par ligne (ou séparées par « ; »), « Titre — https://adresse — JJ/MM/AAAA » (la date est facultative). L’adresse commence par http:// ou https://.',
  example: 'Arrêté du PTSM — https://www.ars.sante.fr/arrete-ptsm.pdf — 09/06/2021',
  width: 50,
};

const id = (what: string): FieldDef => ({
  key: 'id',
  header: 'Identifiant',
  synonyms: ['id', 'identifiant unique', 'référence', 'ref', 'code'],
  help: `Identifiant stable ${what} (minuscules, chiffres et tirets). Facultatif : à défaut, il est retrouvé ou créé à partir ${what === 'du lien' ? 'du type et des extrémités' : 'du nom'}. Gardez-le pour mettre à jour les mêmes fiches d'un import à l'autre.`,
  example: what === 'du dispositif' ? 'clsm-niort' : what === 'de la personne' ? 'coord-niort' : '',
  width: 22,
});

export const MECHANISM_FIELDS: readonly FieldDef[] = [
  id('du dispositif'),
  {
    key: 'kind',
    header: 'Type',
    synonyms: ['type de dispositif', 'dispositif', 'kind', 'nature', 'catégorie', 'type dispositif'],
    required: true,
    help: 'CLSM, CLS, PTSM, CPTS, DAC ou ASV (le nom complet est accepté : « Conseil local de santé mentale »).',
    example: 'CLSM',
    vocabulary: KINDS,
    width: 10,
  },
  {
    key: 'name',
    header: 'Nom',
    synonyms: ['nom du dispositif', 'intitulé', 'libellé', 'name', 'dénomination', 'nom complet'],
    required: true,
    help: 'Nom du dispositif tel que les partenaires le connaissent.',
    example: 'CLSM de Niort',
    width: 40,
  },
  {
    key: 'status',
    header: 'Statut',
    synonyms: ['état', 'status', 'situation', 'statut actuel'],
    help: 'En projet, Actif, En sommeil ou Terminé. Vide : « Actif ».',
    example: 'Actif',
    vocabulary: STATUSES,
    width: 14,
  },
  {
    key: 'statusHistory',
    header: 'Historique des statuts',
    synonyms: ['historique', 'statusHistory', 'historique du statut'],
    help: 'Statuts successifs avec leur date de début, du plus ancien au plus récent, séparés par « ; » ou des retours à la ligne : « Actif : 01/01/2017 ; En sommeil : 01/03/2024 ». Le dernier est le statut actuel.',
    example: 'Actif : 01/01/2017 ; En sommeil : 01/03/2024',
    width: 34,
  },
  {
    key: 'departementHint',
    header: 'Département',
    synonyms: ['dép', 'dépt', 'dept', 'code département', 'n° département', 'numéro de département'],
    help: "Département où se trouve le dispositif (code ou nom). Sert à lever les homonymies (« Saint-Denis ») ; pour un PTSM ou un DAC sans autre territoire, il en devient le territoire.",
    example: '79',
    width: 14,
  },
  {
    key: 'territory',
    header: 'Territoire',
    synonyms: ['périmètre', 'territoire couvert', 'zone', 'secteur', 'territory', 'zone d’intervention', 'territoire d’intervention'],
    help: `Communes, EPCI ou départements couverts, mélangés si besoin : noms (« Saint-Maixent-l'École », « Paris 20e »), codes INSEE, codes postaux, SIREN d'EPCI, codes de département. Un nom porté par plusieurs communes se précise par le département : « Saint-Denis (93) ». ${LIST}`,
    example: 'Niort ; CA du Niortais (200041317)',
    multiple: true,
    width: 40,
  },
  {
    key: 'communes',
    header: 'Communes',
    synonyms: ['commune', 'communes couvertes', 'liste des communes', 'ville', 'villes', 'code commune', 'codes communes', 'code insee', 'codes insee'],
    help: `Communes couvertes : nom, code INSEE, code postal (« 79400 Saint-Maixent-l'École ») ou « Nom (code INSEE) ». ${LIST}`,
    example: "Niort (79191) ; Saint-Maixent-l'École",
    multiple: true,
    width: 40,
  },
  {
    key: 'epci',
    header: 'EPCI',
    synonyms: ['intercommunalité', 'intercommunalités', 'siren', 'siren epci', 'communauté de communes', 'epci siren', 'epcis'],
    help: `Intercommunalités couvertes : nom officiel ou SIREN (9 chiffres). ${LIST}`,
    example: 'CA du Niortais (200041317)',
    multiple: true,
    width: 34,
  },
  {
    key: 'departements',
    header: 'Départements',
    synonyms: ['départements couverts', 'departements', 'territoire départemental'],
    help: `Départements couverts en entier : nom ou code. Une région vaut ses départements. ${LIST}`,
    example: 'Deux-Sèvres (79)',
    multiple: true,
    width: 22,
  },
  {
    key: 'postalCodes',
    header: 'Codes postaux',
    synonyms: ['code postal', 'cp', 'codes postal'],
    help: `Codes postaux des communes couvertes ; un code qui dessert plusieurs communes doit être accompagné du nom (« 79400 Augé »). ${LIST}`,
    example: '79000',
    multiple: true,
    width: 16,
  },
  {
    key: 'dates.start',
    header: 'Date de début',
    synonyms: ['début', 'date de création', 'création', 'date de mise en place', "date d'installation", 'start', 'créé le', 'date de lancement'],
    help: `Date à laquelle le dispositif a commencé. ${DATE}`,
    example: '01/03/2012',
    width: 14,
  },
  {
    key: 'dates.end',
    header: 'Date de fin',
    synonyms: ['fin', 'échéance', "date d'échéance", 'end', 'date de clôture'],
    help: `Date de fin (contrat échu, dispositif arrêté). ${DATE}`,
    width: 14,
  },
  {
    key: 'dates.signed',
    header: 'Date de signature',
    synonyms: ['signature', 'signé le', 'date signature', 'signed', 'date de signature du contrat'],
    help: `CLS : date de signature du contrat. ${DATE}`,
    example: '03/12/2018',
    width: 14,
  },
  {
    key: 'dates.diagnosticAdopted',
    header: 'Adoption du diagnostic',
    synonyms: ["date d'adoption du diagnostic", 'diagnostic adopté le', 'arrêté du diagnostic', 'diagnosticAdopted', 'date du diagnostic'],
    help: `PTSM : date de l'arrêté du directeur général de l'ARS adoptant le diagnostic territorial partagé. ${DATE}`,
    width: 14,
  },
  {
    key: 'dates.adopted',
    header: 'Adoption du projet',
    synonyms: ["date d'adoption", 'adoption', 'adopté le', 'arrêté du ptsm', "date de l'arrêté", 'adopted', "date d'adoption du projet"],
    help: `PTSM : date de l'arrêté adoptant le projet territorial. ${DATE}`,
    width: 14,
  },
  {
    key: 'priorities',
    header: 'Priorités',
    synonyms: ['priorities', 'priorités du ptsm', 'axes', 'axes prioritaires', 'objectifs spécifiques'],
    help: `Priorités du PTSM (décret 2017-1200), objectifs du CLSM (référentiel) ou du CLS : libellé ou code (voir les listes ci-dessous). ${LIST}`,
    vocabulary: PRIORITIES_VOCABULARY,
    multiple: true,
    width: 34,
  },
  {
    key: 'objectives',
    header: 'Objectifs',
    synonyms: ['objectives', 'objectifs libres', 'mots-clés'],
    help: `Objectifs libres ; « creation-clsm » signale qu'un PTSM ou un CLS prévoit de créer un CLSM. ${LIST}`,
    example: 'creation-clsm',
    multiple: true,
    width: 22,
  },
  {
    key: 'themes',
    header: 'Thèmes',
    synonyms: ['thème', 'thématiques', 'thématique', 'themes', 'sujets'],
    help: `Thèmes de travail : libellé ou code de la liste ci-dessous ; un thème nouveau est accepté. ${LIST}`,
    example: 'Logement ; Prévention du suicide',
    vocabulary: THEMES_VOCABULARY,
    multiple: true,
    width: 30,
  },
  {
    key: 'mentalHealthComponent',
    header: 'Volet santé mentale',
    synonyms: ['volet sm', 'volet santé mentale du cls', 'mentalHealthComponent', 'volet santé mentale (cls)'],
    help: 'CLS : le contrat a-t-il un volet santé mentale ? « Oui » ou « Non » ; vide : non déclaré.',
    yesNo: true,
    width: 12,
  },
  {
    key: 'governance.copil.roles',
    header: 'Membres du COPIL',
    synonyms: ['rôles au copil', 'composition du copil', 'copil', 'roles', 'membres copil'],
    help: `CLSM : qui siège au comité de pilotage (élu, psychiatrie, usagers, aidants…). ${LIST}`,
    example: 'Élu ; Psychiatrie ; Usagers ; Aidants',
    vocabulary: ROLES,
    multiple: true,
    width: 34,
  },
  {
    key: 'governance.copil.meetingsPerYear',
    header: 'Réunions du COPIL par an',
    synonyms: ['copil par an', 'nombre de copil', 'fréquence du copil', 'réunions copil', 'meetingsPerYear', 'nombre de réunions du copil'],
    help: 'CLSM : nombre de réunions du COPIL par an (nombre entier).',
    example: '2',
    width: 12,
  },
  {
    key: 'governance.plenaryPerYear',
    header: 'Assemblées plénières par an',
    synonyms: ['plénières par an', 'assemblée plénière', 'plénière', 'nombre de plénières', 'plenaryPerYear'],
    help: 'CLSM : nombre d’assemblées plénières par an (nombre entier).',
    example: '1',
    width: 12,
  },
  {
    key: 'governance.workingGroups',
    header: 'Groupes de travail',
    synonyms: ['gt', 'groupes', 'groupes de travail thématiques', 'workingGroups'],
    help: 'CLSM : un groupe par ligne ou séparés par « ; », sous la forme « Thème : intitulé » ou « Thème » seul.',
    example: 'Logement : Logement et santé mentale ; Cas complexes',
    width: 40,
  },
  {
    key: 'governance.charter',
    header: 'Charte',
    synonyms: ['charte signée', 'charte de fonctionnement', 'charter'],
    help: 'CLSM : une charte de fonctionnement est-elle signée ? « Oui » ou « Non ».',
    yesNo: true,
    width: 10,
  },
  {
    key: 'governance.funding',
    header: 'Financements',
    synonyms: ['financeurs', 'financement', 'cofinancement', 'funding', 'cofinanceurs'],
    help: `Qui finance : collectivité, psychiatrie publique, ARS, État, conseil départemental, autre. ${LIST}`,
    example: 'Collectivité ; Psychiatrie publique ; ARS',
    vocabulary: FUNDERS_VOCABULARY,
    multiple: true,
    width: 30,
  },
  {
    key: 'coordinators',
    header: 'Coordination',
    synonyms: ['coordonnateur', 'coordinateur', 'coordonnatrice', 'coordinatrice', 'coordonnateurs', 'coordinateurs', 'coordonnateur·rice', 'coordinators', 'coordonnateur du dispositif'],
    help: 'Personnes qui coordonnent le dispositif : libellé ou identifiant de la feuille Personnes (une personne absente y est ajoutée). Plusieurs personnes : séparées par « ; », avec leur temps si besoin : « Marie Martin (0,5 ETP) ; Paul Petit (0,3 ETP) ».',
    example: 'Coordination du CLSM de Niort',
    width: 34,
  },
  {
    key: 'coordinatorsFte',
    header: 'ETP de coordination',
    synonyms: ['etp', 'temps de coordination', 'etp coordonnateur', 'etp coordination', 'quotité', 'temps de travail'],
    help: 'Temps de coordination en équivalent temps plein (0,5 ; 50 % ; 1). Plusieurs personnes : un nombre par personne, dans le même ordre.',
    example: '0,5',
    width: 12,
  },
  DOCUMENTS,
];

export const PEOPLE_FIELDS: readonly FieldDef[] = [
  id('de la personne'),
  {
    key: 'label',
    header: 'Libellé',
    synonyms: ['nom', 'nom et prénom', 'prénom nom', 'personne', 'intitulé', 'label', 'coordination', 'coordonnateur', 'nom prénom'],
    required: true,
    help: 'Nom de la personne ou de la fonction (« Coordination du CLSM de Niort »).',
    example: 'Coordination du CLSM de Niort',
    width: 40,
  },
  { key: 'trained', header: 'Formé(e)', synonyms: ['formé', 'formée', 'formation', 'formation suivie', 'trained', 'formé à la coordination'], help: 'A suivi la formation à la coordination de CLSM : « Oui » ou « Non ».', yesNo: true, width: 10 },
  { key: 'email', header: 'Courriel', synonyms: ['email', 'e-mail', 'mail', 'adresse électronique', 'adresse mail', 'mél'], help: 'Adresse électronique.', width: 30 },
  { key: 'phone', header: 'Téléphone', synonyms: ['tél', 'tel', 'telephone', 'portable', 'phone', 'numéro de téléphone'], help: 'Numéro de téléphone.', width: 18 },
];

const ENDS_HELP = 'Nom ou identifiant du dispositif (majuscules et accents indifférents), présent dans la feuille Dispositifs ou déjà enregistré.';

export const LINK_FIELDS: readonly FieldDef[] = [
  id('du lien'),
  {
    key: 'kind',
    header: 'Type de lien',
    synonyms: ['type', 'lien', 'nature du lien', 'kind', 'type lien'],
    required: true,
    help: 'Contribution au PTSM, Déclinaison locale du PTSM, Volet santé mentale du CLS, Prise en compte du PTSM, Articulation, ou Avis sur le PTSM (les avis ont aussi leur propre feuille).',
    vocabulary: LINK_KINDS_VOCABULARY,
    width: 26,
  },
  { key: 'from', header: 'De', synonyms: ['dispositif source', 'source', 'depuis', 'from', 'origine', 'dispositif'], required: true, help: ENDS_HELP, example: 'CLSM de Niort', width: 34 },
  { key: 'to', header: 'Vers', synonyms: ['dispositif cible', 'cible', 'destination', 'to', 'vers le dispositif'], required: true, help: ENDS_HELP, example: 'PTSM des Deux-Sèvres', width: 34 },
  { key: 'stage', header: 'Étape', synonyms: ["étape de l'avis", 'stage', 'phase'], help: 'Avis seulement : Diagnostic ou Projet.', vocabulary: STAGES, width: 12 },
  { key: 'date', header: 'Date', synonyms: ["date de l'avis", 'date du lien'], help: `Avis seulement : date de l'avis. ${DATE}`, width: 14 },
  { key: 'opinion', header: 'Avis', synonyms: ["sens de l'avis", 'opinion', 'avis rendu'], help: 'Avis seulement : Favorable, Favorable avec réserves (« réservé ») ou Défavorable.', vocabulary: OPINIONS, width: 22 },
  { key: 'response', header: 'Réponse', synonyms: ['réponse du ptsm', 'prise en compte', 'suites données', 'response', "suite donnée à l'avis"], help: "Avis seulement : comment le PTSM a tenu compte d'un avis réservé ou défavorable.", width: 40 },
  {
    key: 'priorities',
    header: 'Priorités',
    synonyms: ['priorités déclinées', 'priorities'],
    help: `Déclinaison : priorités du PTSM que le dispositif décline. ${LIST}`,
    vocabulary: PRIORITIES_VOCABULARY,
    multiple: true,
    width: 34,
  },
  { key: 'forms', header: 'Formes', synonyms: ["formes d'articulation", 'modalités', 'forms', "modalités d'articulation"], help: `Articulation : comment (COPIL, diagnostic partagé, feuille de route, convention, coordination). ${LIST}`, vocabulary: FORMS, multiple: true, width: 30 },
  DOCUMENTS,
];

export const AVIS_FIELDS: readonly FieldDef[] = [
  id('du lien'),
  { key: 'to', header: 'PTSM', synonyms: ['projet territorial', 'ptsm concerné', 'projet territorial de santé mentale'], required: true, help: 'Le PTSM sur lequel l’avis porte : nom ou identifiant.', example: 'PTSM des Deux-Sèvres', width: 34 },
  { key: 'from', header: 'CLSM', synonyms: ['conseil local', 'clsm consulté', 'conseil local de santé mentale', 'clsm concerné'], required: true, help: 'Le CLSM qui donne son avis : nom ou identifiant.', example: 'CLSM de Niort', width: 34 },
  { key: 'stage', header: 'Étape', synonyms: ["étape de l'avis", 'stage', 'phase', 'objet de l’avis'], required: true, help: 'Diagnostic (diagnostic territorial partagé) ou Projet.', vocabulary: STAGES, width: 12 },
  { key: 'date', header: "Date de l'avis", synonyms: ['date', 'reçu le', 'date de réception', 'date avis'], help: `Date de l'avis. Une ligne sans date ni avis est un avis non reçu : elle ne crée rien. ${DATE}`, example: '15/03/2021', width: 14 },
  { key: 'opinion', header: 'Avis', synonyms: ["sens de l'avis", 'avis rendu', 'opinion', 'avis du clsm'], help: 'Favorable, Favorable avec réserves (« réservé ») ou Défavorable.', vocabulary: OPINIONS, example: 'Favorable', width: 22 },
  { key: 'response', header: 'Réponse du PTSM', synonyms: ['réponse', 'prise en compte', 'suites données', 'response', "suite donnée à l'avis"], help: "Comment le PTSM a tenu compte d'un avis réservé ou défavorable.", width: 40 },
  DOCUMENTS,
];

export const SHEET_FIELDS: Record<SheetKind, readonly FieldDef[]> = {
  mechanisms: MECHANISM_FIELDS,
  people: PEOPLE_FIELDS,
  links: LINK_FIELDS,
  avis: AVIS_FIELDS,
};

/** A mechanism needs a territory from at least one of these columns. */
export const TERRITORY_KEYS = ['territory', 'communes', 'epci', 'departements', 'postalCodes'] as const;
export type TerritoryKey = (typeof TERRITORY_KEYS)[number];

/** The « Jeu de données » sheet: one field per row. */
export const DATASET_FIELDS = [
  { key: 'title', label: 'Titre', help: 'Nom du jeu de données (facultatif).' },
  { key: 'scope.departements', label: 'Départements décrits', help: 'Départements que le jeu de données décrit (codes ou noms) : ils lèvent aussi les homonymies de communes.' },
  { key: 'scope.regions', label: 'Régions décrites', help: 'Régions que le jeu de données décrit (codes ou noms).' },
] as const;

/** Sheet names (and close variants) that say what a sheet holds. */
export const SHEET_NAME_SYNONYMS: Record<SheetKind | 'dataset' | 'readme' | 'lists', readonly string[]> = {
  mechanisms: ['dispositifs', 'dispositif', 'structures', 'mechanisms', 'recensement', 'liste des dispositifs', 'contrats', 'clsm', 'cls'],
  people: ['personnes', 'coordinations', 'coordonnateurs', 'contacts', 'people', 'annuaire'],
  links: ['liens', 'links', 'articulations', 'relations'],
  avis: ['avis', 'avis des clsm', 'avis clsm', 'suivi des avis', 'avis sur le ptsm'],
  dataset: ['jeu de données', 'jeu de donnees', 'dataset', 'métadonnées'],
  readme: ['lisez-moi', 'lisez moi', 'readme', 'notice', 'mode d’emploi', 'aide'],
  lists: ['listes', 'listes de valeurs'],
};
