// Importing an articulation/1 document: replace the dataset or merge into it, all or nothing.
//
// Two halves, so that a write worker can run the long one while other writes go on: `prepare`
// validates, diffs and checks every change against the writer's scope, outside any transaction;
// `commit` writes in one transaction, planning again first when another write came in meanwhile,
// so that the checks and the write always see the same state.
import * as v from 'valibot';
import { LinkSchema, MechanismSchema, PersonSchema, type StoredLink } from '../../model/schema.ts';
import { plural } from '../../model/text.ts';
import { defaultLinkId, validateDataset } from '../../model/validate.ts';
import { canonicalJson, isObject } from '../canonical.ts';
import { badRequest } from '../errors.ts';
import { erasePeople, writeAudit, writeAudits } from './journal.ts';
import type { Snapshot } from './snapshot.ts';
import { deleteRecords, insertRecords, setPosition, transact, updateRecord, type StoreContext, type Tx } from './transaction.ts';
import {
  ENTITY_KINDS,
  MAX_PROBLEMS,
  type Change,
  type DatasetDiff,
  type DatasetMeta,
  type Diff,
  type EntityKind,
  type ImportOptions,
  type ImportOutcome,
  type LoadedDataset,
  type PreparedImport,
  type WriteContext,
} from './types.ts';

/** The checking half, against the current state. */
export async function prepareImport(store: StoreContext, input: unknown, options: ImportOptions, ctx: WriteContext = {}): Promise<PreparedImport> {
  return planImport(store, await store.state.snapshot(), input, options, ctx.authorize ?? (() => undefined));
}

/** The writing half: 400 (nothing written) when the document is invalid. */
export async function commitImport(store: StoreContext, prepared: PreparedImport, ctx: WriteContext = {}): Promise<ImportOutcome> {
  const authorize = ctx.authorize ?? (() => undefined);
  const stale = async () => (await store.state.dataVersion()) !== prepared.snap.dataVersion;
  const outcome =
    prepared.outcome.valid && (prepared.outcome.changed || (await stale()))
      ? await transact(
          store,
          async (tx) => {
            const plan = tx.snap.dataVersion === prepared.snap.dataVersion ? prepared : planImport(store, tx.snap, prepared.input, prepared.options, authorize);
            if (!plan.outcome.valid || !plan.outcome.changed) return plan.outcome;
            const journalEntry = await writeImport(store, tx, plan.snap, plan.dataset!, plan.outcome.diff, plan.options);
            return { ...plan.outcome, dataVersion: tx.dataVersion, journalEntry };
          },
          ctx,
        )
      : prepared.outcome;
  if (!outcome.valid) {
    throw badRequest(
      `le document contient ${plural(outcome.problemCount, 'problème')} : rien n'a été importé`,
      outcome.problems.map((p) => ({ path: p.path, message: p.message })),
      { problemCount: outcome.problemCount },
    );
  }
  return outcome;
}

/** Validate, diff and check an import against one state (nothing written). */
export function planImport(store: StoreContext, snap: Snapshot, input: unknown, options: ImportOptions, authorize: (change: Change) => void): PreparedImport {
  const { candidate, origins } = options.mode === 'merge' ? mergeCandidate(snap, input) : { candidate: input, origins: undefined };
  const result = validateDataset(candidate, store.territories, { maxProblems: options.maxProblems ?? MAX_PROBLEMS });
  const problems = result.ok ? [] : origins ? result.problems.map((p) => ({ ...p, path: remapPath(p.path, origins) })) : result.problems;
  const diff = result.ok ? diffDataset(snap, result.dataset) : roughDiff(snap, candidate);
  const changed = ENTITY_KINDS.some((k) => diff[k].created.length + diff[k].updated.length + diff[k].removed.length > 0) || diff.meta;
  const outcome: ImportOutcome = {
    dryRun: Boolean(options.dryRun),
    mode: options.mode,
    valid: result.ok,
    problems,
    problemCount: result.ok ? 0 : result.problemCount,
    diff,
    dataVersion: snap.dataVersion,
    changed,
  };
  if (result.ok) for (const change of importChanges(snap, result.dataset, diff)) authorize(change);
  return { snap, input, options, outcome, dataset: result.ok ? result.dataset : undefined };
}

/** Write an import as one step of the journal: an entry per record, then the step's own entry (its number returned), which an undo names. */
export async function writeImport(store: StoreContext, tx: Tx, snap: Snapshot, dataset: LoadedDataset, diff: DatasetDiff, options: ImportOptions): Promise<number> {
  const action = options.action ?? 'import';
  const erased: string[] = [];
  // The journal's entries in the order of the changes, written in batches with the records.
  const entries: { action: string; entity: string; id: string | null; before: unknown; after: unknown }[] = [];
  for (const kind of ENTITY_KINDS) {
    const created = new Set(diff[kind].created);
    const updated = new Set(diff[kind].updated);
    const items = dataset[kind] as unknown as (Record<string, unknown> & { id: string })[];
    const keep = new Set(items.map((item) => item.id));
    const removed = snap.records[kind].filter((record) => !keep.has(record.id));
    await deleteRecords(tx, kind, removed.map((record) => record.id));
    for (const record of removed) entries.push({ action, entity: kind, id: record.id, before: record.data, after: null });
    if (kind === 'people') for (const record of removed) erased.push(record.id);
    const inserts: { id: string; data: Record<string, unknown>; position: number }[] = [];
    for (const [position, item] of items.entries()) {
      if (created.has(item.id)) {
        inserts.push({ id: item.id, data: item, position });
        entries.push({ action, entity: kind, id: item.id, before: null, after: item });
        continue;
      }
      const current = snap.index[kind].get(item.id)!;
      if (updated.has(item.id)) {
        await updateRecord(tx, kind, current, item);
        entries.push({ action, entity: kind, id: item.id, before: current.data, after: item });
      }
      if (snap.positions[kind].get(item.id) !== position) await setPosition(tx, kind, item.id, position);
    }
    await insertRecords(tx, kind, inserts);
  }
  await writeAudits(tx, entries);
  const meta = metaOf(dataset);
  if (diff.meta) await tx.db.updateTable('dataset').set({ meta: JSON.stringify(meta) }).where('singleton', '=', 1).execute();
  const counts = Object.fromEntries(
    ENTITY_KINDS.map((k) => [k, { created: diff[k].created.length, updated: diff[k].updated.length, removed: diff[k].removed.length }]),
  );
  const step = await writeAudit(tx, action, 'dataset', null, diff.meta ? snap.meta : null, { mode: options.mode, meta: diff.meta ? meta : undefined, counts });
  // After every entry of the import is written, so that its own entries are erased too.
  await erasePeople(tx, erased, store.stats);
  // Positions and the dataset's fields moved: the next reader loads the new state.
  tx.reload = true;
  return step;
}

/** The changes an import makes, in the order it makes them, for the write's `authorize` check. */
function* importChanges(snap: Snapshot, dataset: LoadedDataset, diff: DatasetDiff): Generator<Change> {
  for (const kind of ENTITY_KINDS) {
    const created = new Set(diff[kind].created);
    const updated = new Set(diff[kind].updated);
    const items = dataset[kind] as unknown as (Record<string, unknown> & { id: string })[];
    for (const id of diff[kind].removed) yield { op: 'delete', kind, id, before: snap.index[kind].get(id)!.data, snap };
    for (const item of items) {
      if (created.has(item.id)) yield { op: 'create', kind, id: item.id, after: item, snap };
      else if (updated.has(item.id)) yield { op: 'update', kind, id: item.id, before: snap.index[kind].get(item.id)!.data, after: item, snap };
    }
  }
  if (diff.meta) yield { op: 'update', kind: 'dataset', id: 'dataset', before: snap.meta, after: metaOf(dataset), snap };
}

const META_EXCLUDED = new Set(['format', 'mechanisms', 'people', 'links']);

function metaOf(document: Record<string, unknown>): DatasetMeta {
  const meta: DatasetMeta = {};
  for (const [key, value] of Object.entries(document)) if (!META_EXCLUDED.has(key) && value !== undefined) meta[key] = value;
  return meta;
}

type Origin = { from: 'import'; index: number } | { from: 'store'; id: string };

/**
 * The document a merge would produce, built on the raw input so that validation reports every
 * problem at once: items of the input replace stored items with the same id, new ones are appended.
 * A link without id replaces the stored link with its default id (same kind, ends and stage).
 */
function mergeCandidate(snap: Snapshot, input: unknown): { candidate: unknown; origins: Record<EntityKind, Origin[]> } {
  const origins: Record<EntityKind, Origin[]> = { mechanisms: [], people: [], links: [] };
  if (!isObject(input)) return { candidate: input, origins };
  const candidate: Record<string, unknown> = { ...snap.meta, ...input };
  for (const kind of ENTITY_KINDS) {
    const incoming = input[kind];
    if (incoming !== undefined && !Array.isArray(incoming)) continue; // reported by validation
    const items: unknown[] = snap.records[kind].map((r) => r.data);
    const from: Origin[] = snap.records[kind].map((r) => ({ from: 'store', id: r.id }));
    const position = new Map(snap.records[kind].map((r, i) => [r.id, i]));
    (incoming ?? []).forEach((item, index) => {
      let id = isObject(item) && typeof item.id === 'string' ? item.id : undefined;
      if (id === undefined && kind === 'links' && isObject(item) && item.id === undefined && typeof item.kind === 'string' && typeof item.from === 'string' && typeof item.to === 'string') {
        const byDefault = defaultLinkId({ kind: item.kind as StoredLink['kind'], from: item.from, to: item.to, stage: typeof item.stage === 'string' ? (item.stage as StoredLink['stage']) : undefined });
        if (position.has(byDefault)) {
          id = byDefault;
          item = { ...item, id };
        }
      }
      const at = id !== undefined ? position.get(id) : undefined;
      if (at !== undefined && from[at].from === 'store') {
        items[at] = item;
        from[at] = { from: 'import', index };
      } else {
        if (id !== undefined) position.set(id, items.length);
        items.push(item);
        from.push({ from: 'import', index });
      }
    });
    candidate[kind] = items;
    origins[kind] = from;
  }
  return { candidate, origins };
}

/** Problem paths of a merged candidate, brought back to the imported document's indices. */
function remapPath(path: string, origins: Record<EntityKind, Origin[]>): string {
  const match = /^(mechanisms|people|links)\[(\d+)\](.*)$/.exec(path);
  if (!match) return path;
  const origin = origins[match[1] as EntityKind][Number(match[2])];
  if (!origin) return path;
  return origin.from === 'import' ? `${match[1]}[${origin.index}]${match[3]}` : `${match[1]}(« ${origin.id} », déjà en base)${match[3]}`;
}

function diffDataset(snap: Snapshot, dataset: LoadedDataset): DatasetDiff {
  const out = { meta: canonicalJson(metaOf(dataset)) !== canonicalJson(snap.meta) } as DatasetDiff;
  for (const kind of ENTITY_KINDS) {
    const diff: Diff = { created: [], updated: [], removed: [], unchanged: 0 };
    const seen = new Set<string>();
    for (const item of dataset[kind] as unknown as { id: string }[]) {
      seen.add(item.id);
      const current = snap.index[kind].get(item.id);
      if (!current) diff.created.push(item.id);
      else if (canonicalJson(current.data) !== canonicalJson(item)) diff.updated.push(item.id);
      else diff.unchanged++;
    }
    for (const record of snap.records[kind]) if (!seen.has(record.id)) diff.removed.push(record.id);
    out[kind] = diff;
  }
  return out;
}

const ITEM_SCHEMAS = { mechanisms: MechanismSchema, people: PersonSchema, links: LinkSchema } as const;

/** Best-effort diff of an invalid document: items that parse are compared, others counted by id. */
function roughDiff(snap: Snapshot, candidate: unknown): DatasetDiff {
  const out = { meta: false } as DatasetDiff;
  for (const kind of ENTITY_KINDS) {
    const diff: Diff = { created: [], updated: [], removed: [], unchanged: 0 };
    const items = isObject(candidate) && Array.isArray(candidate[kind]) ? (candidate[kind] as unknown[]) : [];
    const seen = new Set<string>();
    for (const item of items) {
      if (!isObject(item)) continue;
      let id = typeof item.id === 'string' ? item.id : undefined;
      if (id === undefined && kind === 'links' && typeof item.kind === 'string' && typeof item.from === 'string' && typeof item.to === 'string') {
        id = defaultLinkId({ kind: item.kind as StoredLink['kind'], from: item.from, to: item.to, stage: typeof item.stage === 'string' ? (item.stage as StoredLink['stage']) : undefined });
      }
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const current = snap.index[kind].get(id);
      if (!current) {
        diff.created.push(id);
        continue;
      }
      const parsed = v.safeParse(ITEM_SCHEMAS[kind], item);
      const normalised = parsed.success && kind === 'links' ? { ...parsed.output, id } : parsed.success ? parsed.output : undefined;
      if (normalised && canonicalJson(normalised) === canonicalJson(current.data)) diff.unchanged++;
      else diff.updated.push(id);
    }
    for (const record of snap.records[kind]) if (!seen.has(record.id)) diff.removed.push(record.id);
    out[kind] = diff;
  }
  if (isObject(candidate)) out.meta = canonicalJson(metaOf(candidate)) !== canonicalJson(snap.meta);
  return out;
}
