// Personal data in read views. People (the coordinators) are the dataset's personal data: their
// label (a name, often), email and phone. Anonymous visitors (when ARTICULATION_PUBLIC_READ=true)
// and exports made for readers get a pseudonymised copy of the state: each person becomes
// `personne-<12 hex>` (an HMAC of their id under a server secret, stable between requests, not
// reversible without the secret), labelled « Personne <code> », with nothing else but `trained`
// (which a rule reads); the mechanisms' coordinator entries point to the pseudonyms.
import { createHmac } from 'node:crypto';
import type { ScenarioChange } from '../../model/scenario.ts';
import type { Mechanism, Person } from '../../model/schema.ts';
import { findingId } from '../../model/rules/engine.ts';
import { RULES_BY_ID } from '../../model/rules/registry.ts';
import { subjectNamer } from '../../model/labels.ts';
import { factSource, resolveFindingState, type StoredFindingState } from '../../model/states/index.ts';
import type { TerritoryIndex } from '../../model/territory.ts';
import { Snapshot, type EntityRecord, type EntityKind } from '../store.ts';

export class Privacy {
  private cached: { source: Snapshot; result: Snapshot } | undefined;
  /** Pseudonymised copies per source object: successive snapshots share their unchanged records, so do their copies. */
  private readonly copies = new WeakMap<object, Mechanism | Person>();

  constructor(
    private readonly secret: string,
    private readonly territories: TerritoryIndex,
  ) {}

  pseudonym(personId: string): string {
    return `personne-${createHmac('sha256', this.secret).update(personId).digest('hex').slice(0, 12)}`;
  }

  pseudonymLabel(pseudonym: string): string {
    return `Personne ${pseudonym.slice('personne-'.length).toUpperCase()}`;
  }

  /** A mechanism whose coordinator entries name pseudonyms. */
  mechanism(m: Mechanism): Mechanism {
    if (!m.coordinators?.length) return m;
    let copy = this.copies.get(m) as Mechanism | undefined;
    if (!copy) this.copies.set(m, (copy = { ...m, coordinators: m.coordinators.map((c) => ({ ...c, person: this.pseudonym(c.person) })) }));
    return copy;
  }

  person(p: Person): Person {
    let copy = this.copies.get(p) as Person | undefined;
    if (!copy) {
      const id = this.pseudonym(p.id);
      this.copies.set(p, (copy = { id, label: this.pseudonymLabel(id), ...(p.trained !== undefined ? { trained: p.trained } : {}) }));
    }
    return copy;
  }

  /** A scenario's changes without personal data: people and coordinator entries as pseudonyms, as in `snapshot`. */
  changes(changes: readonly ScenarioChange[]): ScenarioChange[] {
    return changes.map((change) => {
      if (change.kind === 'links') return change;
      if (change.kind === 'people') {
        const id = this.pseudonym(change.id);
        if (change.op === 'delete') return { ...change, id, ...(change.before ? { before: this.person(change.before as unknown as Person) as unknown as Record<string, unknown> } : {}) };
        return { ...change, id, data: this.person(change.data as unknown as Person) as unknown as Record<string, unknown> };
      }
      if (change.op === 'delete') return change.before ? { ...change, before: this.mechanism(change.before as unknown as Mechanism) as unknown as Record<string, unknown> } : change;
      return { ...change, data: this.mechanism(change.data as unknown as Mechanism) as unknown as Record<string, unknown> };
    });
  }

  /** The state without personal data, built once per snapshot. */
  snapshot(source: Snapshot): Snapshot {
    if (this.cached?.source === source) return this.cached.result;
    const mapRecords = <T, U>(records: EntityRecord<T>[], map: (data: T) => U, newId?: (data: U) => string): EntityRecord<U>[] =>
      records.map((r) => {
        const data = map(r.data);
        return { id: newId ? newId(data) : r.id, version: r.version, updatedAt: r.updatedAt, data };
      });
    const records = {
      mechanisms: mapRecords(source.records.mechanisms, (m) => this.mechanism(m)),
      people: mapRecords(source.records.people, (p) => this.person(p), (p) => p.id),
      links: source.records.links,
    };
    const positions = Object.fromEntries(
      (['mechanisms', 'people', 'links'] as EntityKind[]).map((kind) => [kind, source.records[kind].map((r) => source.positions[kind].get(r.id)!)]),
    ) as Record<EntityKind, number[]>;
    const result = new Snapshot(source.dataVersion, source.updatedAt, source.meta, records, positions, this.territories, undefined, this.states(source));
    result.findingState = this.findingStates(source, result);
    this.cached = { source, result };
    return result;
  }

  /** The stored states as a copy holds them: people's ids as pseudonyms, no account named. */
  private states(source: Snapshot): Map<string, StoredFindingState> {
    const out = new Map<string, StoredFindingState>();
    for (const state of source.states.values()) {
      const subjects = state.subjects.map((id) => (source.index.people.has(id) ? this.pseudonym(id) : id));
      const finding = findingId({ rule: state.rule, subjects, departements: state.departements });
      out.set(finding, { ...state, finding, subjects, by: null });
    }
    return out;
  }

  /**
   * The findings' states of a pseudonymised copy: resolved on the source's facts (the copy's
   * coordinators are pseudonyms), people named by their pseudonyms, and without the accounts
   * that set them (an officer's name is personal data too).
   */
  private findingStates(source: Snapshot, copy: Snapshot): Snapshot['findingState'] {
    const real = new Map(source.records.people.map((r) => [this.pseudonym(r.id), r.id]));
    return (record) => {
      const subjects = record.subjects.map((id) => real.get(id) ?? id);
      const stored = source.states.get(findingId({ ...record, subjects }));
      if (!stored) return { status: 'a-traiter' };
      const named = subjectNamer(copy.model);
      const pseudonymous = (id: string) => (source.index.people.has(id) ? this.pseudonym(id) : id);
      const state = resolveFindingState(stored, RULES_BY_ID.get(stored.rule)?.facts ?? [], factSource(source.model), (id) => named(pseudonymous(id)));
      return {
        ...state,
        ...(state.by !== undefined ? { by: null } : {}),
        ...(state.reopened ? { reopened: { ...state.reopened, by: null, changes: state.reopened.changes.map((c) => ({ ...c, subject: pseudonymous(c.subject) })) } } : {}),
      };
    };
  }
}

/** A read-only source of pseudonymised snapshots, for a second Analysis (public views). */
export class PublicSource {
  constructor(
    private readonly source: { snapshot(): Promise<Snapshot>; dataVersion(): Promise<number> },
    private readonly privacy: Privacy,
  ) {}

  async snapshot(): Promise<Snapshot> {
    return this.privacy.snapshot(await this.source.snapshot());
  }

  dataVersion(): Promise<number> {
    return this.source.dataVersion();
  }
}
