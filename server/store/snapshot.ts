// The state at one data version, in memory: records by kind and id, their positions, and the
// articulation/1 document and model built from them on demand. Readers share it; a write of this
// process patches it (withChanges) instead of reading everything again.
import { ArticulationModel } from '../../model/graph.ts';
import { FORMAT } from '../../model/schema.ts';
import type { TerritoryIndex } from '../../model/territory.ts';
import type { MechanismKind } from '../../model/vocabulary.ts';
import { ENTITY_KINDS, type DatasetMeta, type EntityData, type EntityKind, type EntityRecord, type LoadedDataset, type RecordChange } from './types.ts';

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
  ) {
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
  withChanges(changes: readonly RecordChange[], dataVersion: number, updatedAt: string): Snapshot {
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
    return new Snapshot(dataVersion, updatedAt, this.meta, records as Snapshot['records'], positions, this.territories, creators);
  }

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
    const snap = new Snapshot(this.dataVersion, this.updatedAt, this.meta, records as Snapshot['records'], positions, this.territories, this.creators);
    snap.builtDataset = dataset;
    return snap;
  }

  kindOf = (id: string): MechanismKind | undefined => this.index.mechanisms.get(id)?.data.kind;

  /** Display name of a mechanism or person, as `ArticulationModel.nameOf`, without building the model (findings' texts need only names). */
  nameOf = (id: string): string => this.index.mechanisms.get(id)?.data.name ?? this.index.people.get(id)?.data.label ?? id;
}
