// Mapped sheets → the preview of an import: one entry per row with the record it becomes and
// its problems, and the `articulation/1` document to import once no error is left. Ids are
// settled here (kept, matched to the current dataset by kind and name, or made stable from
// them), link ends and coordinators resolved by id or name, and the result validated as a
// whole by `validateDataset`, whose problems are brought back to their row and column.
import type { Dataset, DatasetInput } from '../schema.ts';
import { FORMAT } from '../schema.ts';
import { recordName, recordTitle } from '../labels.ts';
import type { TerritoryIndex } from '../territory.ts';
import { foldText, slugify } from '../text.ts';
import { defaultLinkId, validateDataset } from '../validate.ts';
import type { MechanismKind } from '../vocabulary.ts';
import { DATASET_FIELDS, SHEET_FIELDS, TERRITORY_KEYS } from './columns.ts';
import type { SheetMapping } from './mapping.ts';
import { resolvePlaces } from './places.ts';
import { endKinds, readLink, readMechanism, readPerson, type LinkDraft, type MechanismDraft, type PersonDraft } from './records.ts';
import { collectRows, extraValue, RowProblems, type CellEdit, type RowInput, type RowRef } from './rows.ts';
import { DATASET_SHEET_NAME, type Cell, type ImportProblem, type RawWorkbook, type SheetKind } from './types.ts';
import { cellText, isBlank, splitList } from './values.ts';

type Json = Record<string, unknown>;

export interface PreviewOptions {
  territories: TerritoryIndex;
  /** The dataset the import goes into: ids are matched to it and its records updated (merge). */
  current?: Dataset;
  /** merge (default): records are added or updated; replace: the workbook is the whole dataset. */
  mode?: 'merge' | 'replace';
  /** Corrections typed in the preview. */
  edits?: readonly CellEdit[];
  /** Rows left out: their records and problems disappear. */
  skip?: readonly RowRef[];
}

export type RowStatus = 'ok' | 'warning' | 'error' | 'skipped' | 'not-received';

export interface PreviewRow extends RowRef {
  kind: SheetKind;
  status: RowStatus;
  /** The record the row becomes, as it will be imported (merged over the current one when updating). */
  record?: Json;
  /** Whether the record exists already (merge) or is new. */
  action?: 'create' | 'update';
  problems: ImportProblem[];
}

export interface ImportPreview {
  rows: PreviewRow[];
  /** Every problem, those of sheets first, then by sheet and row. */
  problems: ImportProblem[];
  errorCount: number;
  warningCount: number;
  /** What to import (in merge mode, only the workbook's records). Importable when `errorCount` is 0. */
  document: DatasetInput;
  counts: { mechanisms: number; people: number; links: number; notReceived: number; skipped: number };
}

export function previewImport(workbook: RawWorkbook, mappings: readonly SheetMapping[], options: PreviewOptions): ImportPreview {
  const mode = options.mode ?? 'merge';
  const current = mode === 'merge' ? options.current : undefined;
  const collected = collectRows(workbook, mappings, options.edits ?? [], options.skip ?? []);
  const sheetProblems = [...collected.problems];
  const meta = readDatasetSheet(workbook, options.territories);
  const scope = scopeDepartements(meta, options.current, options.territories);
  for (const m of mappings) if (m.kind === 'mechanisms' && !m.columns.some((c) => 'field' in c.target && c.target.field === 'status')) {
    sheetProblems.push({ severity: 'warning', sheet: m.sheet, message: 'pas de colonne « Statut » : les nouveaux dispositifs sont réputés actifs' });
  }

  const byKind = (kind: SheetKind) => collected.rows.filter((r) => r.kind === kind);
  const mechanisms = byKind('mechanisms').map((input) => readMechanism(input, { territories: options.territories, scope }, extraValue));
  const people = byKind('people').map((input) => readPerson(input, extraValue));
  const links = [...byKind('links'), ...byKind('avis')].map((input) => readLink(input, extraValue));

  const resolver = new Resolver(current);
  resolver.settleMechanismIds(mechanisms);
  resolver.settlePeopleIds(people);
  const builtMechanisms = mechanisms.map((d) => resolver.buildMechanism(d));
  const builtPeople = people.map((d) => resolver.buildPerson(d));
  const builtLinks = links.map((d) => (d.notReceived ? undefined : resolver.buildLink(d)));
  const implicitPeople = resolver.implicitPeople;

  const document: DatasetInput = { format: FORMAT, ...meta.fields } as DatasetInput;
  document.mechanisms = builtMechanisms.filter((m): m is Json => m !== undefined) as DatasetInput['mechanisms'];
  document.people = [...builtPeople.filter((p): p is Json => p !== undefined), ...implicitPeople.map((p) => p.record)] as DatasetInput['people'];
  document.links = builtLinks.filter((l): l is Json => l !== undefined) as DatasetInput['links'];

  // Validate the result as the store will see it, and bring each problem back to its row.
  const origins = {
    mechanisms: mechanisms.filter((_, i) => builtMechanisms[i] !== undefined).map((d) => d.input),
    people: [...people.filter((_, i) => builtPeople[i] !== undefined).map((d) => d.input), ...implicitPeople.map((p) => p.input)],
    links: links.filter((_, i) => builtLinks[i] !== undefined).map((d) => d.input),
  };
  validateInto(document, current, origins, options.territories);

  return assemble(collected.rows, collected.skipped, sheetProblems, meta.problems, document, { mechanisms, people, links, builtMechanisms, builtPeople, builtLinks }, resolver);
}

// --- The « Jeu de données » sheet ----------------------------------------------------------------

function readDatasetSheet(workbook: RawWorkbook, territories: TerritoryIndex): { fields: Json; problems: ImportProblem[] } {
  const sheet = workbook.sheets.find((s) => foldText(s.name) === foldText(DATASET_SHEET_NAME));
  const fields: Json = {};
  const own: ImportProblem[] = [];
  if (!sheet) return { fields, problems: own };
  sheet.rows.forEach((row, r) => {
    const label = cellText(row[0] ?? null);
    const value = row[1] ?? null;
    if (!label || foldText(label) === 'champ' || isBlank(value)) return;
    const field = DATASET_FIELDS.find((f) => foldText(f.label) === foldText(label) || f.key === label);
    if (!field) {
      fields[label] = extraValue(value);
      return;
    }
    if (field.key === 'title') fields.title = cellText(value);
    else {
      const resolved = resolvePlaces(splitList(value), 'departements', territories, { departements: [], scope: [] });
      for (const p of resolved.problems) own.push({ severity: p.severity, sheet: sheet.name, row: r + 1, column: label, value: p.value, message: p.message, candidates: p.candidates });
      const scope = (fields.scope ??= {}) as Json;
      if (field.key === 'scope.departements') scope.departements = resolved.territory.departements;
      else scope.regions = splitList(value).map((v) => territories.placesNamed(v).find((m) => m.type === 'region')?.code ?? v);
    }
  });
  return { fields, problems: own };
}

function scopeDepartements(meta: { fields: Json }, current: Dataset | undefined, territories: TerritoryIndex): string[] {
  const scope = (meta.fields.scope as { departements?: string[]; regions?: string[] } | undefined) ?? current?.scope;
  const out = new Set(scope?.departements ?? []);
  for (const r of scope?.regions ?? []) for (const d of territories.departementsOfRegion(r)) out.add(d);
  return [...out];
}

// --- Ids and references ------------------------------------------------------------------------

const nameKey = (kind: string, name: string) => `${kind}\u0000${foldText(name)}`;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

interface MechanismRef {
  id: string;
  kind: MechanismKind;
  name: string;
}

class Resolver {
  private readonly currentMechanisms = new Map<string, Json>();
  private readonly currentPeople = new Map<string, Json>();
  private readonly currentLinks = new Map<string, Json>();
  /** Every mechanism a link may name: the workbook's, then the current dataset's. */
  private readonly mechanismsById = new Map<string, MechanismRef>();
  private readonly mechanismsByName = new Map<string, MechanismRef[]>();
  private readonly peopleById = new Map<string, string>();
  private readonly peopleByLabel = new Map<string, string[]>();
  private readonly takenIds = new Set<string>();
  readonly implicitPeople: { input: RowInput; record: Json }[] = [];
  readonly existing = new Set<string>();

  constructor(current: Dataset | undefined) {
    for (const m of current?.mechanisms ?? []) this.currentMechanisms.set(m.id, m as Json);
    for (const p of current?.people ?? []) this.currentPeople.set(p.id, p as Json);
    for (const l of current?.links ?? []) this.currentLinks.set(linkKey(l as Json), l as Json);
    for (const id of this.currentMechanisms.keys()) this.takenIds.add(id);
    for (const id of this.currentPeople.keys()) this.takenIds.add(id);
  }

  settleMechanismIds(drafts: MechanismDraft[]): void {
    const currentByName = new Map<string, string>();
    for (const m of this.currentMechanisms.values()) currentByName.set(nameKey(String(m.kind), String(m.name)), String(m.id));
    const seen = new Map<string, RowInput>();
    for (const d of drafts) {
      const problems = new RowProblems(d.input);
      if (d.id !== undefined) d.id = checkedId(d.id, problems);
      if (d.kind === undefined || d.name === undefined) continue;
      const key = nameKey(d.kind, d.name);
      if (d.id === undefined) {
        const twin = seen.get(key);
        if (twin) {
          problems.row(`ce ${d.kind} « ${d.name} » figure déjà ligne ${twin.row} de la feuille ${twin.sheet} : fusionnez les deux lignes ou donnez-leur un identifiant`, { column: d.input.cells.get('name')?.header });
          continue;
        }
        seen.set(key, d.input);
        d.id = currentByName.get(key) ?? this.takeId(mechanismIdBase(d.kind, d.name));
      }
      this.takenIds.add(d.id);
    }
    // Names links may use: the workbook's mechanisms, then the current ones not replaced.
    for (const d of drafts) if (d.id && d.kind && d.name) this.addMechanismRef({ id: d.id, kind: d.kind, name: d.name });
    for (const m of this.currentMechanisms.values()) if (!this.mechanismsById.has(String(m.id))) this.addMechanismRef({ id: String(m.id), kind: m.kind as MechanismKind, name: String(m.name) });
  }

  /** A mechanism's name, from the workbook or the current dataset (its id when neither knows it). */
  mechanismName(id: string): string {
    return this.mechanismsById.get(id)?.name ?? id;
  }

  private addMechanismRef(ref: MechanismRef): void {
    this.mechanismsById.set(ref.id, ref);
    const key = foldText(ref.name);
    const list = this.mechanismsByName.get(key);
    if (list) list.push(ref);
    else this.mechanismsByName.set(key, [ref]);
  }

  settlePeopleIds(drafts: PersonDraft[]): void {
    const currentByLabel = new Map<string, string>();
    for (const p of this.currentPeople.values()) currentByLabel.set(foldText(String(p.label)), String(p.id));
    for (const d of drafts) {
      const problems = new RowProblems(d.input);
      if (d.id !== undefined) d.id = checkedId(d.id, problems);
      if (d.id === undefined && d.label !== undefined) d.id = currentByLabel.get(foldText(d.label)) ?? this.takeId(slugify(d.label).slice(0, 120) || 'personne');
      else if (d.id !== undefined) this.takenIds.add(d.id);
    }
    for (const d of drafts) if (d.id && d.label) this.addPersonRef(d.id, d.label);
    for (const p of this.currentPeople.values()) if (!this.peopleById.has(String(p.id))) this.addPersonRef(String(p.id), String(p.label));
  }

  private takeId(base: string): string {
    let id = base;
    for (let n = 2; this.takenIds.has(id); n++) id = `${base.slice(0, 115)}-${n}`;
    this.takenIds.add(id);
    return id;
  }

  private addPersonRef(id: string, label: string): void {
    this.peopleById.set(id, label);
    const key = foldText(label);
    const list = this.peopleByLabel.get(key);
    if (list) list.push(id);
    else this.peopleByLabel.set(key, [id]);
  }

  buildMechanism(d: MechanismDraft): Json | undefined {
    if (!d.id || !d.kind || !d.name) return undefined;
    const problems = new RowProblems(d.input);
    const existing = this.currentMechanisms.get(d.id);
    if (existing) this.existing.add(`m:${d.id}`);
    const record: Json = existing ? deepMerge(structuredClone(existing), d.fields) : { id: d.id, ...d.fields };
    record.id = d.id;
    // Matched accent- and case-insensitively: the stored spelling is kept.
    if (existing && foldText(String(existing.name)) === foldText(d.name)) record.name = existing.name;
    record.status ??= 'active';
    if (d.input.cells.get('status') === undefined && !existing && d.input.mapped.has('status') && d.fields.statusHistory === undefined) {
      problems.row('statut vide : le dispositif est réputé actif', { column: d.input.mapped.get('status'), severity: 'warning' });
    }
    if (record.territory === undefined) {
      const territoryColumn = TERRITORY_KEYS.find((k) => d.input.mapped.has(k));
      problems.row('territoire vide : indiquez au moins une commune, un EPCI ou un département', { column: territoryColumn ? d.input.mapped.get(territoryColumn) : undefined });
      record.territory = { communes: [], epci: [], departements: [] };
    }
    if (d.coordinators) {
      record.coordinators = d.coordinators.flatMap((c) => {
        const person = this.findPerson(c.ref, problems, d.input);
        return person ? [c.fte === undefined ? { person } : { person, fte: c.fte }] : [];
      });
    } else if (d.ftes) {
      const list = Array.isArray(record.coordinators) ? (record.coordinators as Json[]) : [];
      if (list.length !== d.ftes.length) problems.at('coordinatorsFte', `ETP sans personne en coordination : remplissez aussi la colonne de la coordination`);
      else record.coordinators = list.map((c, i) => ({ ...c, fte: d.ftes![i] }));
    }
    return record;
  }

  private findPerson(ref: string, problems: RowProblems, input: RowInput): string | undefined {
    if (this.peopleById.has(ref)) return ref;
    const ids = this.peopleByLabel.get(foldText(ref)) ?? [];
    if (ids.length === 1) return ids[0];
    if (ids.length > 1) {
      problems.at('coordinators', `plusieurs personnes s'appellent « ${ref} » : écrivez leur identifiant`, { value: ref, candidates: ids.map((id) => `${this.peopleById.get(id)} (${id})`) });
      return undefined;
    }
    // A coordinator named only here: the person is created with the import.
    const id = this.takeId(slugify(ref).slice(0, 120) || 'personne');
    this.addPersonRef(id, ref);
    this.implicitPeople.push({ input, record: { id, label: ref } });
    problems.at('coordinators', `« ${ref} » n'est pas dans la feuille Personnes : la personne est créée`, { value: ref, severity: 'warning' });
    return id;
  }

  buildPerson(d: PersonDraft): Json | undefined {
    if (!d.id || !d.label) return undefined;
    const existing = this.currentPeople.get(d.id);
    if (existing) this.existing.add(`p:${d.id}`);
    const record = existing ? deepMerge(structuredClone(existing), d.fields) : { id: d.id, ...d.fields };
    record.id = d.id;
    if (existing && foldText(String(existing.label)) === foldText(d.label)) record.label = existing.label;
    return record;
  }

  buildLink(d: LinkDraft): Json | undefined {
    const problems = new RowProblems(d.input);
    const from = d.from === undefined ? undefined : this.findMechanism(d.from, endKinds(d.kind, 'from'), 'from', problems);
    const to = d.to === undefined ? undefined : this.findMechanism(d.to, endKinds(d.kind, 'to'), 'to', problems);
    if (!d.kind || !from || !to) return undefined;
    const record: Json = { kind: d.kind, from, to, ...d.fields };
    if (d.id !== undefined) record.id = d.id;
    const existing = this.currentLinks.get(linkKey(record));
    if (existing) {
      this.existing.add(`l:${linkKey(record)}`);
      const merged = deepMerge(structuredClone(existing), record);
      if (d.id === undefined && existing.id !== undefined) merged.id = existing.id;
      return merged;
    }
    return record;
  }

  /** A mechanism named by id or by name (accents and case aside); a name shared by several is an error listing them. */
  private findMechanism(ref: string, kinds: readonly MechanismKind[] | null, end: 'from' | 'to', problems: RowProblems): string | undefined {
    const byId = this.mechanismsById.get(ref) ?? this.mechanismsById.get(ref.toLowerCase());
    if (byId) return byId.id;
    let candidates = this.mechanismsByName.get(foldText(ref)) ?? [];
    if (candidates.length > 1 && kinds) {
      const fitting = candidates.filter((c) => kinds.includes(c.kind));
      if (fitting.length > 0) candidates = fitting;
    }
    if (candidates.length === 1) return candidates[0].id;
    if (candidates.length > 1) {
      problems.at(end, `nom ambigu « ${ref} » : ${candidates.length} dispositifs portent ce nom ; écrivez l'identifiant de celui que vous visez`, {
        value: ref,
        candidates: candidates.map((c) => `${c.name} (${c.kind}, ${c.id})`),
      });
      return undefined;
    }
    problems.at(end, `dispositif inconnu « ${ref} » : ni dans la feuille Dispositifs ni déjà enregistré`, { value: ref });
    return undefined;
  }
}

function mechanismIdBase(kind: MechanismKind, name: string): string {
  const slug = slugify(name);
  const prefix = kind.toLowerCase();
  const base = slug === prefix || slug.startsWith(`${prefix}-`) ? slug : `${prefix}-${slug}`;
  return base.slice(0, 120).replace(/-+$/, '');
}

/** An id as typed: kept when valid, else made valid (« CLSM Niort » → « clsm-niort ») with a warning. */
function checkedId(raw: string, problems: RowProblems): string | undefined {
  if (ID_PATTERN.test(raw) && raw.length <= 120) return raw;
  const slug = slugify(raw).slice(0, 120);
  if (!slug) {
    problems.at('id', `identifiant « ${raw} » inutilisable : lettres minuscules, chiffres et tirets`);
    return undefined;
  }
  problems.at('id', `identifiant « ${raw} » lu comme « ${slug} » (minuscules, chiffres et tirets)`, { severity: 'warning' });
  return slug;
}

/** How the store recognises a link: its id, else its kind, ends and stage. */
function linkKey(link: Json): string {
  return typeof link.id === 'string' ? `id:${link.id}` : `k:${defaultLinkId(link as Parameters<typeof defaultLinkId>[0])}`;
}

/** Fields of `patch` over `base`: nested objects (dates, governance, COPIL) merged, anything else replaced. */
function deepMerge(base: Json, patch: Json): Json {
  for (const [key, value] of Object.entries(patch)) {
    const old = base[key];
    if (isPlainObject(value) && isPlainObject(old) && key !== 'territory') base[key] = deepMerge(old, value);
    else base[key] = value;
  }
  return base;
}
const isPlainObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

// --- Validation brought back to rows -------------------------------------------------------------

interface Origins {
  mechanisms: RowInput[];
  people: RowInput[];
  links: RowInput[];
}

function validateInto(document: DatasetInput, current: Dataset | undefined, origins: Origins, territories: TerritoryIndex): void {
  // Merge: validate the dataset the import would leave, so that links may reach records already stored.
  const union = current ? mergedForValidation(document, current) : document;
  const result = validateDataset(union, territories);
  if (result.ok) return;
  for (const problem of result.problems) {
    const m = /^(mechanisms|people|links)\[(\d+)\](?:\.(.*))?$/.exec(problem.path);
    if (!m) continue;
    const list = origins[m[1] as keyof Origins];
    const input = list[Number(m[2])];
    if (!input) continue; // a record already stored: not this import's doing
    const { column, cell } = columnOfPath(input, m[3] ?? '');
    // The value as the user typed it (« 1,5 », « 01/01/2019 »), else the value validated.
    const value = cell !== undefined ? cellText(cell) : problem.value === undefined || typeof problem.value === 'object' ? undefined : String(problem.value);
    const duplicate = input.problems.some((p) => p.column === column && p.severity === 'error');
    if (duplicate && /inconnu|vide/.test(problem.message)) continue; // already said in the cell's own words
    input.problems.push({ severity: 'error', sheet: input.sheet, row: input.row, ...(column ? { column } : {}), ...(value ? { value } : {}), message: problem.message });
  }
}

function mergedForValidation(document: DatasetInput, current: Dataset): DatasetInput {
  const imported = <T extends { id?: string }>(list: T[] | undefined) => new Set((list ?? []).map((x) => x.id));
  const mechanismIds = imported(document.mechanisms as { id?: string }[]);
  const peopleIds = imported(document.people as { id?: string }[]);
  const linkKeys = new Set((document.links ?? []).map((l) => linkKey(l as Json)));
  return {
    ...document,
    mechanisms: [...(document.mechanisms ?? []), ...current.mechanisms.filter((m) => !mechanismIds.has(m.id))],
    people: [...(document.people ?? []), ...current.people.filter((p) => !peopleIds.has(p.id))],
    links: [...(document.links ?? []), ...current.links.filter((l) => !linkKeys.has(linkKey(l as Json)))],
  };
}

/** The column a validation path points at (the mapped field that is the longest prefix of the path), and its cell. */
function columnOfPath(input: RowInput, path: string): { column?: string; cell?: Cell } {
  const bare = path.replace(/\[\d+\]/g, '');
  let key: string | undefined;
  if (bare.startsWith('territory')) key = TERRITORY_KEYS.find((k) => input.mapped.has(k)) ?? 'departementHint';
  else if (/^coordinators\.fte/.test(bare) && input.mapped.has('coordinatorsFte')) key = 'coordinatorsFte';
  else {
    const fields = SHEET_FIELDS[input.kind];
    key = fields
      .map((f) => f.key)
      .filter((k) => bare === k || bare.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (!key && bare === 'id') key = input.mapped.has('id') ? 'id' : input.kind === 'people' ? 'label' : 'name';
  }
  if (key && input.mapped.has(key)) return { column: input.mapped.get(key), cell: input.cells.get(key)?.cell };
  const extra = input.extras.find((e) => bare === e.key || bare.startsWith(`${e.key}.`));
  return extra ? { column: extra.header, cell: extra.cell } : {};
}

// --- The preview -------------------------------------------------------------------------------

function assemble(
  inputs: RowInput[],
  skipped: (RowRef & { kind: SheetKind })[],
  sheetProblems: ImportProblem[],
  metaProblems: ImportProblem[],
  document: DatasetInput,
  built: { mechanisms: MechanismDraft[]; people: PersonDraft[]; links: LinkDraft[]; builtMechanisms: (Json | undefined)[]; builtPeople: (Json | undefined)[]; builtLinks: (Json | undefined)[] },
  resolver: Resolver,
): ImportPreview {
  const recordOf = new Map<RowInput, { record?: Json; action?: 'create' | 'update'; notReceived?: boolean }>();
  built.mechanisms.forEach((d, i) => recordOf.set(d.input, { record: built.builtMechanisms[i], action: d.id && resolver.existing.has(`m:${d.id}`) ? 'update' : 'create' }));
  built.people.forEach((d, i) => recordOf.set(d.input, { record: built.builtPeople[i], action: d.id && resolver.existing.has(`p:${d.id}`) ? 'update' : 'create' }));
  built.links.forEach((d, i) => {
    const record = built.builtLinks[i];
    recordOf.set(d.input, { record, notReceived: d.notReceived, action: record && resolver.existing.has(`l:${linkKey(record)}`) ? 'update' : 'create' });
  });
  const rows: PreviewRow[] = inputs.map((input) => {
    const entry = recordOf.get(input) ?? {};
    const errors = input.problems.some((p) => p.severity === 'error');
    const status: RowStatus = entry.notReceived ? 'not-received' : errors ? 'error' : input.problems.length > 0 ? 'warning' : 'ok';
    const row: PreviewRow = { sheet: input.sheet, row: input.row, kind: input.kind, status, problems: input.problems };
    if (entry.record && !entry.notReceived) {
      row.record = entry.record;
      row.action = entry.action;
    }
    return row;
  });
  nameRecordProblems(inputs, recordOf, (id) => resolver.mechanismName(id));
  for (const s of skipped) rows.push({ sheet: s.sheet, row: s.row, kind: s.kind, status: 'skipped', problems: [] });
  const order = new Map<string, number>();
  for (const r of rows) if (!order.has(r.sheet)) order.set(r.sheet, order.size);
  rows.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || a.row - b.row);
  const problems = [...sheetProblems, ...metaProblems, ...rows.flatMap((r) => r.problems)];
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return {
    rows,
    problems,
    errorCount,
    warningCount: problems.length - errorCount,
    document,
    counts: {
      mechanisms: document.mechanisms?.length ?? 0,
      people: document.people?.length ?? 0,
      links: document.links?.length ?? 0,
      notReceived: rows.filter((r) => r.status === 'not-received').length,
      skipped: skipped.length,
    },
  };
}

/**
 * The problems of a row about its record as a whole (no cell to point at) name the record, as the
 * JSON import's do: by the record the row became, else by the name or label the row gives.
 */
function nameRecordProblems(inputs: readonly RowInput[], recordOf: ReadonlyMap<RowInput, { record?: Json }>, nameOf: (id: string) => string): void {
  for (const input of inputs) {
    const about = input.problems.filter((p) => p.column === undefined);
    if (about.length === 0) continue;
    const kind = input.kind === 'avis' ? 'links' : input.kind;
    const written = recordOf.get(input)?.record ?? { name: cellOf(input, 'name'), label: cellOf(input, 'label') };
    const name = recordName(kind, written, nameOf);
    if (!name) continue;
    const title = recordTitle(kind, written, nameOf);
    for (const p of about) p.record = title;
  }
}

const cellOf = (input: RowInput, field: string): string | undefined => {
  const entry = input.cells.get(field);
  return entry ? cellText(entry.cell) : undefined;
};
