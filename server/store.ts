// The repository of one articulation/1 dataset — mechanisms, people, links, the journal of their
// changes — on either engine (server/db). Each concern lives in its module of server/store/:
//
//   state.ts        the current state in memory, read again when the data version moves
//   snapshot.ts     the state at one data version (records, positions, model)
//   transaction.ts  a write: one transaction holding the write lock, patching the state once committed
//   records.ts      lists, and the writes of one record (optimistic versions: 409 when stale)
//   checks.ts       checking a record against the state (pure)
//   imports.ts      importing a whole document (prepare outside the lock, commit inside)
//   journal.ts      the append-only journal: entries, reading them, erasing deleted people
//   undo.ts         undoing a record's last change, or a whole import
//
// This class is the surface the routes, the workers and the tools use.
import type { Mechanism } from '../model/schema.ts';
import type { TerritoryIndex } from '../model/territory.ts';
import type { Database } from './db/database.ts';
import { setFindingState, type FindingStateInput, type FindingStateOutcome } from './store/finding-states.ts';
import { commitImport, prepareImport } from './store/imports.ts';
import { journalEntry, readJournal } from './store/journal.ts';
import { createRecord, listRecords, removeEntity, updateEntity } from './store/records.ts';
import type { Snapshot } from './store/snapshot.ts';
import { DataState } from './store/state.ts';
import type { StoreContext } from './store/transaction.ts';
import type {
  AuditEntry,
  AuditQuery,
  DeleteOutcome,
  EntityData,
  EntityKind,
  EntityRecord,
  ImportOptions,
  ImportOutcome,
  ListFilter,
  LoadedDataset,
  PreparedImport,
  UndoOutcome,
  WriteContext,
} from './store/types.ts';
import { undoEntry } from './store/undo.ts';
import {
  applyScenario,
  deleteScenario,
  findScenario,
  insertScenario,
  listScenarios,
  planChanges,
  readScenario,
  scenarioConflicts,
  updateScenario,
  type ApplyOutcome,
  type Scenario,
  type ScenarioConflict,
  type ScenarioInput,
} from './store/scenarios.ts';

export { Snapshot } from './store/snapshot.ts';
export type { FindingStateData, FindingStateInput, FindingStateOutcome } from './store/finding-states.ts';
export * from './store/types.ts';
export type { ApplyOutcome, Scenario, ScenarioConflict, ScenarioInput, ScenarioScope } from './store/scenarios.ts';

export class Store {
  private readonly context: StoreContext;
  private readonly departementsMemo = new WeakMap<object, readonly string[]>();

  constructor(
    readonly db: Database,
    readonly territories: TerritoryIndex,
    clock: () => string = () => new Date().toISOString(),
  ) {
    this.context = { db, territories, state: new DataState(db, territories), clock, stats: { erasureRowsRead: 0 } };
  }

  /** Counters for tests: journal rows read to erase deleted people, full reads of the state. */
  get stats(): { erasureRowsRead: number; loads: number } {
    return { erasureRowsRead: this.context.stats.erasureRowsRead, loads: this.context.state.stats.loads };
  }

  /**
   * The départements a mechanism's territory touches, memoised per object: a patched snapshot
   * shares its unchanged records, so a write costs one normalisation, not the model's rebuild.
   */
  departementsOf = (mechanism: Pick<Mechanism, 'territory'>): readonly string[] => {
    let found = this.departementsMemo.get(mechanism);
    if (!found) {
      found = this.territories.departementsOf(this.territories.normalize(mechanism.territory ?? {}).communes);
      this.departementsMemo.set(mechanism, found);
    }
    return found;
  };

  // ---------------------------------------------------------------- reads

  /** The current data version, read from the database (another process or instance may have written). */
  dataVersion(): Promise<number> {
    return this.context.state.dataVersion();
  }

  /** The state at the current data version. */
  snapshot(): Promise<Snapshot> {
    return this.context.state.snapshot();
  }

  /** The stored dataset as an articulation/1 document. */
  async toDataset(): Promise<LoadedDataset> {
    return (await this.snapshot()).dataset;
  }

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityRecord<EntityData[K]> | undefined> {
    return (await this.snapshot()).index[kind].get(id) as EntityRecord<EntityData[K]> | undefined;
  }

  /** Records of a kind matching a filter, in dataset order, with the total before paging (in `snap`: a pseudonymised view, say). */
  list<K extends EntityKind>(kind: K, filter: ListFilter, snap: Snapshot): { total: number; items: EntityRecord<EntityData[K]>[] } {
    return listRecords(snap, kind, filter, this.departementsOf);
  }

  /** Journal entries, newest first. */
  audit(query: AuditQuery = {}): Promise<{ items: AuditEntry[]; next: number | null }> {
    return readJournal(this.db.kysely, query);
  }

  /** One journal entry by number. */
  auditEntry(seq: number): Promise<AuditEntry | undefined> {
    return journalEntry(this.db.kysely, seq);
  }

  // ---------------------------------------------------------------- writes

  /** Create an entity from a request body (already shape-checked at the edge, checked again here). */
  create<K extends EntityKind>(kind: K, body: unknown, ctx: WriteContext = {}): Promise<EntityRecord<EntityData[K]>> {
    return createRecord(this.context, kind, body, ctx);
  }

  /** Replace an entity, if `expectedVersion` is still its version. */
  update<K extends EntityKind>(kind: K, id: string, body: unknown, expectedVersion: number, ctx: WriteContext = {}): Promise<EntityRecord<EntityData[K]>> {
    return updateEntity(this.context, kind, id, body, expectedVersion, ctx);
  }

  /** Delete an entity (with `cascade`, the links to a mechanism, a person's coordinations). */
  remove(kind: EntityKind, id: string, expectedVersion: number, options: { cascade?: boolean } = {}, ctx: WriteContext = {}): Promise<DeleteOutcome> {
    return removeEntity(this.context, kind, id, expectedVersion, options, ctx);
  }

  /** Set a finding's state (`a-traiter` clears it), if `expectedVersion` is still its version (none: no state yet). */
  setFindingState(input: FindingStateInput, expectedVersion: number | undefined, ctx: WriteContext = {}): Promise<FindingStateOutcome> {
    return setFindingState(this.context, input, expectedVersion, ctx);
  }

  /** Undo a journal entry (a record's last change, or a whole import by its step's entry). */
  undo(seq: number, ctx: WriteContext = {}): Promise<UndoOutcome> {
    return undoEntry(this.context, seq, ctx);
  }

  // ---------------------------------------------------------------- scenarios

  /** Every scenario, newest first (the routes show each reader those they may read). */
  scenarios(): Promise<Scenario[]> {
    return listScenarios(this.db.kysely);
  }

  scenario(id: number): Promise<Scenario | undefined> {
    return readScenario(this.db.kysely, id);
  }

  /** Where a scenario's changes and the current data disagree (what applying it would refuse). */
  async scenarioConflicts(scenario: Scenario): Promise<ScenarioConflict[]> {
    return scenarioConflicts(await this.snapshot(), scenario.changes);
  }

  /** Store a scenario, its changes checked as the writes they stand for, against `ctx.authorize`. */
  async createScenario(input: ScenarioInput, ctx: WriteContext = {}): Promise<Scenario> {
    const changes = planChanges(this.context, await this.snapshot(), input.changes ?? [], ctx.authorize ?? (() => undefined));
    return insertScenario(this.context, { ...input, changes }, ctx.account ?? null);
  }

  /** Replace a scenario's fields, if `revision` is still its revision. */
  async updateScenario(id: number, input: ScenarioInput, revision: number, ctx: WriteContext = {}): Promise<Scenario> {
    const current = await findScenario(this.db.kysely, id);
    const changes = planChanges(this.context, await this.snapshot(), input.changes ?? [], ctx.authorize ?? (() => undefined));
    return updateScenario(this.context, current, { ...input, changes }, revision);
  }

  async deleteScenario(id: number): Promise<void> {
    await deleteScenario(this.context, await findScenario(this.db.kysely, id));
  }

  /** Apply a scenario through the write path, in one transaction; 409 and nothing written on a conflict. */
  applyScenario(id: number, ctx: WriteContext = {}): Promise<ApplyOutcome> {
    return applyScenario(this.context, id, ctx);
  }

  // ---------------------------------------------------------------- imports

  /**
   * Import an articulation/1 document: replace the dataset or merge into it, all or nothing. A dry
   * run checks everything the import would (the document, then each change against `authorize`)
   * and writes nothing.
   */
  async importDataset(input: unknown, options: ImportOptions, ctx: WriteContext = {}): Promise<ImportOutcome> {
    const prepared = await this.prepareImport(input, options, ctx);
    return options.dryRun ? prepared.outcome : this.commitImport(prepared, ctx);
  }

  /** The checking half of an import, outside any transaction (a write worker runs it while other writes go on). */
  prepareImport(input: unknown, options: ImportOptions, ctx: WriteContext = {}): Promise<PreparedImport> {
    return prepareImport(this.context, input, options, ctx);
  }

  /** The writing half, in one transaction; checked again first when another write came in since. */
  commitImport(prepared: PreparedImport, ctx: WriteContext = {}): Promise<ImportOutcome> {
    return commitImport(this.context, prepared, ctx);
  }
}
