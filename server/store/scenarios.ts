// Scenarios: stored sets of proposed changes (model/scenario.ts), their checking, the state they
// would make, and applying them.
//
// - A scenario's changes are checked as the writes they stand for (checks.ts: shape, codes, ids,
//   link ends), each on the state the previous ones make, and against its author's scope and role
//   (the write's `authorize`): a scenario holds nothing its author could not write by hand.
// - Its state, for every view, is the current data with its changes laid over (`overlay`).
// - Applying it writes its changes through the write path (createIn, updateIn, removeIn: the
//   same checks, scope, journal entries as by hand) in one transaction, after checking that no
//   touched record changed since the scenario was made: otherwise 409, each conflict in French,
//   and nothing written.
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { overlay, RECORD_KINDS, RECORD_LABELS, type ScenarioChange } from '../../model/scenario.ts';
import type { Mechanism } from '../../model/schema.ts';
import { IdSchema } from '../../model/schema.ts';
import { plural } from '../../model/text.ts';
import { isObject } from '../canonical.ts';
import type { Tables } from '../db/schema.ts';
import { ApiError, badRequest, conflict, notFound, valibotIssues, type Issue } from '../errors.ts';
import { checkEntity } from './checks.ts';
import { createIn, removeIn, updateIn } from './records.ts';
import type { Snapshot } from './snapshot.ts';
import { transact, type StoreContext, type Tx } from './transaction.ts';
import type { Change, EntityKind, RecordChange, WriteContext } from './types.ts';

export interface ScenarioScope {
  departements?: string[];
  regions?: string[];
}

export interface AccountRef {
  id: number;
  email: string | null;
  name: string | null;
}

export interface Scenario {
  id: number;
  name: string;
  description: string | null;
  author: AccountRef | null;
  scope: ScenarioScope;
  changes: ScenarioChange[];
  /** The scenario's own version: an edit names it (409 when stale). */
  revision: number;
  createdAt: string;
  updatedAt: string;
  applied: { at: string; by: AccountRef | null; dataVersion: number } | null;
}

/** What a scenario's fields may be set to (the route checks the shape; the changes are checked here). */
export interface ScenarioInput {
  name: string;
  description?: string | null;
  scope?: ScenarioScope;
  changes?: unknown[];
}

/** A change as a client sends it: the version is the record's current one when left out. */
const ChangeInputSchema = v.object({
  op: v.picklist(['create', 'update', 'delete'], (i) => `opération inconnue « ${String(i.input)} » (attendu : create, update, delete)`),
  kind: v.picklist(RECORD_KINDS, (i) => `type de fiche inconnu « ${String(i.input)} » (attendu : mechanisms, people, links)`),
  id: v.optional(IdSchema),
  baseVersion: v.optional(v.pipe(v.number('doit être un nombre'), v.integer('doit être un entier'), v.minValue(1, 'doit être au moins 1'))),
  data: v.optional(v.record(v.string(), v.unknown(), 'doit être un objet décrivant la fiche')),
});

/** A conflict between a scenario and the current data: a touched record changed since. */
export interface ScenarioConflict {
  change: number;
  kind: EntityKind;
  id: string;
  message: string;
}

// ---------------------------------------------------------------- rows

type Row = Omit<Tables['scenarios'], 'id'>;

const accountRef = async (db: Kysely<Tables>, id: number | null): Promise<AccountRef | null> => {
  if (id === null) return null;
  const row = await db.selectFrom('accounts').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst();
  return { id: Number(id), email: row?.email ?? null, name: row?.name ?? null };
};

async function fromRow(db: Kysely<Tables>, row: Row & { id: number }): Promise<Scenario> {
  return {
    id: Number(row.id),
    name: row.name,
    description: row.description,
    author: await accountRef(db, row.author === null ? null : Number(row.author)),
    scope: JSON.parse(row.scope) as ScenarioScope,
    changes: JSON.parse(row.changes) as ScenarioChange[],
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    applied: row.applied_at === null ? null : { at: row.applied_at, by: await accountRef(db, row.applied_by === null ? null : Number(row.applied_by)), dataVersion: Number(row.applied_version) },
  };
}

export async function listScenarios(db: Kysely<Tables>): Promise<Scenario[]> {
  const rows = await db.selectFrom('scenarios').selectAll().orderBy('id', 'desc').execute();
  const out: Scenario[] = [];
  for (const row of rows) out.push(await fromRow(db, row));
  return out;
}

export async function readScenario(db: Kysely<Tables>, id: number): Promise<Scenario | undefined> {
  const row = await db.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(db, row) : undefined;
}

export async function findScenario(db: Kysely<Tables>, id: number): Promise<Scenario> {
  const found = await readScenario(db, id);
  if (!found) throw notFound(`scénario introuvable : n° ${id}`);
  return found;
}

/** Store a new scenario whose changes were checked (see planChanges). */
export async function insertScenario(store: StoreContext, input: ScenarioInput & { changes: ScenarioChange[] }, author: number | null): Promise<Scenario> {
  const at = store.clock();
  const { id } = await store.db.kysely
    .insertInto('scenarios')
    .values({ name: input.name, description: input.description ?? null, author, scope: JSON.stringify(input.scope ?? {}), changes: JSON.stringify(input.changes), revision: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return findScenario(store.db.kysely, Number(id));
}

/** Replace a scenario's fields if `revision` is still its revision; an applied scenario is kept as it was. */
export async function updateScenario(store: StoreContext, current: Scenario, input: ScenarioInput & { changes: ScenarioChange[] }, revision: number): Promise<Scenario> {
  refuseApplied(current);
  const result = await store.db.kysely
    .updateTable('scenarios')
    .set({ name: input.name, description: input.description ?? null, scope: JSON.stringify(input.scope ?? {}), changes: JSON.stringify(input.changes), revision: revision + 1, updated_at: store.clock() })
    .where('id', '=', current.id)
    .where('revision', '=', revision)
    .where('applied_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleRevision(current, revision);
  return findScenario(store.db.kysely, current.id);
}

export async function deleteScenario(store: StoreContext, current: Scenario): Promise<void> {
  refuseApplied(current);
  await store.db.kysely.deleteFrom('scenarios').where('id', '=', current.id).execute();
}

function refuseApplied(scenario: Scenario): void {
  if (scenario.applied) {
    throw conflict(`le scénario « ${scenario.name} » a été appliqué le ${scenario.applied.at.slice(0, 10)} : il est conservé tel quel`, [{ path: 'id', message: 'scénario déjà appliqué' }]);
  }
}

const staleRevision = (current: Scenario, sent: number) =>
  conflict(
    `le scénario « ${current.name} » a été modifié entre-temps (révision ${current.revision}, vous avez envoyé la révision ${sent}) : rechargez-le et recommencez`,
    [{ path: 'revision', message: `révision périmée : la révision actuelle est ${current.revision}` }],
    { current },
  );

// ---------------------------------------------------------------- checking

/**
 * Check raw changes as the writes they stand for, in order, each on the state the previous ones
 * make, against `authorize` (the author's scope): 400 naming the change, the field and the value;
 * 403 for what the author may not write. Returns them normalised (ids given, versions named).
 */
export function planChanges(store: StoreContext, snap: Snapshot, raw: readonly unknown[], authorize: (change: Change) => void): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  const touched = new Set<string>();
  let work = snap;
  raw.forEach((input, i) => {
    const at = `changes[${i}]`;
    const parsed = v.safeParse(ChangeInputSchema, input);
    if (!parsed.success) {
      const issues = valibotIssues(parsed.issues, at).map((issue) => ({ ...issue, path: issue.path === at ? at : `${at}.${issue.path}` }));
      throw badRequest(`changement n° ${i + 1} invalide : ${issues.map((x) => `${x.path} ${x.message}`).join(' ; ')}`, issues);
    }
    const { op, kind, baseVersion } = parsed.output;
    const step = inChange(i, () => planOne(store, work, op, kind, parsed.output.id, baseVersion, parsed.output.data, authorize));
    const key = `${kind}:${step.change.id}`;
    if (touched.has(key)) {
      throw badRequest(`${RECORD_LABELS[kind].the} « ${step.change.id} » est touché par deux changements du scénario : réunissez-les en un seul`, [{ path: `${at}.id`, message: `« ${step.change.id} » déjà touché par un changement précédent` }]);
    }
    touched.add(key);
    out.push(step.change);
    work = work.withChanges(step.records, work.dataVersion, work.updatedAt ?? '');
  });
  return out;
}

function planOne(
  store: StoreContext,
  snap: Snapshot,
  op: ScenarioChange['op'],
  kind: EntityKind,
  id: string | undefined,
  baseVersion: number | undefined,
  data: Record<string, unknown> | undefined,
  authorize: (change: Change) => void,
): { change: ScenarioChange; records: RecordChange[] } {
  if (op === 'create') {
    const checked = checkEntity(store.territories, snap, kind, data === undefined ? undefined : { ...data, ...(id !== undefined ? { id } : {}) }, undefined);
    const newId = checked.id as string;
    if (snap.index[kind].has(newId)) throw badRequest(`${RECORD_LABELS[kind].the} « ${newId} » existe déjà`, [{ path: 'id', message: `identifiant déjà utilisé : « ${newId} »` }]);
    authorize({ op: 'create', kind, id: newId, after: checked, snap });
    return { change: { op, kind, id: newId, data: checked }, records: [{ kind, id: newId, record: { id: newId, version: 1, updatedAt: '', data: checked }, position: Number.MAX_SAFE_INTEGER }] };
  }
  if (id === undefined) throw badRequest(`l'identifiant de la fiche est obligatoire pour ${op === 'update' ? 'une modification' : 'une suppression'}`, [{ path: 'id', message: 'champ obligatoire manquant' }]);
  const current = snap.index[kind].get(id);
  if (!current) throw badRequest(`${RECORD_LABELS[kind].one} introuvable : « ${id} »`, [{ path: 'id', message: `aucun ${RECORD_LABELS[kind].one} « ${id} »` }]);
  authorize({ op, kind, id, before: current.data, snap });
  const version = baseVersion ?? current.version;
  if (op === 'update') {
    if (data === undefined) throw badRequest('une modification donne la fiche complète dans « data »', [{ path: 'data', message: 'champ obligatoire manquant' }]);
    const checked = checkEntity(store.territories, snap, kind, data, id);
    authorize({ op, kind, id, before: current.data, after: checked, snap });
    return { change: { op, kind, id, baseVersion: version, data: checked }, records: [{ kind, id, record: { ...current, data: checked } }] };
  }
  const records: RecordChange[] = [{ kind, id, record: null }];
  // The cascade of a deletion, as removeIn does it: the links of a mechanism, a person's coordinations.
  if (kind === 'mechanisms') {
    for (const link of snap.records.links) {
      if (link.data.from !== id && link.data.to !== id) continue;
      authorize({ op: 'delete', kind: 'links', id: link.id, before: link.data, snap });
      records.push({ kind: 'links', id: link.id, record: null });
    }
  } else if (kind === 'people') {
    for (const m of snap.records.mechanisms) {
      if (!m.data.coordinators?.some((c) => c.person === id)) continue;
      const after: Mechanism = { ...m.data, coordinators: m.data.coordinators.filter((c) => c.person !== id) };
      authorize({ op: 'update', kind: 'mechanisms', id: m.id, before: m.data, after, snap });
      records.push({ kind: 'mechanisms', id: m.id, record: { ...m, data: after } });
    }
  }
  return { change: { op, kind, id, baseVersion: version, before: current.data as unknown as Record<string, unknown> }, records };
}

/** Run a change's check; its problems name the change (`changes[2].data.territory…`). */
function inChange<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const at = `changes[${index}]`;
    const issues: Issue[] = error.issues.map((issue) => ({
      ...issue,
      path: issue.path === 'id' ? `${at}.id` : issue.path === '(corps)' ? `${at}.data` : issue.path.startsWith('[') ? `${at}.data${issue.path}` : `${at}.data.${issue.path}`,
    }));
    throw new ApiError(error.status, `changement n° ${index + 1} : ${error.message}`, issues, error.extra);
  }
}

/** The state a scenario makes: the snapshot with its changes laid over (model/scenario.ts). */
export function scenarioSnapshot(snap: Snapshot, changes: readonly ScenarioChange[]): Snapshot {
  return snap.overlaid(overlay(snap.dataset, changes));
}

/** Where a scenario and the current data disagree: a touched record changed, vanished, or a created id was taken. */
export function scenarioConflicts(snap: Snapshot, changes: readonly ScenarioChange[]): ScenarioConflict[] {
  const out: ScenarioConflict[] = [];
  changes.forEach((change, i) => {
    const current = snap.index[change.kind].get(change.id);
    const the = RECORD_LABELS[change.kind].the;
    const name = current ? recordName(current.data) : change.id;
    if (change.op === 'create') {
      if (current) out.push({ change: i, kind: change.kind, id: change.id, message: `${the} « ${name} » que le scénario crée existe déjà : il a été créé depuis la préparation du scénario` });
      return;
    }
    if (!current) out.push({ change: i, kind: change.kind, id: change.id, message: `${the} « ${change.id} » a été supprimé depuis la préparation du scénario` });
    else if (current.version !== change.baseVersion) {
      out.push({ change: i, kind: change.kind, id: change.id, message: `${the} « ${name} » a été modifié depuis la préparation du scénario (version ${current.version}, le scénario part de la version ${change.baseVersion})` });
    }
  });
  return out;
}

const recordName = (data: unknown): string => {
  const r = data as { name?: unknown; label?: unknown; id?: unknown };
  return typeof r.name === 'string' ? r.name : typeof r.label === 'string' ? r.label : String(r.id);
};

// ---------------------------------------------------------------- applying

export interface ApplyOutcome {
  scenario: Scenario;
  dataVersion: number;
  /** The records written, in the scenario's order. */
  written: { kind: EntityKind; id: string; op: ScenarioChange['op'] }[];
}

/**
 * Apply a scenario: in one write, each change through the write path, after checking that no
 * record it touches changed since (409 listing each conflict, nothing written). Recorded as applied
 * by `ctx.account`, at the data version it made, in the same transaction.
 */
export async function applyScenario(store: StoreContext, id: number, ctx: WriteContext): Promise<ApplyOutcome> {
  const written: ApplyOutcome['written'] = [];
  const dataVersion = await transact(
    store,
    async (tx) => {
      written.length = 0; // a transaction replayed after a serialisation failure starts again
      const scenario = await findScenario(tx.db, id);
      refuseApplied(scenario);
      const conflicts = scenarioConflicts(tx.snap, scenario.changes);
      if (conflicts.length > 0) {
        throw conflict(
          `le scénario « ${scenario.name} » ne peut pas être appliqué : ${plural(conflicts.length, 'fiche')} ${conflicts.length > 1 ? 'ont' : 'a'} changé depuis sa préparation ; rien n'a été écrit`,
          conflicts.map((c) => ({ path: `changes[${c.change}]`, message: c.message })),
          { conflicts },
        );
      }
      const start = tx.snap;
      try {
        for (const [i, change] of scenario.changes.entries()) {
          await inChangeAsync(i, () => writeChange(store, tx, change));
          written.push({ kind: change.kind, id: change.id, op: change.op });
          // The next change sees this one, as it would by hand.
          tx.snap = start.withChanges(tx.changes, start.dataVersion, tx.at);
        }
      } finally {
        // The state is patched from where the write started (transaction.ts).
        tx.snap = start;
      }
      if (tx.changed) {
        await tx.db.updateTable('scenarios').set({ applied_at: tx.at, applied_by: ctx.account ?? null, applied_version: tx.dataVersion }).where('id', '=', id).execute();
      }
      return tx.changed ? tx.dataVersion : tx.snap.dataVersion;
    },
    ctx,
  );
  const scenario = await findScenario(store.db.kysely, id);
  return { scenario, dataVersion, written };
}

function writeChange(store: StoreContext, tx: Tx, change: ScenarioChange): Promise<unknown> {
  if (change.op === 'create') return createIn(store, tx, change.kind, change.data);
  if (change.op === 'update') return updateIn(store, tx, change.kind, change.id, change.data, change.baseVersion);
  return removeIn(store, tx, change.kind, change.id, change.baseVersion, { cascade: true });
}

async function inChangeAsync<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    return inChange(index, () => {
      throw error;
    });
  }
}

/** A scenario's input fields, for messages: the body must be an object. */
export function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('le corps doit être un objet JSON décrivant un scénario', [{ path: '(corps)', message: 'doit être un objet' }]);
  return body;
}
