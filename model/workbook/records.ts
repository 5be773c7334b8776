// One row → one draft record (mechanism, person, link or avis): every cell read tolerantly,
// every problem tied to its cell. References between records (link ends, coordinators) and ids
// are settled afterwards by preview.ts, which sees all rows.
import { isWebAddress } from '../schema.ts';
import type { TerritoryIndex } from '../territory.ts';
import { plural, slugify } from '../text.ts';
import { LINK_ENDS, type LinkKind, type MechanismKind, type MechanismStatus } from '../vocabulary.ts';
import { TERRITORY_KEYS } from './columns.ts';
import { resolvePlaces, type PlaceColumn, type ResolvedTerritory } from './places.ts';
import { RowProblems, type RowInput } from './rows.ts';
import { cellText, isNoneCell, parseBoolean, parseCount, parseDate, parseNumber, splitList, type Parsed } from './values.ts';
import {
  expectedLabels,
  FORMS,
  FUNDERS_VOCABULARY,
  KINDS,
  LINK_KINDS_VOCABULARY,
  lookup,
  lookupKind,
  lookupPriority,
  lookupTheme,
  OPINIONS,
  ROLES,
  STAGES,
  STATUSES,
  type Vocabulary,
} from './vocab.ts';
import type { Cell } from './types.ts';

type Json = Record<string, unknown>;

export interface RowContext {
  territories: TerritoryIndex;
  /** The dataset's scope (départements), to settle ambiguous place names. */
  scope: readonly string[];
}

/** A mechanism row read: the fields it fills (nested as in `articulation/1`), and references still to settle. */
export interface MechanismDraft {
  input: RowInput;
  id?: string;
  kind?: MechanismKind;
  name?: string;
  /** Only the fields the row fills: merged over an existing record, blank cells keep what it had. */
  fields: Json;
  coordinators?: { ref: string; fte?: number }[];
  /** ETP column alone (no Coordination cell): applied to the existing coordinators. */
  ftes?: number[];
}

export interface PersonDraft {
  input: RowInput;
  id?: string;
  label?: string;
  fields: Json;
}

export interface LinkDraft {
  input: RowInput;
  id?: string;
  kind?: LinkKind;
  from?: string;
  to?: string;
  fields: Json;
  /** Avis sheet: a row with neither date nor opinion is an avis not received. */
  notReceived?: boolean;
}

const text = (input: RowInput, key: string): string | undefined => {
  const entry = input.cells.get(key);
  return entry ? cellText(entry.cell) || undefined : undefined;
};
const cell = (input: RowInput, key: string): Cell | undefined => input.cells.get(key)?.cell;

function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Json;
  }
  node[parts[parts.length - 1]] = value;
}

/** Read a cell with a parser; a failure is reported on the cell. */
function read<T>(input: RowInput, problems: RowProblems, key: string, parse: (c: Cell) => Parsed<T>): T | undefined {
  const c = cell(input, key);
  if (c === undefined) return undefined;
  const parsed = parse(c);
  if (!parsed.ok) {
    problems.at(key, parsed.message);
    return undefined;
  }
  if (parsed.warning) problems.at(key, parsed.warning, { severity: 'warning' });
  return parsed.value;
}

function readVocabulary<T extends string>(input: RowInput, problems: RowProblems, key: string, vocab: Vocabulary<T>): T | undefined {
  const value = text(input, key);
  if (value === undefined) return undefined;
  const found = lookup(vocab, value);
  if (!found) problems.at(key, `valeur inconnue « ${value} » (attendu : ${expectedLabels(vocab)})`);
  return found;
}

function readVocabularyList<T extends string>(input: RowInput, problems: RowProblems, key: string, vocab: Vocabulary<T>, find: (item: string) => T | undefined = (item) => lookup(vocab, item)): T[] | undefined {
  const c = cell(input, key);
  if (c === undefined) return undefined;
  if (isNoneCell(c)) return [];
  const out: T[] = [];
  // Items are split on « ; » and line breaks first, then on commas unless the whole item is a
  // value (« Droits, pouvoir d'agir et lutte contre la stigmatisation » holds a comma).
  for (const strong of splitList(c, 'strong')) {
    const whole = find(strong);
    for (const item of whole !== undefined ? [strong] : splitList(strong)) {
      const found = whole ?? find(item);
      if (found === undefined) problems.at(key, `valeur inconnue « ${item} » dans la liste des ${vocab.name} (voir la feuille Lisez-moi)`, { value: item });
      else if (!out.includes(found)) out.push(found);
    }
  }
  return out;
}

function addExtras(input: RowInput, fields: Json, extraValue: (c: Cell) => unknown): void {
  for (const e of input.extras) fields[e.key] = extraValue(e.cell);
}

// --- Mechanisms ----------------------------------------------------------------------------------

const DATE_KEYS = ['dates.start', 'dates.end', 'dates.signed', 'dates.diagnosticAdopted', 'dates.adopted'] as const;
const WHOLE_DEPARTEMENT_KINDS: readonly MechanismKind[] = ['PTSM', 'DAC'];

export function readMechanism(input: RowInput, context: RowContext, extraValue: (c: Cell) => unknown): MechanismDraft {
  const problems = new RowProblems(input);
  const fields: Json = {};
  const draft: MechanismDraft = { input, fields };
  draft.id = text(input, 'id');
  const kindText = text(input, 'kind');
  if (kindText !== undefined) {
    draft.kind = lookupKind(kindText);
    if (!draft.kind) problems.at('kind', `type de dispositif inconnu « ${kindText} » (attendu : ${expectedLabels(KINDS)})`);
  } else problems.row('type de dispositif manquant (CLSM, CLS, PTSM, CPTS, DAC ou ASV)', { column: headerOf(input, 'kind') });
  draft.name = text(input, 'name');
  if (draft.name === undefined) problems.row('nom du dispositif manquant', { column: headerOf(input, 'name') });
  if (draft.kind) fields.kind = draft.kind;
  if (draft.name) fields.name = draft.name;

  const status = readVocabulary(input, problems, 'status', STATUSES);
  if (status) fields.status = status;
  const history = readStatusHistory(input, problems);
  if (history) {
    fields.statusHistory = history;
    if (!status && history.length > 0) fields.status = history[history.length - 1].status;
  }

  const territory = readTerritory(input, problems, context, draft.kind);
  if (territory) fields.territory = territory;

  for (const key of DATE_KEYS) {
    const date = read(input, problems, key, parseDate);
    if (date) setPath(fields, key, date);
  }
  const priorities = readVocabularyList(input, problems, 'priorities', { name: 'priorités', values: [], read: () => undefined }, (item) => lookupPriority(item, draft.kind));
  if (priorities) fields.priorities = priorities;
  const objectives = cell(input, 'objectives');
  if (objectives !== undefined) fields.objectives = isNoneCell(objectives) ? [] : unique(splitList(objectives).map(slugify).filter(Boolean));
  const themesCell = cell(input, 'themes');
  if (themesCell !== undefined) {
    const themes: string[] = [];
    for (const item of isNoneCell(themesCell) ? [] : splitList(themesCell)) {
      const theme = lookupTheme(item);
      if (!theme.known) problems.at('themes', `thème « ${item} » absent de la liste : ajouté comme nouveau thème « ${theme.value} »`, { value: item, severity: 'warning' });
      if (theme.value && !themes.includes(theme.value)) themes.push(theme.value);
    }
    fields.themes = themes;
  }
  const component = read(input, problems, 'mentalHealthComponent', parseBoolean);
  if (component !== undefined) fields.mentalHealthComponent = component;
  readGovernance(input, problems, fields);
  readCoordinators(input, problems, draft);
  readDocuments(input, problems, fields);
  addExtras(input, fields, extraValue);
  return draft;
}

const WEB_ADDRESS = /https?:\/\/\S+/i;
const EDGE_SEPARATORS = /^[\s—–|:-]+|[\s—–|:-]+$/g;

/** Documents, one per line or « ; »: « Titre — https://adresse — JJ/MM/AAAA » (the date optional). */
function readDocuments(input: RowInput, problems: RowProblems, fields: Json): void {
  const c = cell(input, 'documents');
  if (c === undefined) return;
  const out: { title: string; url: string; date?: string }[] = [];
  for (const item of isNoneCell(c) ? [] : splitList(c, 'strong')) {
    const found = WEB_ADDRESS.exec(item);
    const title = found ? item.slice(0, found.index).replace(EDGE_SEPARATORS, '') : '';
    if (!found || !title || !isWebAddress(found[0])) {
      problems.at('documents', `« ${item} » : attendu « Titre — https://adresse — JJ/MM/AAAA » (un titre, puis une adresse en http:// ou https://)`, { value: item });
      continue;
    }
    const dateText = item.slice(found.index + found[0].length).replace(EDGE_SEPARATORS, '');
    const date = dateText ? parseDate(dateText) : undefined;
    if (date && !date.ok) {
      problems.at('documents', `« ${item} » : ${date.message}`, { value: item });
      continue;
    }
    out.push({ title, url: found[0], ...(date ? { date: date.value } : {}) });
  }
  fields.documents = out;
}

/** The sheet's header of a field, when the sheet has a column for it. */
function headerOf(input: RowInput, key: string): string | undefined {
  return input.mapped.get(key);
}

const HISTORY_DATE = /(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})/;

function readStatusHistory(input: RowInput, problems: RowProblems): { status: MechanismStatus; from: string }[] | undefined {
  const c = cell(input, 'statusHistory');
  if (c === undefined) return undefined;
  const out: { status: MechanismStatus; from: string }[] = [];
  for (const item of isNoneCell(c) ? [] : splitList(c, 'strong')) {
    const dateText = HISTORY_DATE.exec(item)?.[1];
    const label = item
      .replace(HISTORY_DATE, ' ')
      .replace(/\b(depuis le|depuis|à partir du|a partir du|le|du|au|dès le)\b/gi, ' ')
      .replace(/[:–—-]+/g, ' ')
      .trim();
    const status = lookup(STATUSES, label);
    const date = dateText ? parseDate(dateText) : undefined;
    if (!status || !date || !date.ok) {
      problems.at('statusHistory', `« ${item} » : attendu « Statut : JJ/MM/AAAA » (par exemple « En sommeil : 01/03/2024 »)`, { value: item });
      continue;
    }
    out.push({ status, from: date.value });
  }
  return out;
}

function readTerritory(input: RowInput, problems: RowProblems, context: RowContext, kind: MechanismKind | undefined): ResolvedTerritory | undefined {
  let hint: string[] = [];
  const hintCell = cell(input, 'departementHint');
  if (hintCell !== undefined) {
    const resolved = resolvePlaces(splitList(hintCell), 'departements', context.territories, { departements: [], scope: [] });
    for (const p of resolved.problems) problems.at('departementHint', p.message, { value: p.value, candidates: p.candidates, severity: p.severity });
    hint = resolved.territory.departements;
  }
  const territory: ResolvedTerritory = { communes: [], epci: [], departements: [] };
  let filled = false;
  const places = { departements: hint, scope: context.scope };
  for (const key of TERRITORY_KEYS) {
    const c = cell(input, key);
    if (c === undefined) continue;
    filled = true;
    for (const strong of splitList(c, 'strong')) {
      // « CC des Albères, de la Côte Vermeille et de l'Illibéris » holds commas: an item is split
      // on them only when it does not name a place as a whole (« Niort, Chauray »).
      let resolved = resolvePlaces([strong], key as PlaceColumn, context.territories, places);
      if (resolved.problems.some((p) => p.severity === 'error') && strong.includes(',')) {
        resolved = resolvePlaces(splitList(strong), key as PlaceColumn, context.territories, places);
      }
      for (const p of resolved.problems) problems.at(key, p.message, { value: p.value, candidates: p.candidates, severity: p.severity });
      for (const field of ['communes', 'epci', 'departements'] as const) for (const code of resolved.territory[field]) if (!territory[field].includes(code)) territory[field].push(code);
    }
  }
  if (!filled && hint.length > 0 && kind && WHOLE_DEPARTEMENT_KINDS.includes(kind)) {
    problems.at('departementHint', `pas d'autre territoire : le ${kind} couvre le département entier`, { severity: 'warning' });
    return { communes: [], epci: [], departements: hint };
  }
  return filled ? territory : undefined;
}

function readGovernance(input: RowInput, problems: RowProblems, fields: Json): void {
  const roles = readVocabularyList(input, problems, 'governance.copil.roles', ROLES);
  if (roles) setPath(fields, 'governance.copil.roles', roles);
  for (const key of ['governance.copil.meetingsPerYear', 'governance.plenaryPerYear']) {
    const n = read(input, problems, key, parseCount);
    if (n !== undefined) setPath(fields, key, n);
  }
  const groups = cell(input, 'governance.workingGroups');
  if (groups !== undefined) {
    const out: { theme: string; title?: string }[] = [];
    for (const item of isNoneCell(groups) ? [] : splitList(groups, 'strong')) {
      const colon = item.indexOf(':');
      const themeText = (colon >= 0 ? item.slice(0, colon) : item).trim();
      const title = colon >= 0 ? item.slice(colon + 1).trim() : '';
      const theme = lookupTheme(themeText);
      if (!theme.value) {
        problems.at('governance.workingGroups', `« ${item} » : attendu « Thème : intitulé »`, { value: item });
        continue;
      }
      out.push(title ? { theme: theme.value, title } : { theme: theme.value });
    }
    setPath(fields, 'governance.workingGroups', out);
  }
  const charter = read(input, problems, 'governance.charter', parseBoolean);
  if (charter !== undefined) setPath(fields, 'governance.charter', charter);
  const funding = readVocabularyList(input, problems, 'governance.funding', FUNDERS_VOCABULARY);
  if (funding) setPath(fields, 'governance.funding', funding);
}

/** « Marie Martin (0,5 ETP) » → label and FTE; the unit is required (« Équipe (2) » is a name). */
const WITH_FTE = /^(.*?)\s*\(\s*(\d+(?:[.,]\d+)?)\s*(%|etp)\s*\)$/i;

function readCoordinators(input: RowInput, problems: RowProblems, draft: MechanismDraft): void {
  const people = cell(input, 'coordinators');
  const fteCell = cell(input, 'coordinatorsFte');
  const ftes: number[] = [];
  if (fteCell !== undefined) {
    for (const item of splitList(fteCell, 'strong')) {
      const n = parseNumber(item);
      if (n.ok) ftes.push(n.value);
      else problems.at('coordinatorsFte', `${n.message} (ETP attendu, par exemple 0,5)`, { value: item });
    }
  }
  if (people === undefined) {
    if (ftes.length > 0) draft.ftes = ftes;
    return;
  }
  const refs = (isNoneCell(people) ? [] : splitList(people, 'strong')).map((item) => {
    const m = WITH_FTE.exec(item);
    if (!m) return { ref: item };
    const n = Number(m[2].replace(',', '.'));
    return { ref: m[1].trim(), fte: m[3] === '%' ? n / 100 : n };
  });
  if (ftes.length > 0) {
    if (ftes.length !== refs.length) {
      problems.at('coordinatorsFte', `${ftes.length} ETP pour ${plural(refs.length, 'personne')} en coordination : indiquez un ETP par personne, dans le même ordre`);
    } else refs.forEach((r, i) => (r.fte ??= ftes[i]));
  }
  draft.coordinators = refs;
}

// --- People --------------------------------------------------------------------------------------

export function readPerson(input: RowInput, extraValue: (c: Cell) => unknown): PersonDraft {
  const problems = new RowProblems(input);
  const fields: Json = {};
  const draft: PersonDraft = { input, fields, id: text(input, 'id'), label: text(input, 'label') };
  if (draft.label === undefined) problems.row('libellé de la personne manquant', { column: headerOf(input, 'label') });
  else fields.label = draft.label;
  const trained = read(input, problems, 'trained', parseBoolean);
  if (trained !== undefined) fields.trained = trained;
  for (const key of ['email', 'phone']) {
    const value = text(input, key);
    if (value !== undefined) fields[key] = value;
  }
  addExtras(input, fields, extraValue);
  return draft;
}

// --- Links and avis ------------------------------------------------------------------------------

export function readLink(input: RowInput, extraValue: (c: Cell) => unknown): LinkDraft {
  const problems = new RowProblems(input);
  const fields: Json = {};
  const draft: LinkDraft = { input, fields, id: text(input, 'id') };
  if (input.kind === 'avis') {
    draft.kind = 'avis';
    if (cell(input, 'date') === undefined && cell(input, 'opinion') === undefined) {
      draft.notReceived = true;
      return draft;
    }
  } else {
    const kindText = text(input, 'kind');
    if (kindText === undefined) problems.row('type de lien manquant', { column: headerOf(input, 'kind') });
    else {
      draft.kind = lookup(LINK_KINDS_VOCABULARY, kindText);
      if (!draft.kind) problems.at('kind', `type de lien inconnu « ${kindText} » (attendu : ${expectedLabels(LINK_KINDS_VOCABULARY)})`);
    }
  }
  draft.from = text(input, 'from');
  draft.to = text(input, 'to');
  for (const end of ['from', 'to'] as const) {
    if (draft[end] === undefined) problems.row(`dispositif ${end === 'from' ? 'de départ' : "d'arrivée"} manquant`, { column: headerOf(input, end) });
  }
  const stage = readVocabulary(input, problems, 'stage', STAGES);
  if (stage) fields.stage = stage;
  else if (input.kind === 'avis' && cell(input, 'stage') === undefined) problems.row("étape de l'avis manquante : Diagnostic ou Projet", { column: headerOf(input, 'stage') });
  const date = read(input, problems, 'date', parseDate);
  if (date) fields.date = date;
  const opinion = readVocabulary(input, problems, 'opinion', OPINIONS);
  if (opinion) fields.opinion = opinion;
  const response = text(input, 'response');
  if (response !== undefined) fields.response = response;
  const priorities = readVocabularyList(input, problems, 'priorities', { name: 'priorités du PTSM', values: [], read: () => undefined }, (item) => lookupPriority(item, 'PTSM'));
  if (priorities) fields.priorities = priorities;
  const forms = readVocabularyList(input, problems, 'forms', FORMS);
  if (forms) fields.forms = forms;
  readDocuments(input, problems, fields);
  addExtras(input, fields, extraValue);
  return draft;
}

/** The kinds a link's end may be, to settle a name shared by mechanisms of several kinds. */
export function endKinds(kind: LinkKind | undefined, end: 'from' | 'to'): readonly MechanismKind[] | null {
  return kind ? LINK_ENDS[kind][end] : null;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
