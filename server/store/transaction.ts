// A write of the dataset: one transaction holding the write lock (see db/database.ts), over the
// state as that transaction reads it, that writes rows and journal entries, bumps the data version
// when something changed, records the version in the writing account (its reads, on any instance,
// must hold it), and once committed patches the in-memory state.
import type { Kysely } from 'kysely';
import type { TerritoryIndex } from '../../model/territory.ts';
import type { Database } from '../db/database.ts';
import type { Tables } from '../db/schema.ts';
import type { Snapshot, StateChange } from './snapshot.ts';
import type { DataState } from './state.ts';
import type { Change, EntityKind, EntityRecord, RecordChange, WriteContext } from './types.ts';

/** What every part of the store shares. */
export interface StoreContext {
  db: Database;
  territories: TerritoryIndex;
  state: DataState;
  clock: () => string;
  /** Counters for tests: journal rows read to erase deleted people. */
  stats: { erasureRowsRead: number };
}

export interface Tx {
  /** The transaction's connection: every query of the write goes through it. */
  db: Kysely<Tables>;
  snap: Snapshot;
  at: string;
  dataVersion: number;
  changed: boolean;
  account: string | null;
  authorize: (change: Change) => void;
  undoOf?: number;
  /** What the write changed, to patch the state after the commit (`reload`: read it again instead). */
  changes: RecordChange[];
  /** The findings' states it set or removed. */
  stateChanges: StateChange[];
  reload: boolean;
}

/** Run `fn` in a write transaction over the current state; bumps the data version if it wrote. */
export async function transact<T>(store: StoreContext, fn: (tx: Tx) => Promise<T>, ctx: WriteContext = {}): Promise<T> {
  let tx: Tx | undefined;
  const result = await store.db.write(async (trx) => {
    const snap = await store.state.snapshotIn(trx);
    tx = {
      db: trx,
      snap,
      at: store.clock(),
      dataVersion: snap.dataVersion + 1,
      changed: false,
      account: ctx.account === undefined || ctx.account === null ? null : String(ctx.account),
      authorize: ctx.authorize ?? (() => undefined),
      changes: [],
      stateChanges: [],
      reload: false,
    };
    const out = await fn(tx);
    if (tx.changed) {
      await trx.updateTable('dataset').set({ data_version: tx.dataVersion, updated_at: tx.at }).where('singleton', '=', 1).execute();
      if (tx.account !== null) await trx.updateTable('accounts').set({ written_version: tx.dataVersion }).where('id', '=', Number(tx.account)).execute();
    }
    return out;
  });
  // Committed: the next reader gets the new state without reading it all again.
  if (tx?.changed) store.state.committed(tx.snap, tx.changes, tx.stateChanges, tx.dataVersion, tx.at, tx.reload);
  return result;
}

/** The columns of an entity row: its JSON, and the few fields copied out for filters. */
function columns(kind: EntityKind, data: Record<string, unknown>, version: number, at: string) {
  const row = { data: JSON.stringify(data), version, updated_at: at };
  if (kind === 'mechanisms') return { ...row, kind: data.kind as string, status: data.status as string };
  if (kind === 'links') return { ...row, kind: data.kind as string, from_id: data.from as string, to_id: data.to as string };
  return row;
}

export async function insertRecord(tx: Tx, kind: EntityKind, id: string, data: Record<string, unknown>, position: number): Promise<EntityRecord<unknown>> {
  return (await insertRecords(tx, kind, [{ id, data, position }]))[0];
}

/** Rows per statement when a write inserts or deletes many (an import): far below both engines' limits on parameters. */
export const BATCH = 200;

/** New records, in batches (an import creates thousands: one statement each would cost a round trip each on PostgreSQL). */
export async function insertRecords(tx: Tx, kind: EntityKind, items: readonly { id: string; data: Record<string, unknown>; position: number }[]): Promise<EntityRecord<unknown>[]> {
  const records: EntityRecord<unknown>[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const rows = items.slice(i, i + BATCH).map(({ id, data, position }) => ({ id, position, ...columns(kind, data, 1, tx.at), ...(kind === 'people' ? { created_by: tx.account } : {}) }));
    await tx.db.insertInto(kind).values(rows as never).execute();
  }
  for (const { id, data, position } of items) {
    const record = { id, version: 1, updatedAt: tx.at, data };
    records.push(record);
    tx.changes.push({ kind, id, record, position, creator: tx.account });
  }
  return records;
}

export async function updateRecord(tx: Tx, kind: EntityKind, current: EntityRecord<unknown>, data: Record<string, unknown>): Promise<EntityRecord<unknown>> {
  const version = current.version + 1;
  await tx.db.updateTable(kind).set(columns(kind, data, version, tx.at) as never).where('id', '=', current.id).execute();
  const record = { id: current.id, version, updatedAt: tx.at, data };
  tx.changes.push({ kind, id: current.id, record });
  return record;
}

export async function deleteRecord(tx: Tx, kind: EntityKind, id: string): Promise<void> {
  await deleteRecords(tx, kind, [id]);
}

export async function deleteRecords(tx: Tx, kind: EntityKind, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) await tx.db.deleteFrom(kind).where('id', 'in', ids.slice(i, i + BATCH)).execute();
  for (const id of ids) tx.changes.push({ kind, id, record: null });
}

export async function setPosition(tx: Tx, kind: EntityKind, id: string, position: number): Promise<void> {
  await tx.db.updateTable(kind).set({ position }).where('id', '=', id).execute();
}

/** The position after the last record of a kind. */
export async function nextPosition(tx: Tx, kind: EntityKind): Promise<number> {
  const row = await tx.db.selectFrom(kind).select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return (row?.max ?? -1) + 1;
}
