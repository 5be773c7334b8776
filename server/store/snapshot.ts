// The state at one data version, in memory: records by kind and id, their positions, and the
// articulation/1 document and model built from them on demand. Readers share it; a write of this
// process patches it (withChanges) instead of reading everything again.
import { ArticulationModel } from '../../model/graph.ts';
import { findingId } from '../../model/rules/engine.ts';
import { RULES_BY_ID } from '../../model/rules/registry.ts';
import type { FindingRecord } from '../../model/rules/types.ts';
import { subjectNamer } from '../../model/labels.ts';
import { factSource, resolveFindingState, type FindingState, type StoredFindingState } from '../../model/states/index.ts';
import { FORMAT } from '../../model/schema.ts';
import type { TerritoryIndex } from '../../model/territory.ts';
import type { MechanismKind } from '../../model/vocabulary.ts';
import { ENTITY_KINDS, type DatasetMeta, type EntityData, type EntityKind, type EntityRecord, type LoadedDataset, type RecordChange } from './types.ts';

/** A finding's state set (or removed: null) by a write. */
export interface StateChange {
  id: string;
  state: StoredFindingState | null;
}

export class Snapshot {
  readonly index: { [K in EntityKind]: Map<string, EntityRecord<EntityData[K]>> };
  readonly positions: { [K in EntityKind]: Map<string, number> };
  private builtDataset: LoadedDataset | undefined;
  private builtModel: ArticulationModel | undefined;

  constructor(
    readonly dataVersion: number,
    readonly updatedAt: string | null,
    readonly meta: DatasetMeta,
    readonly records: { [K in EntityKind]: EntityRecord<EntityData[K]>[] },
    positions: { [K in EntityKind]: number[] },
    readonly territories: TerritoryIndex,
    /** The account (id, as text) that created each person, when the journal names one. */
    private readonly creators: ReadonlyMap<string, string | null> = new Map(),
    /** The findings' states set by accounts, by finding id (docs/etats.md). */
    readonly states: ReadonlyMap<string, StoredFindingState> = new Map(),
    /** The dataset and model of a state with the same records (a write that changed only states shares them). */
    built?: { dataset?: LoadedDataset; model?: ArticulationModel },
  ) {
    this.builtDataset = built?.dataset;
    this.builtModel = built?.model;
    this.index = {
      mechanisms: new Map(records.mechanisms.map((r) => [r.id, r])),
      people: new Map(records.people.map((r) => [r.id, r])),
      links: new Map(records.links.map((r) => [r.id, r])),
    };
    this.positions = {
      mechanisms: new Map(records.mechanisms.map((r, i) => [r.id, positions.mechanisms[i]])),
      people: new Map(records.people.map((r, i) => [r.id, positions.people[i]])),
      links: new Map(records.links.map((r, i) => [r.id, positions.links[i]])),
    };
  }

  /** The articulation/1 document. */
  get dataset(): LoadedDataset {
    this.builtDataset ??= {
      format: FORMAT,
      ...this.meta,
      mechanisms: this.records.mechanisms.map((r) => r.data),
      people: this.records.people.map((r) => r.data),
      links: this.records.links.map((r) => r.data),
    } as LoadedDataset;
    return this.builtDataset;
  }

  /** The territory-normalised model, built once per data version. */
  get model(): ArticulationModel {
    this.builtModel ??= new ArticulationModel(this.dataset, this.territories);
    return this.builtModel;
  }

  get modelBuilt(): boolean {
    return this.builtModel !== undefined;
  }

  /** The account (id, as text) that created a person, if the journal says so. */
  creatorOf(personId: string): string | null {
    return this.creators.get(personId) ?? null;
  }

  /**
   * The state after a write of this process: unchanged records are shared, so that a write does
   * not reload (and parse) the whole dataset. Changes are applied in order; a record absent from
   * the snapshot is appended at its position (the largest so far).
   */
  withChanges(changes: readonly RecordChange[], dataVersion: number, updatedAt: string, stateChanges: readonly StateChange[] = []): Snapshot {
    const records = { ...this.records } as { [K in EntityKind]: EntityRecord<unknown>[] };
    const positions = {} as { [K in EntityKind]: number[] };
    let creators = this.creators;
    for (const kind of ENTITY_KINDS) {
      const own = changes.filter((c) => c.kind === kind);
      if (own.length === 0) {
        positions[kind] = records[kind].map((r) => this.positions[kind].get(r.id)!);
        continue;
      }
      const list: EntityRecord<unknown>[] = [...records[kind]];
      const at = new Map(list.map((r, i) => [r.id, i]));
      const position = new Map(this.positions[kind]);
      const dead = new Set<number>();
      for (const change of own) {
        const i = at.get(change.id);
        if (change.record === null) {
          if (i !== undefined) dead.add(i);
          at.delete(change.id);
        } else if (i !== undefined) {
          list[i] = change.record;
        } else {
          at.set(change.id, list.length);
          list.push(change.record);
          position.set(change.id, change.position!);
          if (kind === 'people') {
            if (creators === this.creators) creators = new Map(this.creators);
            (creators as Map<string, string | null>).set(change.id, change.creator ?? null);
          }
        }
      }
      records[kind] = dead.size ? list.filter((_, i) => !dead.has(i)) : list;
      positions[kind] = records[kind].map((r) => position.get(r.id)!);
    }
    let states = this.states;
    if (stateChanges.length) {
      const next = new Map(this.states);
      for (const { id, state } of stateChanges) {
        if (state) next.set(id, state);
        else next.delete(id);
      }
      states = next;
    }
    // Only states changed: the records are the same, so are the document and the model.
    const built = changes.length === 0 ? { dataset: this.builtDataset, model: this.builtModel } : undefined;
    return new Snapshot(dataVersion, updatedAt, this.meta, records as Snapshot['records'], positions, this.territories, creators, states, built);
  }

  /**
   * The state of one of this snapshot's findings now: the stored one while the facts it was set
   * on hold, else « à traiter » saying what changed (model/states). A pseudonymised copy resolves
   * through its source (see Privacy.snapshot).
   */
  findingState = (record: Pick<FindingRecord, 'rule' | 'subjects' | 'departements'>): FindingState => {
    const id = findingId(record);
    const stored = this.states.get(id);
    if (!stored) return { status: 'a-traiter' };
    // Resolved once per state and snapshot: the findings, the graph and the workbooks share it.
    let resolved = this.resolvedStates.get(id);
    if (!resolved) {
      resolved = resolveFindingState(stored, RULES_BY_ID.get(stored.rule)?.facts ?? [], factSource(this.model), subjectNamer(this.model));
      this.resolvedStates.set(id, resolved);
    }
    return resolved;
  };
  private readonly resolvedStates = new Map<string, FindingState>();

  /**
   * The state a scenario would make (model/scenario.ts `overlay`), as a snapshot of the same data
   * version: records whose data did not change are shared (their model entries too), a changed or
   * created one has version 0 (it is not stored).
   */
  overlaid(dataset: LoadedDataset): Snapshot {
    if (dataset === this.dataset) return this;
    const records = {} as { [K in EntityKind]: EntityRecord<unknown>[] };
    const positions = {} as { [K in EntityKind]: number[] };
    for (const kind of ENTITY_KINDS) {
      const known = new Map<unknown, EntityRecord<unknown>>(this.records[kind].map((r) => [r.data, r]));
      let next = 0;
      for (const position of this.positions[kind].values()) if (position >= next) next = position + 1;
      const list = (dataset[kind] as unknown as { id: string }[]).map((data) => known.get(data) ?? { id: data.id, version: 0, updatedAt: this.updatedAt ?? '', data });
      records[kind] = list;
      positions[kind] = list.map((r) => this.positions[kind].get(r.id) ?? next++);
    }
    const snap = new Snapshot(this.dataVersion, this.updatedAt, this.meta, records as Snapshot['records'], positions, this.territories, this.creators, this.states);
    snap.builtDataset = dataset;
    return snap;
  }

  kindOf = (id: string): MechanismKind | undefined => this.index.mechanisms.get(id)?.data.kind;

  /** Display name of a mechanism or person, as `ArticulationModel.nameOf`, without building the model (findings' texts need only names). */
  nameOf = (id: string): string => this.index.mechanisms.get(id)?.data.name ?? this.index.people.get(id)?.data.label ?? id;
}
