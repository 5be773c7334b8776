// The dataset as the template's workbook (export), and the empty template with its Lisez-moi
// sheet. Written so that importing it gives the same document back: ids in their column,
// territories as « Niort (79191) », vocabularies as their French labels, dates as date cells,
// an empty list as « Aucun » (known to be empty, not unknown), extra fields as extra columns.
import type { TerritoryIndex } from '../territory.ts';
import { foldText } from '../text.ts';
import { AVIS_FIELDS, DATASET_FIELDS, LINK_FIELDS, MECHANISM_FIELDS, PEOPLE_FIELDS, SHEET_FIELDS, type FieldDef } from './columns.ts';
import { placeLabel } from './places.ts';
import type { ColumnSpec, OutCell, SheetSpec, WorkbookSpec } from './spec.ts';
import { DATASET_SHEET_NAME, README_SHEET_NAME, SHEET_KINDS, SHEET_NAMES, type SheetKind } from './types.ts';
import { formatDateCell } from './values.ts';
import { FORMS, FUNDERS_VOCABULARY, KINDS, labelOf, LINK_KINDS_VOCABULARY, OPINIONS, PRIORITIES_VOCABULARY, ROLES, STAGES, STATUSES, THEMES_VOCABULARY, type Vocabulary } from './vocab.ts';

type Json = Record<string, unknown>;

/** The word written for a list known to be empty; the import reads it back as an empty list. */
export const NONE = 'Aucun';
const YES_NO = ['Oui', 'Non'];
const LIST_SEPARATOR = ' ; ';

/** Column specs of a sheet kind: headers, widths, drop-down lists for closed single-value vocabularies. */
function columnsOf(fields: readonly FieldDef[]): ColumnSpec[] {
  return fields.map((f) => {
    const spec: ColumnSpec = { header: f.header, width: f.width };
    if (f.vocabulary && !f.multiple && !f.vocabulary.open) spec.list = f.vocabulary.values.map((v) => v.label);
    if (f.yesNo) spec.list = YES_NO;
    if (f.multiple || f.width >= 34) spec.wrap = true;
    return spec;
  });
}

/** The empty template: the four sheets with their headers, the dataset sheet and the Lisez-moi. */
export function templateWorkbook(): WorkbookSpec {
  return {
    title: "Modèle d'import — planificateur d'articulation CLS, CLSM, PTSM",
    sheets: [
      ...SHEET_KINDS.map((kind) => ({ name: SHEET_NAMES[kind], columns: columnsOf(SHEET_FIELDS[kind]), rows: [], freezeHeader: true })),
      datasetSheet({}),
      readmeSheet(),
    ],
  };
}

/** Any `articulation/1` document, as stored or as read from JSON. */
export type DatasetLike = { readonly [key: string]: unknown; mechanisms?: readonly object[]; people?: readonly object[]; links?: readonly object[] };

/** The whole dataset as the template's workbook. */
export function datasetWorkbook(dataset: DatasetLike, territories: TerritoryIndex): WorkbookSpec {
  const mechanisms = (dataset.mechanisms ?? []) as Json[];
  const people = (dataset.people ?? []) as Json[];
  const links = (dataset.links ?? []) as Json[];
  const nameOf = uniqueNames(mechanisms, 'name');
  const labelOfPerson = uniqueNames(people, 'label');
  const mechanismRows = mechanisms.map((m) => MECHANISM_FIELDS.map((f) => mechanismCell(m, f.key, territories, labelOfPerson)));
  const personRows = people.map((p) => PEOPLE_FIELDS.map((f) => personCell(p, f.key)));
  const linkRows = links.filter((l) => l.kind !== 'avis').map((l) => LINK_FIELDS.map((f) => linkCell(l, f.key, nameOf)));
  const avisRows = links.filter((l) => l.kind === 'avis').map((l) => AVIS_FIELDS.map((f) => linkCell(l, f.key, nameOf)));
  const sheet = (kind: SheetKind, records: Json[], rows: OutCell[][]): SheetSpec => {
    const known = new Set([...SHEET_FIELDS[kind].map((f) => f.key.split('.')[0]), ...KNOWN_JSON_KEYS[kind]]);
    const extras = extraKeys(records, known);
    return {
      name: SHEET_NAMES[kind],
      columns: [...columnsOf(SHEET_FIELDS[kind]), ...extras.map((key) => ({ header: key, width: Math.min(40, Math.max(12, key.length + 2)), wrap: true }))],
      rows: rows.map((row, i) => [...row, ...extras.map((key) => extraCell(records[i][key]))]),
      freezeHeader: true,
    };
  };
  const nonAvis = links.filter((l) => l.kind !== 'avis');
  const avis = links.filter((l) => l.kind === 'avis');
  return {
    title: typeof dataset.title === 'string' ? dataset.title : 'Jeu de données',
    sheets: [
      sheet('mechanisms', mechanisms, mechanismRows),
      sheet('people', people, personRows),
      sheet('links', nonAvis, linkRows),
      sheet('avis', avis, avisRows),
      datasetSheet(dataset as Json, territories),
      readmeSheet(),
    ],
  };
}

/** JSON keys written by a column whose key is not a top-level field of its own (territory columns, FTE). */
const KNOWN_JSON_KEYS: Record<SheetKind, readonly string[]> = {
  mechanisms: ['territory', 'coordinators', 'dates', 'governance', 'statusHistory'],
  people: [],
  links: ['kind'],
  avis: ['kind'],
};

function extraKeys(records: Json[], known: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const key of Object.keys(r)) if (!known.has(key) && !seen.has(key) && r[key] !== undefined) {
    seen.add(key);
    keys.push(key);
  }
  return keys;
}

function extraCell(value: unknown): OutCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Names shared by several records are written as ids, so that the import finds the right one. */
function uniqueNames(records: Json[], field: string): (id: string) => string {
  const count = new Map<string, number>();
  for (const r of records) count.set(foldText(String(r[field])), (count.get(foldText(String(r[field]))) ?? 0) + 1);
  const byId = new Map(records.map((r) => [String(r.id), String(r[field])]));
  return (id) => {
    const name = byId.get(id);
    return name !== undefined && count.get(foldText(name)) === 1 ? name : id;
  };
}

const list = (values: unknown, label: (v: string) => string = (v) => v, separator = LIST_SEPARATOR): OutCell => {
  if (!Array.isArray(values)) return null;
  return values.length === 0 ? NONE : values.map((v) => label(String(v))).join(separator);
};
const yesNo = (value: unknown): OutCell => (value === true ? 'Oui' : value === false ? 'Non' : null);
const date = (value: unknown): OutCell => (typeof value === 'string' ? { date: value } : null);
const text = (value: unknown): OutCell => (typeof value === 'string' || typeof value === 'number' ? value : null);
const vocab = (v: Vocabulary) => (value: string) => labelOf(v, value);

function get(record: Json, path: string): unknown {
  let node: unknown = record;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[part];
  }
  return node;
}

/** Documents, one per line: « Titre — https://adresse — JJ/MM/AAAA » (read back by readDocuments). */
function documentsCell(value: unknown): OutCell {
  if (!Array.isArray(value)) return null;
  if (value.length === 0) return NONE;
  return (value as { title: string; url: string; date?: string }[]).map((d) => [d.title, d.url, d.date ? formatDateCell(d.date) : undefined].filter(Boolean).join(' — ')).join('\n');
}

function mechanismCell(m: Json, key: string, territories: TerritoryIndex, personLabel: (id: string) => string): OutCell {
  const territory = (m.territory ?? {}) as { communes?: string[]; epci?: string[]; departements?: string[] };
  switch (key) {
    case 'kind':
      return labelOf(KINDS, String(m.kind));
    case 'status':
      return labelOf(STATUSES, String(m.status));
    case 'statusHistory':
      return Array.isArray(m.statusHistory)
        ? (m.statusHistory as { status: string; from: string }[]).map((e) => `${labelOf(STATUSES, e.status)} : ${formatDateCell(e.from)}`).join(LIST_SEPARATOR) || NONE
        : null;
    case 'communes':
    case 'epci':
    case 'departements': {
      const codes = territory[key] ?? [];
      return codes.length ? codes.map((c) => placeLabel(c, territories)).join(LIST_SEPARATOR) : null;
    }
    case 'territory':
    case 'postalCodes':
    case 'departementHint':
      return null; // the export writes the three columns above
    case 'priorities':
      return list(m.priorities, vocab(PRIORITIES_VOCABULARY));
    case 'themes':
      return list(m.themes, vocab(THEMES_VOCABULARY));
    case 'objectives':
      return list(m.objectives);
    case 'documents':
      return documentsCell(m.documents);
    case 'mentalHealthComponent':
    case 'governance.charter':
      return yesNo(get(m, key));
    case 'governance.copil.roles':
      return list(get(m, key), vocab(ROLES));
    case 'governance.funding':
      return list(get(m, key), vocab(FUNDERS_VOCABULARY));
    case 'governance.workingGroups': {
      const groups = get(m, key) as { theme: string; title?: string }[] | undefined;
      if (!Array.isArray(groups)) return null;
      return groups.length === 0 ? NONE : groups.map((g) => (g.title ? `${labelOf(THEMES_VOCABULARY, g.theme)} : ${g.title}` : labelOf(THEMES_VOCABULARY, g.theme))).join('\n');
    }
    case 'coordinators': {
      const coordinators = m.coordinators as { person: string; fte?: number }[] | undefined;
      if (!Array.isArray(coordinators)) return null;
      if (coordinators.length === 0) return NONE;
      if (coordinators.length === 1) return personLabel(coordinators[0].person);
      return coordinators.map((c) => (c.fte === undefined ? personLabel(c.person) : `${personLabel(c.person)} (${String(c.fte).replace('.', ',')} ETP)`)).join('\n');
    }
    case 'coordinatorsFte': {
      const coordinators = m.coordinators as { fte?: number }[] | undefined;
      return Array.isArray(coordinators) && coordinators.length === 1 && coordinators[0].fte !== undefined ? coordinators[0].fte : null;
    }
    default:
      return key.startsWith('dates.') ? date(get(m, key)) : text(get(m, key));
  }
}

function personCell(p: Json, key: string): OutCell {
  return key === 'trained' ? yesNo(p.trained) : text(p[key]);
}

function linkCell(l: Json, key: string, nameOf: (id: string) => string): OutCell {
  switch (key) {
    case 'kind':
      return labelOf(LINK_KINDS_VOCABULARY, String(l.kind));
    case 'from':
    case 'to':
      return nameOf(String(l[key]));
    case 'stage':
      return typeof l.stage === 'string' ? labelOf(STAGES, l.stage) : null;
    case 'opinion':
      return typeof l.opinion === 'string' ? labelOf(OPINIONS, l.opinion) : null;
    case 'date':
      return date(l.date);
    case 'priorities':
      return list(l.priorities, vocab(PRIORITIES_VOCABULARY));
    case 'forms':
      return list(l.forms, vocab(FORMS));
    case 'documents':
      return documentsCell(l.documents);
    default:
      return text(l[key]);
  }
}

// --- The dataset sheet and the Lisez-moi ---------------------------------------------------------

function datasetSheet(dataset: Json, territories?: TerritoryIndex): SheetSpec {
  const scope = (dataset.scope ?? {}) as { departements?: string[]; regions?: string[] };
  const value = (key: string): OutCell => {
    if (key === 'title') return typeof dataset.title === 'string' ? dataset.title : null;
    const codes = key === 'scope.departements' ? scope.departements : scope.regions;
    if (!codes || codes.length === 0) return null;
    return codes.map((c) => (territories ? placeLabel(c, territories) : c)).join(LIST_SEPARATOR);
  };
  const rows: OutCell[][] = DATASET_FIELDS.map((f) => [f.label, value(f.key), f.help]);
  const known = new Set(['format', 'title', 'scope', 'mechanisms', 'people', 'links']);
  for (const key of Object.keys(dataset)) if (!known.has(key) && dataset[key] !== undefined) rows.push([key, extraCell(dataset[key]), 'Champ libre du jeu de données.']);
  return {
    name: DATASET_SHEET_NAME,
    columns: [
      { header: 'Champ', width: 24 },
      { header: 'Valeur', width: 60, wrap: true },
      { header: 'Explication', width: 60, wrap: true },
    ],
    rows,
    freezeHeader: true,
  };
}

const README_INTRO = [
  "Ce classeur sert à importer et exporter les données du planificateur d'articulation CLS, CLSM et PTSM.",
  'Une ligne par dispositif (feuille Dispositifs), par personne (Personnes), par lien (Liens) et par avis d’un CLSM sur un PTSM (Avis).',
  "Seules les colonnes Type et Nom (Dispositifs), Libellé (Personnes), Type de lien, De et Vers (Liens), PTSM, CLSM et Étape (Avis) sont obligatoires, avec un territoire pour chaque dispositif. Une cellule vide ne change rien à une fiche déjà enregistrée ; « Aucun » vide une liste.",
  "Vos propres tableaux sont acceptés aussi : l'import reconnaît les en-têtes usuels (« Dispositif », « Coordonnateur », « ETP », « Date de signature »…) et propose la correspondance des autres. Les colonnes inconnues sont gardées comme champs libres.",
  'Les majuscules et les accents ne comptent pas. Les dates s’écrivent JJ/MM/AAAA (03/12/2018) ou sont des cellules de type date.',
];

function readmeSheet(): SheetSpec {
  const rows: OutCell[][] = [[README_SHEET_NAME, null, null, null], ...README_INTRO.map((line) => [line, null, null, null]), [null, null, null, null]];
  for (const kind of SHEET_KINDS) {
    rows.push([`Feuille ${SHEET_NAMES[kind]}`, null, null, null], ['Colonne', 'Obligatoire', 'Description', 'Exemple']);
    for (const f of SHEET_FIELDS[kind]) rows.push([f.header, f.required ? 'Oui' : '', f.help + (f.synonyms.length ? ` Autres en-têtes reconnus : ${f.synonyms.filter((s) => !/^[a-z]+[A-Z]/.test(s)).join(', ')}.` : ''), f.example ?? null]);
    rows.push([null, null, null, null]);
  }
  rows.push([`Feuille ${DATASET_SHEET_NAME}`, null, null, null], ['Champ', '', 'Description', '']);
  for (const f of DATASET_FIELDS) rows.push([f.label, '', f.help, null]);
  rows.push([null, null, null, null], ['Listes de valeurs', null, null, null], ['Liste', 'Valeur à écrire', 'Aussi accepté', 'Code']);
  const vocabularies: Vocabulary[] = [KINDS, STATUSES, STAGES, OPINIONS, LINK_KINDS_VOCABULARY, ROLES, FUNDERS_VOCABULARY, FORMS, PRIORITIES_VOCABULARY, THEMES_VOCABULARY];
  for (const v of vocabularies) {
    for (const value of v.values) rows.push([v.name, value.label, (value.synonyms ?? []).join(', '), value.value]);
  }
  rows.push([null, null, null, null], ['Oui / Non', 'Oui, Non', 'Vrai, Faux, X, 1, 0', '']);
  rows.push([null, null, null, null], ['Liste vide', NONE, 'Aucune, Néant', '']);
  return {
    name: README_SHEET_NAME,
    columns: [
      { header: 'Colonne', width: 34, wrap: true },
      { header: 'Valeur', width: 30, wrap: true },
      { header: 'Description', width: 90, wrap: true },
      { header: 'Exemple', width: 34, wrap: true },
    ],
    rows,
    freezeHeader: false,
    noHeader: true,
  };
}
