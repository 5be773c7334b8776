// The journal in the user's words: each record named by its name (« Dispositif « CLSM de Niort » »,
// « Lien « Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) » »), and what a write changed
// as a French field-by-field list (« Territoire : + Aiffres », « ETP : 0,5 → 1 »), never JSON.
// Pure: names come from a NameBook the view fills from the API.
import { formatDateFr, isCalendarDate } from '../../../model/dates.ts';
import { fteText, objectiveLabel, recordName as recordNameOf, type RecordKind } from '../../../model/labels.ts';
import { formatDateTimeFr } from '../../../model/report.ts';
import { capitalize, formatDecimal, listFr, plural, uncapitalize } from '../../../model/text.ts';
import {
  ACCOUNT_ROLE_LABELS,
  ARTICULATION_FORM_LABELS,
  AUDIT_ENTITY_LABELS,
  AVIS_OPINION_LABELS,
  AVIS_STAGE_LABELS,
  COPIL_ROLE_LABELS,
  fieldLabel,
  FUNDER_LABELS,
  LINK_KIND_LABELS,
  MECHANISM_KIND_LABELS,
  MECHANISM_STATUS_LABELS,
  PRIORITY_LABELS,
  themeLabel,
  type AuditEntity,
} from '../../../model/vocabulary.ts';
import type { AuditEntry } from '../api.ts';

/** Names of what records point to: mechanisms, people, territories (communes, EPCI, départements, régions). */
export interface NameBook {
  mechanism(id: string): string | undefined;
  person(id: string): string | undefined;
  territory(code: string): string | undefined;
}

type Raw = Record<string, unknown>;
const asRecord = (x: unknown): Raw => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Raw) : {});
const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A label from a vocabulary by a value the data holds (own keys only), else the value as is. */
function labelIn(labels: Readonly<Record<string, string>>, value: unknown): string {
  const key = String(value);
  return Object.hasOwn(labels, key) ? labels[key] : key;
}

const personName = (names: NameBook, id: string) => names.person(id) ?? 'personne supprimée';
const mechanismName = (names: NameBook, id: string) => names.mechanism(id) ?? `« ${id} »`;

/** The name a record goes by in an entry: its name, label, link title or account. */
export function recordName(entity: string, data: unknown, names: NameBook): string {
  const d = asRecord(data);
  switch (entity as AuditEntity) {
    case 'mechanisms':
    case 'people':
    case 'links':
      return recordNameOf(entity as RecordKind, d, (id) => mechanismName(names, id));
    case 'accounts':
      return text(d.name) ? `${text(d.name)} (${text(d.email)})` : text(d.email);
    case 'tokens':
      return text(d.name);
    default:
      return '';
  }
}

/** « Dispositif « CLSM de Niort » », « Jeu de données : import en fusion »: what an entry is about, in words. */
export function entryTitle(e: Pick<AuditEntry, 'entity' | 'before' | 'after'> & Partial<Pick<AuditEntry, 'action'>>, names: NameBook): string {
  const kind = labelIn(AUDIT_ENTITY_LABELS, e.entity);
  if (e.entity === 'dataset' && e.action === 'import') {
    const mode = asRecord(e.after).mode;
    return `${kind} : import${mode === 'replace' ? ' en remplacement' : mode === 'merge' ? ' en fusion' : ''}`;
  }
  const name = recordName(e.entity, e.after ?? e.before, names);
  return name ? `${kind} « ${name} »` : kind;
}

export interface FieldChange {
  /** « Territoire », « ETP ». */
  label: string;
  /** « + Aiffres, − Niort », « 0,5 → 1 », or the value of a created record. */
  text: string;
}

/** A set field: values written by `word`, the change as « + a, − b ». */
function setChange(label: string, before: unknown, after: unknown, word: (value: unknown) => string): FieldChange | null {
  const key = (v: unknown) => JSON.stringify(v);
  const b = new Map(asList(before).map((v) => [key(v), v]));
  const a = new Map(asList(after).map((v) => [key(v), v]));
  const added = [...a.keys()].filter((k) => !b.has(k)).map((k) => `+ ${word(a.get(k))}`);
  const removed = [...b.keys()].filter((k) => !a.has(k)).map((k) => `− ${word(b.get(k))}`);
  return added.length + removed.length ? { label, text: [...added, ...removed].join(', ') } : null;
}

/** How each field's values read. */
function valueWriter(entity: string, path: string, names: NameBook): (value: unknown) => string {
  switch (path) {
    case 'kind':
      return entity === 'links' ? (v) => labelIn(LINK_KIND_LABELS, v) : (v) => `${String(v)} (${labelIn(MECHANISM_KIND_LABELS, v)})`;
    case 'status':
      return (v) => labelIn(MECHANISM_STATUS_LABELS, v);
    case 'stage':
      return (v) => labelIn(AVIS_STAGE_LABELS, v);
    case 'opinion':
      return (v) => labelIn(AVIS_OPINION_LABELS, v);
    case 'role':
      return (v) => labelIn(ACCOUNT_ROLE_LABELS, v);
    case 'from':
    case 'to':
      return (v) => mechanismName(names, String(v));
    case 'priorities':
      return (v) => labelIn(PRIORITY_LABELS, v);
    case 'objectives':
      return (v) => objectiveLabel(String(v));
    case 'themes':
      return (v) => themeLabel(String(v));
    case 'forms':
      return (v) => labelIn(ARTICULATION_FORM_LABELS, v);
    case 'governance.copil.roles':
      return (v) => labelIn(COPIL_ROLE_LABELS, v);
    case 'governance.funding':
      return (v) => labelIn(FUNDER_LABELS, v);
    case 'governance.workingGroups':
      return (v) => text(asRecord(v).title) || themeLabel(text(asRecord(v).theme));
    case 'statusHistory':
      return (v) => `${labelIn(MECHANISM_STATUS_LABELS, asRecord(v).status)} à partir du ${formatDateFr(text(asRecord(v).from))}`;
    case 'disabled':
      return (v) => (v ? 'désactivé' : 'actif');
    case 'account':
      return (v) => `compte n° ${String(v)}`;
    case 'scope':
      return (v) => scopeText(v, names);
    default:
      return scalar;
  }
}

/** An account's scope in words: « départements : Deux-Sèvres ; dispositifs : CLSM de Niort ». */
function scopeText(v: unknown, names: NameBook): string {
  const scope = asRecord(v);
  const parts = [
    ['régions', asList(scope.regions).map((c) => names.territory(String(c)) ?? String(c))],
    ['départements', asList(scope.departements).map((c) => names.territory(String(c)) ?? String(c))],
    ['dispositifs', asList(scope.mechanisms).map((id) => mechanismName(names, String(id)))],
  ] as const;
  const written = parts.filter(([, list]) => list.length).map(([what, list]) => `${what} : ${list.join(', ')}`);
  return written.length ? written.join(' ; ') : 'tout';
}

/** A date-time written by the server (2026-12-08T22:02:14.691Z), in French and Paris time. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value with no vocabulary: dates in French, numbers French style, yes or no; anything else in words, never JSON. */
function scalar(v: unknown): string {
  if (v === undefined || v === null) return 'non renseigné';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') return formatDecimal(v);
  if (typeof v === 'string') return isCalendarDate(v) ? formatDateFr(v) : TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)) ? formatDateTimeFr(v) : v;
  if (Array.isArray(v)) return v.map(scalar).join(', ');
  return Object.entries(asRecord(v))
    .map(([k, x]) => `${fieldLabel(k)} : ${scalar(x)}`)
    .join(', ');
}

/** Fields whose value is a list read as a set (order does not matter). */
const SETS = new Set(['priorities', 'objectives', 'themes', 'forms', 'governance.copil.roles', 'governance.funding', 'governance.workingGroups', 'statusHistory']);
/** Objects whose fields are listed one by one. */
const NESTED = new Set(['dates', 'governance', 'governance.copil']);

/** The fields of a record as dotted paths (dates.start, governance.copil.roles…), with their values. */
function flatten(record: Raw, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (NESTED.has(path) && value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Raw, path, out);
    else out.set(path, value);
  }
  return out;
}

/** A territory's codes (communes, EPCI, départements), in order. */
const territoryCodes = (t: unknown) => ['communes', 'epci', 'departements'].flatMap((k) => asList(asRecord(t)[k]).map(String));

/** Coordinators by person: their FTE. */
const ftes = (list: unknown) => new Map(asList(list).map((c) => [text(asRecord(c).person), asRecord(c).fte as number | undefined]));
const fteOrUnknown = (v: number | undefined) => (v === undefined ? 'ETP non renseigné' : fteText(v));

/** Coordinators: people added or removed, and each one's FTE that changed (« ETP : 0,5 → 1 »). */
function coordinatorChanges(before: unknown, after: unknown, names: NameBook): FieldChange[] {
  const b = ftes(before);
  const a = ftes(after);
  const out: FieldChange[] = [];
  const added = [...a.keys()].filter((p) => !b.has(p)).map((p) => `+ ${personName(names, p)} (${fteOrUnknown(a.get(p))})`);
  const removed = [...b.keys()].filter((p) => !a.has(p)).map((p) => `− ${personName(names, p)}`);
  if (added.length + removed.length) out.push({ label: fieldLabel('coordinators'), text: [...added, ...removed].join(', ') });
  for (const [p, value] of a) {
    if (!b.has(p) || b.get(p) === value) continue;
    const was = b.get(p);
    out.push({ label: a.size > 1 ? `ETP de ${personName(names, p)}` : 'ETP', text: `${was === undefined ? 'non renseigné' : formatDecimal(was)} → ${value === undefined ? 'non renseigné' : formatDecimal(value)}` });
  }
  return out;
}

/** What a created or deleted record holds, field by field. */
function recordFields(entity: string, data: unknown, names: NameBook): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [path, value] of flatten(asRecord(data))) {
    if (path === 'id' || path === 'version' || value === undefined) continue;
    let written: string;
    if (path === 'territory') written = territoryCodes(value).map((code) => names.territory(code) ?? code).join(', ');
    else if (path === 'coordinators') written = [...ftes(value)].map(([p, fte]) => `${personName(names, p)} (${fteOrUnknown(fte)})`).join(', ');
    else {
      const write = valueWriter(entity, path, names);
      written = Array.isArray(value) ? value.map(write).join(', ') : write(value);
    }
    if (written) out.push({ label: fieldLabel(path), text: written });
  }
  return out;
}

/**
 * What a write changed, field by field, in French. A creation lists what the record holds, a
 * deletion what it held; a change gives « avant → après » (lists: what was added and removed).
 */
export function fieldChanges(entity: string, before: unknown, after: unknown, names: NameBook): FieldChange[] {
  if (before === null || before === undefined || after === null || after === undefined) return recordFields(entity, after ?? before, names);
  const b = flatten(asRecord(before));
  const a = flatten(asRecord(after));
  const out: FieldChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const [was, now] = [b.get(path), a.get(path)];
    if (path === 'id' || path === 'version' || JSON.stringify(was) === JSON.stringify(now)) continue;
    const label = fieldLabel(path);
    const write = valueWriter(entity, path, names);
    let change: FieldChange | null;
    if (path === 'territory') change = setChange(label, territoryCodes(was), territoryCodes(now), (code) => names.territory(String(code)) ?? String(code));
    else if (path === 'coordinators') {
      out.push(...coordinatorChanges(was, now, names));
      continue;
    } else if (SETS.has(path)) change = setChange(label, was, now, write);
    else change = { label, text: `${was === undefined ? 'non renseigné' : write(was)} → ${now === undefined ? 'non renseigné' : write(now)}` };
    if (change) out.push(change);
  }
  return out;
}

/** The change list as one line: « Territoire : + Aiffres ; ETP : 0,5 → 1 ». */
export function changesLine(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.label} : ${c.text}`).join(' ; ');
}

/** What undoing an entry will restore, in words (the confirmation « Annuler » asks). */
export function undoText(e: Pick<AuditEntry, 'entity' | 'before' | 'after'>, title: string, names: NameBook): string {
  const record = `la fiche ${uncapitalize(title)}`;
  if (e.before === null) return `Cette écriture a créé ${record} : l’annuler la supprime.`;
  const restored = changesLine(fieldChanges(e.entity, e.after, e.before, names));
  if (e.after === null) return `Cette écriture a supprimé ${record} : l’annuler la rétablit (${restored}).`;
  return `${capitalize(record)} reprendra son état d’avant : ${restored || 'aucun champ ne change'}.`;
}

/** The codes and ids an entry's changes name, for the view to fetch their names. */
export function namesNeeded(entries: readonly Pick<AuditEntry, 'entity' | 'before' | 'after'>[]): { territories: Set<string> } {
  const territories = new Set<string>();
  for (const e of entries) {
    if (e.entity !== 'mechanisms' && e.entity !== 'accounts') continue;
    for (const state of [e.before, e.after]) {
      const t = asRecord(asRecord(state).territory);
      for (const k of ['communes', 'epci', 'departements']) for (const code of asList(t[k])) territories.add(String(code));
      const scope = asRecord(asRecord(state).scope);
      for (const k of ['regions', 'departements']) for (const code of asList(scope[k])) territories.add(String(code));
    }
  }
  return { territories };
}

/** An import's counts by kind of record (its journal entry's `after.counts`, or its diff's lengths). */
export type ImportCounts = Partial<Record<'mechanisms' | 'people' | 'links', { created?: number; updated?: number; removed?: number }>>;

const COUNTED_KINDS = [
  ['mechanisms', 'dispositif'],
  ['people', 'personne'],
  ['links', 'lien'],
] as const;

/**
 * What undoing a whole import restores, in words (the confirmation « Annuler l’import » asks):
 * what it created is deleted, what it changed or deleted comes back, in one step of the journal.
 */
export function importUndoText(counts: ImportCounts, datasetChanged = false): string {
  const listed = (key: 'created' | 'updated' | 'removed') =>
    listFr(COUNTED_KINDS.filter(([k]) => (counts[k]?.[key] ?? 0) > 0).map(([k, noun]) => plural(counts[k]![key]!, noun)));
  const sentences = [
    listed('created') && `Les fiches qu’il a créées seront supprimées : ${listed('created')}.`,
    listed('updated') && `Les fiches qu’il a modifiées reprendront leur état d’avant : ${listed('updated')}.`,
    listed('removed') && `Les fiches qu’il a supprimées seront rétablies : ${listed('removed')}.`,
    datasetChanged && 'Le titre et le périmètre du jeu de données reprendront leur valeur d’avant.',
  ].filter((x): x is string => Boolean(x));
  if (sentences.length === 0) return 'Cet import n’a changé aucune fiche : l’annuler ne change rien.';
  return `L’import est annulé d’un coup, en une seule étape du journal. ${sentences.join(' ')} Si l’une de ces fiches a changé depuis, rien n’est annulé et les fiches en cause sont nommées.`;
}
