// The repository: mechanisms, people and links of one articulation/1 dataset in SQLite.
//
// - Every entity row carries a version; updates and deletes name the version they read and get a
//   409 with the current state when it is stale (no lost update).
// - Every write runs in one IMMEDIATE transaction: it re-reads the state, checks that the dataset
//   stays valid (model/validate.ts), writes, records the audit rows and bumps the data version.
// - Reads go through a snapshot rebuilt once per data version; the ArticulationModel of a snapshot
//   is built lazily, once.
import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import * as v from 'valibot';
import { ArticulationModel, mechanismThemes } from '../model/graph.ts';
import { FORMAT, LinkSchema, MechanismSchema, PersonSchema, type Dataset, type Mechanism, type Person, type StoredLink } from '../model/schema.ts';
import { intersectSorted, type TerritoryIndex } from '../model/territory.ts';
import { foldText, slugify } from '../model/text.ts';
import { defaultLinkId, linkEndProblems, shapeProblems, validateDataset, type Problem } from '../model/validate.ts';
import type { MechanismKind } from '../model/vocabulary.ts';
import { canonicalJson, isObject } from './canonical.ts';
import { ApiError, badRequest, conflict, notFound, type Issue } from './errors.ts';

export const ENTITY_KINDS = ['mechanisms', 'people', 'links'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityData {
  mechanisms: Mechanism;
  people: Person;
  links: StoredLink;
}

export interface EntityRecord<T> {
  id: string;
  version: number;
  updatedAt: string;
  data: T;
}

/** Title, scope and any extra top-level field of the document. */
export type DatasetMeta = Record<string, unknown> & { title?: string; scope?: Dataset['scope'] };

export type LoadedDataset = Dataset & { links: StoredLink[] };

const LABEL: Record<EntityKind, { one: string; the: string; a: string }> = {
  mechanisms: { one: 'dispositif', the: 'le dispositif', a: 'un dispositif' },
  people: { one: 'personne', the: 'la personne', a: 'une personne' },
  links: { one: 'lien', the: 'le lien', a: 'un lien' },
};

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

  /**
   * The state after a write of this process: unchanged records are shared, so that a write does
   * not reload (and parse) the whole dataset. Changes are applied in order; a record absent from
   * the snapshot is appended at its position (the largest so far).
   */
  withChanges(changes: readonly RecordChange[], dataVersion: number, updatedAt: string): Snapshot {
    const records = { ...this.records } as { [K in EntityKind]: EntityRecord<unknown>[] };
    const positions = {} as { [K in EntityKind]: number[] };
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
        }
      }
      records[kind] = dead.size ? list.filter((_, i) => !dead.has(i)) : list;
      positions[kind] = records[kind].map((r) => position.get(r.id)!);
    }
    return new Snapshot(dataVersion, updatedAt, this.meta, records as Snapshot['records'], positions, this.territories);
  }

  kindOf = (id: string): MechanismKind | undefined => this.index.mechanisms.get(id)?.data.kind;

  /** Display name of a mechanism or person, as `ArticulationModel.nameOf`, without building the model (findings' texts need only names). */
  nameOf = (id: string): string => this.index.mechanisms.get(id)?.data.name ?? this.index.people.get(id)?.data.label ?? id;
}

/** One record written (or deleted: `record` null); `position` for a new record. */
export interface RecordChange {
  kind: EntityKind;
  id: string;
  record: EntityRecord<unknown> | null;
  position?: number;
}

export interface ListFilter {
  kinds?: readonly string[];
  statuses?: readonly string[];
  departements?: readonly string[];
  regions?: readonly string[];
  q?: string;
  /** Links only: links touching this mechanism. */
  mechanism?: string;
  /** Mechanisms only: those working on this theme (model/graph.ts, mechanismThemes). */
  theme?: string;
  /** Mechanisms only: those whose perimeter meets these base communes (sorted; a place, model/places.ts). */
  communes?: Uint32Array;
  limit?: number;
  offset?: number;
}

export interface Diff {
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
}
export type DatasetDiff = { [K in EntityKind]: Diff } & { meta: boolean };

export interface ImportOptions {
  mode: 'replace' | 'merge';
  dryRun?: boolean;
  /** Audit action: `import` through the API, `seed` for the demo data (`undo`: an import undone, see undoImport). */
  action?: 'import' | 'seed' | 'undo';
  /** Cap on the problems returned (a broken 20 MB document can have very many). */
  maxProblems?: number;
}

export interface ImportOutcome {
  dryRun: boolean;
  mode: 'replace' | 'merge';
  valid: boolean;
  problems: Problem[];
  problemCount: number;
  diff: DatasetDiff;
  /** Data version after the import (unchanged for a dry run or when nothing changed). */
  dataVersion: number;
  changed: boolean;
  /** The import's step in the journal (written imports that changed something): `undo` of it reverts the whole import. */
  journalEntry?: number;
}

/** An import checked against one state, ready to be written (see Store.prepareImport). */
export interface PreparedImport {
  snap: Snapshot;
  input: unknown;
  options: ImportOptions;
  outcome: ImportOutcome;
  /** The validated document, when valid. */
  dataset?: LoadedDataset;
}

/** Problems returned by an import or a write (the total is counted): a broken 20 MB file can hold millions. */
export const MAX_PROBLEMS = 1000;

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  dataVersion: number;
  /** The account that wrote (null: the demo seed); email and name are null once the account is deleted. */
  account: { id: number; email: string | null; name: string | null } | null;
  /** For an undo: the entry it reverted. */
  undoOf: number | null;
  /** Whether it is its record's last change: only that one can be undone. */
  latest: boolean;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  action?: string;
  /** The writing account's id. */
  account?: number;
  /** Entries about this mechanism or a link touching it. */
  mechanism?: string;
  /** Entries at or after this instant, and strictly before `to` (ISO). */
  from?: string;
  to?: string;
  /** Only entries with a sequence number below this (paging backwards). */
  before?: number;
  /** An import (or its undo) as one entry, its step's: the entries of its records are left out. */
  steps?: boolean;
  /** Only the entries of one write (its data version): the records of an import's step. */
  dataVersion?: number;
  limit?: number;
  /** Entries the reader may see (scoped readers); the others are skipped. */
  visible?: (entry: AuditEntry) => boolean;
}

/**
 * One change of a write, shown to the write's `authorize` check before it happens: a create has
 * `after`, a delete `before`, an update both (and is first shown with `before` alone, before its
 * body is checked). `dataset` is a change of the dataset's own fields by an import.
 */
export interface Change {
  op: 'create' | 'update' | 'delete';
  kind: EntityKind | 'dataset';
  id: string;
  before?: unknown;
  after?: unknown;
  /** The state the write starts from. */
  snap: Snapshot;
}

/** Who writes (recorded in the journal) and what they may change (throws to refuse). */
export interface WriteContext {
  account?: number | null;
  authorize?: (change: Change) => void;
}

export interface UndoOutcome {
  undone: AuditEntry;
  /** The record put back (null: deleted again, or a whole import undone). */
  record: EntityRecord<unknown> | null;
  dataVersion: number;
  /** A whole import undone: its step's entry in the journal, and what the undo changed. */
  reverted?: { journalEntry: number; diff: DatasetDiff };
}

export interface DeleteOutcome {
  deleted: EntityRecord<unknown>;
  cascaded: { links: string[]; mechanisms: string[] };
  dataVersion: number;
}

interface Tx {
  snap: Snapshot;
  at: string;
  dataVersion: number;
  changed: boolean;
  account: string | null;
  authorize: (change: Change) => void;
  undoOf?: number;
  /** What the write changed, to patch the snapshot after the commit (`reload`: read it again instead). */
  changes: RecordChange[];
  reload: boolean;
}

/** What the journal keeps of an erased person, and the prefix of their pseudonym. */
export const ERASED_LABEL = 'Personne effacée';
const ERASED_PREFIX = 'personne-effacee-';

export class Store {
  private snap: Snapshot | undefined;
  /** Counters for tests: journal rows read to erase deleted people. */
  readonly stats = { erasureRowsRead: 0 };
  private readonly departementsMemo = new WeakMap<object, readonly string[]>();
  private readonly stmt: {
    dataVersion: Statement<[], { data_version: number }>;
    datasetRow: Statement<[], { meta: string; data_version: number; updated_at: string | null }>;
    bump: Statement<[string]>;
    setMeta: Statement<[string]>;
    select: Record<EntityKind, Statement<[], { id: string; position: number; data: string; version: number; updated_at: string }>>;
    insert: Record<EntityKind, Statement<Record<string, unknown>>>;
    update: Record<EntityKind, Statement<Record<string, unknown>>>;
    remove: Record<EntityKind, Statement<[string]>>;
    setPosition: Record<EntityKind, Statement<[number, string]>>;
    maxPosition: Record<EntityKind, Statement<[], { max: number | null }>>;
    audit: Statement<[string, string, string, string | null, string | null, string | null, number, string | null, number | null]>;
  };

  constructor(
    readonly db: Database,
    readonly territories: TerritoryIndex,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {
    const perKind = <T>(make: (kind: EntityKind) => T): Record<EntityKind, T> => ({
      mechanisms: make('mechanisms'),
      people: make('people'),
      links: make('links'),
    });
    const extraColumns: Record<EntityKind, string[]> = { mechanisms: ['kind', 'status'], people: [], links: ['kind', 'from_id', 'to_id'] };
    this.stmt = {
      dataVersion: db.prepare('SELECT data_version FROM dataset WHERE singleton = 1'),
      datasetRow: db.prepare('SELECT meta, data_version, updated_at FROM dataset WHERE singleton = 1'),
      bump: db.prepare('UPDATE dataset SET data_version = data_version + 1, updated_at = ? WHERE singleton = 1'),
      setMeta: db.prepare('UPDATE dataset SET meta = ? WHERE singleton = 1'),
      select: perKind((k) => db.prepare(`SELECT id, position, data, version, updated_at FROM ${k} ORDER BY position, id`)),
      insert: perKind((k) => {
        const cols = ['id', 'position', ...extraColumns[k], 'data', 'version', 'updated_at'];
        return db.prepare(`INSERT INTO ${k} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
      }),
      update: perKind((k) => {
        const cols = [...extraColumns[k], 'data', 'version', 'updated_at'];
        return db.prepare(`UPDATE ${k} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      }),
      remove: perKind((k) => db.prepare(`DELETE FROM ${k} WHERE id = ?`)),
      setPosition: perKind((k) => db.prepare(`UPDATE ${k} SET position = ? WHERE id = ?`)),
      maxPosition: perKind((k) => db.prepare(`SELECT max(position) AS max FROM ${k}`)),
      audit: db.prepare(
        'INSERT INTO audit (at, action, entity, entity_id, before, after, data_version, account, undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /**
   * The départements a mechanism's territory touches, memoised per object: a patched snapshot
   * shares its unchanged records, so a write costs one normalisation, not the model's rebuild.
   */
  departementsOf(mechanism: Pick<Mechanism, 'territory'>): readonly string[] {
    let found = this.departementsMemo.get(mechanism);
    if (!found) {
      found = this.territories.departementsOf(this.territories.normalize(mechanism.territory ?? {}).communes);
      this.departementsMemo.set(mechanism, found);
    }
    return found;
  }

  /** The current data version, read from the database (another process may have written). */
  dataVersion(): number {
    return this.stmt.dataVersion.get()!.data_version;
  }

  /** The state at the current data version. */
  snapshot(): Snapshot {
    const version = this.dataVersion();
    if (this.snap?.dataVersion === version) return this.snap;
    return this.db.transaction(() => {
      const row = this.stmt.datasetRow.get()!;
      const load = <K extends EntityKind>(kind: K) => {
        const rows = this.stmt.select[kind].all();
        return {
          records: rows.map((r) => ({ id: r.id, version: r.version, updatedAt: r.updated_at, data: JSON.parse(r.data) as EntityData[K] })),
          positions: rows.map((r) => r.position),
        };
      };
      const m = load('mechanisms');
      const p = load('people');
      const l = load('links');
      this.snap = new Snapshot(
        row.data_version,
        row.updated_at,
        JSON.parse(row.meta) as DatasetMeta,
        { mechanisms: m.records, people: p.records, links: l.records },
        { mechanisms: m.positions, people: p.positions, links: l.positions },
        this.territories,
      );
      return this.snap;
    })();
  }

  /** The stored dataset as an articulation/1 document. */
  toDataset(): LoadedDataset {
    return this.snapshot().dataset;
  }

  // ---------------------------------------------------------------- reads

  get<K extends EntityKind>(kind: K, id: string): EntityRecord<EntityData[K]> | undefined {
    return this.snapshot().index[kind].get(id) as EntityRecord<EntityData[K]> | undefined;
  }

  /** Records of a kind matching a filter, in dataset order, with the total before paging (in `snap`: a pseudonymised view, say). */
  list<K extends EntityKind>(kind: K, filter: ListFilter = {}, snap: Snapshot = this.snapshot()): { total: number; items: EntityRecord<EntityData[K]>[] } {
    const records = snap.records[kind] as EntityRecord<EntityData[K]>[];
    const predicate = this.filterPredicate(kind, filter, snap);
    const matching = predicate ? records.filter((r) => predicate(r as EntityRecord<never>)) : records;
    const offset = filter.offset ?? 0;
    const limit = filter.limit ?? matching.length;
    return { total: matching.length, items: matching.slice(offset, offset + limit) };
  }

  private filterPredicate(kind: EntityKind, filter: ListFilter, snap: Snapshot): ((r: EntityRecord<never>) => boolean) | undefined {
    const tests: ((r: EntityRecord<EntityData[EntityKind]>) => boolean)[] = [];
    const deps = new Set(filter.departements ?? []);
    for (const r of filter.regions ?? []) for (const d of this.territories.departementsOfRegion(r)) deps.add(d);
    const territorial = filter.departements?.length || filter.regions?.length;
    const mechanismInTerritory = (id: string) => {
      const m = snap.index.mechanisms.get(id)?.data;
      return m !== undefined && this.departementsOf(m).some((d) => deps.has(d));
    };
    const kinds = filter.kinds?.length ? new Set(filter.kinds) : undefined;
    const statuses = filter.statuses?.length ? new Set(filter.statuses) : undefined;
    const words = filter.q ? foldText(filter.q).split(' ').filter(Boolean) : [];
    const q = words.length > 0;
    const matchText = (text: string) => {
      const folded = foldText(text);
      return words.every((w) => folded.includes(w));
    };
    // People are filtered through the mechanisms they coordinate.
    const coordinated = new Map<string, Mechanism[]>();
    if (kind === 'people' && (kinds || statuses || territorial)) {
      for (const m of snap.records.mechanisms) {
        for (const c of m.data.coordinators ?? []) {
          const list = coordinated.get(c.person) ?? [];
          list.push(m.data);
          coordinated.set(c.person, list);
        }
      }
    }
    const mechanismMatches = (m: Mechanism) =>
      (!kinds || kinds.has(m.kind)) && (!statuses || statuses.has(m.status)) && (!territorial || mechanismInTerritory(m.id));

    if (kind === 'mechanisms') {
      if (kinds || statuses || territorial) tests.push((r) => mechanismMatches(r.data as Mechanism));
      if (q) tests.push((r) => matchText(`${r.id} ${(r.data as Mechanism).name}`));
      const { theme, communes } = filter;
      if (theme !== undefined) tests.push((r) => mechanismThemes(r.data as Mechanism).includes(theme));
      if (communes) tests.push((r) => intersectSorted(this.territories.normalize((r.data as Mechanism).territory).communes, communes) > 0);
    } else if (kind === 'people') {
      if (kinds || statuses || territorial) tests.push((r) => (coordinated.get(r.id) ?? []).some(mechanismMatches));
      if (q) tests.push((r) => matchText(`${r.id} ${(r.data as Person).label}`));
    } else {
      if (kinds) tests.push((r) => kinds.has((r.data as StoredLink).kind));
      if (statuses) {
        tests.push((r) => {
          const l = r.data as StoredLink;
          return [l.from, l.to].some((id) => statuses.has(snap.index.mechanisms.get(id)?.data.status ?? ''));
        });
      }
      if (territorial) tests.push((r) => mechanismInTerritory((r.data as StoredLink).from) || mechanismInTerritory((r.data as StoredLink).to));
      if (filter.mechanism) tests.push((r) => (r.data as StoredLink).from === filter.mechanism || (r.data as StoredLink).to === filter.mechanism);
      if (q) {
        tests.push((r) => {
          const l = r.data as StoredLink;
          const names = [l.from, l.to].map((id) => snap.index.mechanisms.get(id)?.data.name ?? '').join(' ');
          return matchText(`${l.id} ${l.kind} ${l.from} ${l.to} ${names}`);
        });
      }
    }
    if (tests.length === 0) return undefined;
    return (r) => tests.every((t) => t(r));
  }

  audit(query: AuditQuery = {}): { items: AuditEntry[]; next: number | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.entity) (where.push('x.entity = ?'), params.push(query.entity));
    if (query.entityId) (where.push('x.entity_id = ?'), params.push(query.entityId));
    if (query.action) (where.push('x.action = ?'), params.push(query.action));
    if (query.account !== undefined) (where.push('x.account = ?'), params.push(String(query.account)));
    if (query.from) (where.push('x.at >= ?'), params.push(query.from));
    if (query.to) (where.push('x.at < ?'), params.push(query.to));
    if (query.dataVersion !== undefined) (where.push('x.data_version = ?'), params.push(query.dataVersion));
    if (query.steps) where.push("(x.entity = 'dataset' OR NOT EXISTS (SELECT 1 FROM audit s WHERE s.entity = 'dataset' AND s.data_version = x.data_version))");
    if (query.mechanism) {
      where.push(
        `((x.entity = 'mechanisms' AND x.entity_id = ?) OR (x.entity = 'links' AND (json_extract(x.before, '$.from') = ? OR json_extract(x.before, '$.to') = ? OR json_extract(x.after, '$.from') = ? OR json_extract(x.after, '$.to') = ?)))`,
      );
      params.push(...Array(5).fill(query.mechanism));
    }
    const limit = query.limit ?? 100;
    // A scoped reader's entries are filtered here, in pages, so that `limit` visible entries come back.
    const batch = query.visible ? Math.max(limit * 4, 200) : limit + 1;
    const statement = this.db.prepare(
      `SELECT x.seq, x.at, x.action, x.entity, x.entity_id, x.before, x.after, x.data_version, x.account, x.undo_of, a.email AS account_email, a.name AS account_name,
              x.seq = (SELECT max(y.seq) FROM audit y WHERE y.entity = x.entity AND y.entity_id = x.entity_id) AS latest
       FROM audit x LEFT JOIN accounts a ON a.id = x.account
       WHERE x.seq < ? ${where.length ? `AND ${where.join(' AND ')}` : ''} ORDER BY x.seq DESC LIMIT ?`,
    );
    const items: AuditEntry[] = [];
    let cursor = query.before ?? Number.MAX_SAFE_INTEGER;
    let more = false;
    let scanned = 0;
    for (;;) {
      const rows = statement.all(cursor, ...params, batch) as AuditRow[];
      for (const row of rows) {
        cursor = row.seq;
        scanned++;
        const entry = auditEntry(row);
        if (query.visible && !query.visible(entry)) continue;
        if (items.length === limit) {
          more = true;
          break;
        }
        items.push(entry);
      }
      if (more || rows.length < batch) break;
      // A scoped reader scanning a long journal gets a page cut short, with a cursor to go on
      // from the last entry examined (not the last one shown, or the next page would scan again).
      if (scanned >= 50_000) return { items, next: cursor };
    }
    return { items, next: more && items.length > 0 ? items[items.length - 1].seq : null };
  }

  /** One journal entry by number. */
  auditEntry(seq: number): AuditEntry | undefined {
    const row = this.db
      .prepare(
        `SELECT x.seq, x.at, x.action, x.entity, x.entity_id, x.before, x.after, x.data_version, x.account, x.undo_of, a.email AS account_email, a.name AS account_name,
              x.seq = (SELECT max(y.seq) FROM audit y WHERE y.entity = x.entity AND y.entity_id = x.entity_id) AS latest
         FROM audit x LEFT JOIN accounts a ON a.id = x.account WHERE x.seq = ?`,
      )
      .get(seq) as AuditRow | undefined;
    return row && auditEntry(row);
  }

  /** The account (id, as text) that created an entity most recently, if the journal says so. */
  creatorOf(kind: EntityKind, id: string): string | null {
    const row = this.db
      .prepare('SELECT account FROM audit WHERE entity = ? AND entity_id = ? AND before IS NULL AND after IS NOT NULL ORDER BY seq DESC LIMIT 1')
      .get(kind, id) as { account: string | null } | undefined;
    return row?.account ?? null;
  }

  // ---------------------------------------------------------------- writes

  /** Run `fn` in an IMMEDIATE transaction over a fresh snapshot; bumps the data version if it wrote. */
  private transact<T>(fn: (tx: Tx) => T, ctx: WriteContext = {}): T {
    let tx: Tx | undefined;
    const result = this.db
      .transaction(() => {
        const snap = this.snapshot();
        tx = {
          snap,
          at: this.clock(),
          dataVersion: snap.dataVersion + 1,
          changed: false,
          account: ctx.account === undefined || ctx.account === null ? null : String(ctx.account),
          authorize: ctx.authorize ?? (() => undefined),
          changes: [],
          reload: false,
        };
        const out = fn(tx);
        if (tx.changed) this.stmt.bump.run(tx.at);
        return out;
      })
      .immediate();
    // Committed: the next reader gets the new state without reloading it all.
    if (tx?.changed) this.snap = !tx.reload && this.snap === tx.snap ? tx.snap.withChanges(tx.changes, tx.dataVersion, tx.at) : undefined;
    return result;
  }

  private columns(kind: EntityKind, id: string, data: Record<string, unknown>, version: number, at: string, position?: number): Record<string, unknown> {
    const row: Record<string, unknown> = { id, data: JSON.stringify(data), version, updated_at: at };
    if (position !== undefined) row.position = position;
    if (kind === 'mechanisms') Object.assign(row, { kind: data.kind, status: data.status });
    if (kind === 'links') Object.assign(row, { kind: data.kind, from_id: data.from, to_id: data.to });
    return row;
  }

  /** Journal one change of the write; returns its entry's number. */
  private writeAudit(tx: Tx, action: string, entity: string, id: string | null, before: unknown, after: unknown): number {
    const { lastInsertRowid } = this.stmt.audit.run(
      tx.at,
      // Everything an undo writes is journaled as the undo (with undo_of naming the entry).
      tx.undoOf !== undefined ? 'undo' : action,
      entity,
      id,
      before === undefined || before === null ? null : JSON.stringify(before),
      after === undefined || after === null ? null : JSON.stringify(after),
      tx.dataVersion,
      tx.account,
      tx.undoOf ?? null,
    );
    tx.changed = true;
    return Number(lastInsertRowid);
  }

  private insertRecord(tx: Tx, kind: EntityKind, id: string, data: Record<string, unknown>, position: number): EntityRecord<unknown> {
    this.stmt.insert[kind].run(this.columns(kind, id, data, 1, tx.at, position));
    const record = { id, version: 1, updatedAt: tx.at, data };
    tx.changes.push({ kind, id, record, position });
    return record;
  }

  private updateRecord(tx: Tx, kind: EntityKind, current: EntityRecord<unknown>, data: Record<string, unknown>): EntityRecord<unknown> {
    const version = current.version + 1;
    this.stmt.update[kind].run(this.columns(kind, current.id, data, version, tx.at));
    const record = { id: current.id, version, updatedAt: tx.at, data };
    tx.changes.push({ kind, id: current.id, record });
    return record;
  }

  private deleteRecord(tx: Tx, kind: EntityKind, id: string): void {
    this.stmt.remove[kind].run(id);
    tx.changes.push({ kind, id, record: null });
  }

  private nextPosition(kind: EntityKind): number {
    return (this.stmt.maxPosition[kind].get()!.max ?? -1) + 1;
  }

  /** Create an entity from a request body (already shape-checked at the edge, checked again here). */
  create<K extends EntityKind>(kind: K, body: unknown, ctx: WriteContext = {}): EntityRecord<EntityData[K]> {
    return this.transact((tx) => {
      const data = this.checkEntity(tx.snap, kind, body, undefined);
      const id = data.id as string;
      const existing = tx.snap.index[kind].get(id);
      if (existing) {
        throw conflict(`${LABEL[kind].the} « ${id} » existe déjà`, [{ path: 'id', message: `identifiant déjà utilisé par ${LABEL[kind].a}` }], { current: existing });
      }
      tx.authorize({ op: 'create', kind, id, after: data, snap: tx.snap });
      const record = this.insertRecord(tx, kind, id, data, this.nextPosition(kind));
      this.writeAudit(tx, 'create', kind, id, null, data);
      return record as EntityRecord<EntityData[K]>;
    }, ctx);
  }

  /** Replace an entity, if `expectedVersion` is still its version. */
  update<K extends EntityKind>(kind: K, id: string, body: unknown, expectedVersion: number, ctx: WriteContext = {}): EntityRecord<EntityData[K]> {
    return this.transact((tx) => {
      const current = this.current(tx, kind, id, expectedVersion, 'update');
      const data = this.checkEntity(tx.snap, kind, body, id);
      if (canonicalJson(data) === canonicalJson(current.data)) return current as EntityRecord<EntityData[K]>;
      tx.authorize({ op: 'update', kind, id, before: current.data, after: data, snap: tx.snap });
      const record = this.updateRecord(tx, kind, current, data);
      this.writeAudit(tx, 'update', kind, id, current.data, data);
      return record as EntityRecord<EntityData[K]>;
    }, ctx);
  }

  /**
   * Delete an entity. A mechanism that links point to, or a person who coordinates mechanisms, is
   * refused with the list of what refers to it, unless `cascade` (those links are deleted, those
   * coordinator entries removed).
   */
  remove(kind: EntityKind, id: string, expectedVersion: number, options: { cascade?: boolean } = {}, ctx: WriteContext = {}): DeleteOutcome {
    return this.transact((tx) => this.removeIn(tx, kind, id, expectedVersion, options), ctx);
  }

  private removeIn(tx: Tx, kind: EntityKind, id: string, expectedVersion: number, options: { cascade?: boolean }): DeleteOutcome {
    const current = this.current(tx, kind, id, expectedVersion, 'delete');
    const cascaded = { links: [] as string[], mechanisms: [] as string[] };
    if (kind === 'mechanisms') {
      const links = tx.snap.records.links.filter((l) => l.data.from === id || l.data.to === id);
      if (links.length > 0 && !options.cascade) {
        throw conflict(
          `le dispositif « ${id} » est relié par ${links.length} lien${links.length > 1 ? 's' : ''} : supprimez-les d'abord, ou ajoutez ?cascade=true pour les supprimer avec lui`,
          links.map((l) => ({ path: 'links', message: `lien « ${l.id} » (${l.data.kind}, ${l.data.from} → ${l.data.to})` })),
          { links },
        );
      }
      for (const link of links) {
        tx.authorize({ op: 'delete', kind: 'links', id: link.id, before: link.data, snap: tx.snap });
        this.deleteRecord(tx, 'links', link.id);
        this.writeAudit(tx, 'delete', 'links', link.id, link.data, null);
        cascaded.links.push(link.id);
      }
    }
    if (kind === 'people') {
      const coordinated = tx.snap.records.mechanisms.filter((m) => m.data.coordinators?.some((c) => c.person === id));
      if (coordinated.length > 0 && !options.cascade) {
        throw conflict(
          `la personne « ${id} » coordonne ${coordinated.length} dispositif${coordinated.length > 1 ? 's' : ''} : retirez-la d'abord, ou ajoutez ?cascade=true pour la retirer de leur coordination`,
          coordinated.map((m) => ({ path: 'mechanisms', message: `coordonne « ${m.id} » (${m.data.name})` })),
          { mechanisms: coordinated },
        );
      }
      for (const m of coordinated) {
        const data = { ...m.data, coordinators: (m.data.coordinators ?? []).filter((c) => c.person !== id) };
        tx.authorize({ op: 'update', kind: 'mechanisms', id: m.id, before: m.data, after: data, snap: tx.snap });
        this.updateRecord(tx, 'mechanisms', m, data);
        this.writeAudit(tx, 'update', 'mechanisms', m.id, m.data, data);
        cascaded.mechanisms.push(m.id);
      }
    }
    this.deleteRecord(tx, kind, id);
    this.writeAudit(tx, 'delete', kind, id, current.data, null);
    if (kind !== 'people') return { deleted: current, cascaded, dataVersion: tx.dataVersion };
    // A deleted person is erased: the journal keeps a pseudonym, and so does this answer.
    const pseudonym = this.erasePeople(tx, [id]).get(id)!;
    return { deleted: { ...current, data: { id: pseudonym, label: ERASED_LABEL } }, cascaded, dataVersion: tx.dataVersion };
  }

  /**
   * Erase deleted people from the journal: every entry about one of them (and every mention of
   * them as a coordinator in a mechanism's entries) now names a random pseudonym, and keeps nothing
   * else of them. Runs in the deletion's transaction, in one pass over the journal however many
   * people go; returns each one's pseudonym.
   */
  private erasePeople(tx: Tx, ids: readonly string[]): Map<string, string> {
    const pseudonyms = new Map(ids.map((id) => [id, `${ERASED_PREFIX}${randomBytes(6).toString('hex')}`]));
    if (pseudonyms.size === 0) return pseudonyms;
    this.db.prepare('INSERT INTO audit_redaction (active) VALUES (1)').run();
    // Their own entries, through the (entity, entity_id) index.
    const erasePersonRows = this.db.prepare(
      "UPDATE audit SET entity_id = @pseudonym, before = CASE WHEN before IS NULL THEN NULL ELSE @erased END, after = CASE WHEN after IS NULL THEN NULL ELSE @erased END WHERE entity = 'people' AND entity_id = @id",
    );
    for (const [id, pseudonym] of pseudonyms) erasePersonRows.run({ id, pseudonym, erased: JSON.stringify({ id: pseudonym, label: ERASED_LABEL }) });
    // Mechanisms' entries naming coordinators: one pass, in pages (a statement cannot write while another reads).
    const page = this.db.prepare(
      `SELECT seq, before, after FROM audit WHERE entity = 'mechanisms' AND seq > ? AND (instr(before, '"coordinators"') > 0 OR instr(after, '"coordinators"') > 0) ORDER BY seq LIMIT 500`,
    );
    const rewrite = this.db.prepare('UPDATE audit SET before = ?, after = ? WHERE seq = ?');
    const renamed = (json: string | null): string | null => {
      if (json === null) return null;
      const data = JSON.parse(json) as Record<string, unknown>;
      if (!Array.isArray(data.coordinators) || !data.coordinators.some((c: unknown) => isObject(c) && typeof c.person === 'string' && pseudonyms.has(c.person))) return null;
      data.coordinators = data.coordinators.map((c: unknown) => (isObject(c) && typeof c.person === 'string' && pseudonyms.has(c.person) ? { ...c, person: pseudonyms.get(c.person) } : c));
      return JSON.stringify(data);
    };
    for (let cursor = 0; ; ) {
      const rows = page.all(cursor) as { seq: number; before: string | null; after: string | null }[];
      for (const row of rows) {
        cursor = row.seq;
        this.stats.erasureRowsRead++;
        const before = renamed(row.before);
        const after = renamed(row.after);
        if (before !== null || after !== null) rewrite.run(before ?? row.before, after ?? row.after, row.seq);
      }
      if (rows.length < 500) break;
    }
    this.db.prepare('DELETE FROM audit_redaction').run();
    tx.changed = true;
    return pseudonyms;
  }

  /**
   * Undo a journal entry: put its record back as it was before, if the entry is still the
   * record's last change and the record is still as the entry left it (else 409). The undo is a
   * write like another (checked by `authorize`, journaled as `undo`, pointing to the entry).
   * A person's deletion cannot be undone: their data was erased. An import's own entry (its step,
   * entity `dataset`) undoes the whole import (see undoImport).
   */
  undo(seq: number, ctx: WriteContext = {}): UndoOutcome {
    return this.transact((tx) => {
      const entry = this.auditEntry(seq);
      if (!entry) throw notFound(`entrée du journal introuvable : n° ${seq}`);
      if (entry.entity === 'dataset') return this.undoImport(tx, entry);
      const kind = entry.entity as EntityKind;
      if (!ENTITY_KINDS.includes(kind) || entry.entityId === null) {
        throw conflict('seule la modification d’un dispositif, d’une personne ou d’un lien peut être annulée, ou un import en entier', [{ path: 'seq', message: `entrée n° ${seq} : ${entry.action} de ${entry.entity}` }]);
      }
      const id = entry.entityId;
      if (kind === 'people' && (entry.after === null || id.startsWith(ERASED_PREFIX))) {
        throw conflict('une personne supprimée a été effacée : sa suppression ne peut pas être annulée', [{ path: 'seq', message: 'données effacées' }]);
      }
      const latest = (this.db.prepare('SELECT max(seq) AS seq FROM audit WHERE entity = ? AND entity_id = ?').get(kind, id) as { seq: number }).seq;
      if (latest !== seq) {
        throw conflict(`${LABEL[kind].the} « ${id} » a été modifié${kind === 'people' ? 'e' : ''} depuis (entrée n° ${latest}) : seule sa dernière modification peut être annulée`, [
          { path: 'seq', message: `dernière modification : n° ${latest}` },
        ]);
      }
      const current = tx.snap.index[kind].get(id);
      const matches = entry.after === null ? current === undefined : current !== undefined && canonicalJson(current.data) === canonicalJson(entry.after);
      if (!matches) {
        throw conflict(`${LABEL[kind].the} « ${id} » ne correspond plus à cette entrée du journal : rien n’a été annulé`, [{ path: 'seq', message: 'état actuel différent' }], { current: current ?? null });
      }
      tx.undoOf = seq;
      let record: EntityRecord<unknown> | null;
      if (entry.before === null) {
        this.removeIn(tx, kind, id, current!.version, {});
        record = null;
      } else if (current === undefined) {
        const data = this.checkEntity(tx.snap, kind, entry.before, undefined);
        tx.authorize({ op: 'create', kind, id, after: data, snap: tx.snap });
        record = this.insertRecord(tx, kind, id, data, this.nextPosition(kind));
        this.writeAudit(tx, 'undo', kind, id, null, data);
      } else {
        tx.authorize({ op: 'update', kind, id, before: current.data, snap: tx.snap });
        const data = this.checkEntity(tx.snap, kind, entry.before, id);
        tx.authorize({ op: 'update', kind, id, before: current.data, after: data, snap: tx.snap });
        record = this.updateRecord(tx, kind, current, data);
        this.writeAudit(tx, 'undo', kind, id, current.data, data);
      }
      return { undone: entry, record, dataVersion: tx.dataVersion };
    }, ctx);
  }

  /**
   * The record to update or delete: 404 when there is none, the write's check on its current
   * state (403), then 409 unless the client read its current version.
   */
  private current<K extends EntityKind>(tx: Tx, kind: K, id: string, expectedVersion: number, op: 'update' | 'delete'): EntityRecord<EntityData[K]> {
    const current = tx.snap.index[kind].get(id) as EntityRecord<EntityData[K]> | undefined;
    if (!current) throw notFound(`${LABEL[kind].one} introuvable : « ${id} »`);
    tx.authorize({ op, kind, id, before: current.data, snap: tx.snap });
    if (current.version !== expectedVersion) {
      throw conflict(
        `${LABEL[kind].the} « ${id} » a été modifié${kind === 'people' ? 'e' : ''} entre-temps (version ${current.version}, vous avez envoyé la version ${expectedVersion}) : relisez-le et recommencez`,
        [{ path: 'version', message: `version périmée : la version actuelle est ${current.version}` }],
        { current },
      );
    }
    return current;
  }

  // ---------------------------------------------------------------- single-entity validation

  /**
   * Check a body as one entity of the stored dataset and return its normalised form. The dataset
   * stays valid: shape and territory codes (validateDataset on a one-entity document), ids, link ends.
   */
  private checkEntity<K extends EntityKind>(snap: Snapshot, kind: K, body: unknown, pathId: string | undefined): EntityData[K] & Record<string, unknown> {
    if (!isObject(body)) throw badRequest(`le corps doit être un objet JSON décrivant ${LABEL[kind].a}`, [{ path: '(corps)', message: 'doit être un objet' }]);
    const input: Record<string, unknown> = { ...body };
    if (pathId !== undefined) {
      if (input.id === undefined) input.id = pathId;
      else if (input.id !== pathId) {
        throw badRequest("l'identifiant ne peut pas changer", [{ path: 'id', message: `« ${String(input.id)} » diffère de l'identifiant de l'adresse (« ${pathId} »)` }]);
      }
    }
    if (kind === 'mechanisms') return this.checkMechanism(snap, input, pathId !== undefined) as EntityData[K] & Record<string, unknown>;
    if (kind === 'people') return this.checkPerson(snap, input) as EntityData[K] & Record<string, unknown>;
    return this.checkLink(snap, input) as EntityData[K] & Record<string, unknown>;
  }

  private checkMechanism(snap: Snapshot, input: Record<string, unknown>, isUpdate: boolean): Mechanism {
    if (input.id === undefined && typeof input.name === 'string' && typeof input.kind === 'string') {
      input.id = freeId(`${input.kind.toLowerCase()}-${slugify(input.name)}`, (id) => snap.index.mechanisms.has(id) || snap.index.people.has(id));
    }
    const refs = new Set(
      (Array.isArray(input.coordinators) ? input.coordinators : []).map((c) => (isObject(c) ? c.person : undefined)).filter((p): p is string => typeof p === 'string'),
    );
    const people = [...refs].map((id) => snap.index.people.get(id)?.data).filter((p): p is Person => p !== undefined);
    const result = validateDataset({ format: FORMAT, mechanisms: [input], people }, this.territories, { maxProblems: MAX_PROBLEMS });
    if (!result.ok) throw invalidEntity('mechanisms', result.problems, 'mechanisms[0]', result.problemCount);
    const mechanism = result.dataset.mechanisms[0];
    if (snap.index.people.has(mechanism.id)) {
      throw badRequest('identifiant déjà pris', [{ path: 'id', message: `« ${mechanism.id} » est déjà l'identifiant d'une personne` }]);
    }
    if (isUpdate) {
      const kindOf = (ref: string) => (ref === mechanism.id ? mechanism.kind : snap.kindOf(ref));
      const links = snap.records.links.filter((l) => l.data.from === mechanism.id || l.data.to === mechanism.id);
      const broken = links.filter((l) => linkEndProblems(l.data, 'link', kindOf).length > 0);
      if (broken.length > 0) {
        throw conflict(
          `le type ${mechanism.kind} est incompatible avec ${broken.length} lien${broken.length > 1 ? 's' : ''} existant${broken.length > 1 ? 's' : ''} : modifiez ou supprimez-les d'abord`,
          broken.flatMap((l) => linkEndProblems(l.data, 'link', kindOf).map((p) => ({ path: 'kind', message: `lien « ${l.id} » : ${p.message}` }))),
          { links: broken },
        );
      }
    }
    return mechanism;
  }

  private checkPerson(snap: Snapshot, input: Record<string, unknown>): Person {
    if (input.id === undefined && typeof input.label === 'string') {
      input.id = freeId(slugify(input.label) || 'personne', (id) => snap.index.mechanisms.has(id) || snap.index.people.has(id));
    }
    const result = validateDataset({ format: FORMAT, people: [input] }, this.territories, { maxProblems: MAX_PROBLEMS });
    if (!result.ok) throw invalidEntity('people', result.problems, 'people[0]', result.problemCount);
    const person = result.dataset.people[0];
    if (snap.index.mechanisms.has(person.id)) {
      throw badRequest('identifiant déjà pris', [{ path: 'id', message: `« ${person.id} » est déjà l'identifiant d'un dispositif` }]);
    }
    return person;
  }

  private checkLink(snap: Snapshot, input: Record<string, unknown>): StoredLink {
    const parsed = v.safeParse(LinkSchema, input, { abortPipeEarly: false });
    const problems = parsed.success ? [] : shapeProblems(parsed.issues, 'link');
    for (const problem of linkEndProblems(input, 'link', snap.kindOf)) problems.push(problem);
    if (!parsed.success || problems.length > 0) throw invalidEntity('links', problems.slice(0, MAX_PROBLEMS), 'link', problems.length);
    const link = parsed.output;
    const id = link.id ?? freeId(defaultLinkId(link), (candidate) => snap.index.links.has(candidate));
    return { ...link, id };
  }

  // ---------------------------------------------------------------- import

  /**
   * Import an articulation/1 document: replace the dataset or merge into it, all or nothing. A dry
   * run checks everything the import would (the document, then each change against `authorize`)
   * and writes nothing.
   */
  importDataset(input: unknown, options: ImportOptions, ctx: WriteContext = {}): ImportOutcome {
    const prepared = this.prepareImport(input, options, ctx);
    return options.dryRun ? prepared.outcome : this.commitImport(prepared, ctx);
  }

  /**
   * The checking half of an import, outside any transaction (the long part: validation, diff,
   * the scope of every change), against the current state. A write worker runs it while other
   * writes go on, then commits.
   */
  prepareImport(input: unknown, options: ImportOptions, ctx: WriteContext = {}): PreparedImport {
    return this.planImport(this.snapshot(), input, options, ctx.authorize ?? (() => undefined));
  }

  /**
   * The writing half: in one IMMEDIATE transaction. When another write came in since the import was
   * prepared, it is checked again on the new state first, so that the checks and the write always
   * see the same state. 400 (nothing written) when the document is invalid.
   */
  commitImport(prepared: PreparedImport, ctx: WriteContext = {}): ImportOutcome {
    const authorize = ctx.authorize ?? (() => undefined);
    const stale = () => this.dataVersion() !== prepared.snap.dataVersion;
    const outcome =
      prepared.outcome.valid && (prepared.outcome.changed || stale())
        ? this.transact((tx) => {
            const plan = tx.snap === prepared.snap ? prepared : this.planImport(tx.snap, prepared.input, prepared.options, authorize);
            if (!plan.outcome.valid || !plan.outcome.changed) return plan.outcome;
            const journalEntry = this.writeImport(tx, plan.snap, plan.dataset!, plan.outcome.diff, plan.options);
            return { ...plan.outcome, dataVersion: tx.dataVersion, journalEntry };
          }, ctx)
        : prepared.outcome;
    if (!outcome.valid) {
      throw badRequest(
        `le document contient ${outcome.problemCount} problème${outcome.problemCount > 1 ? 's' : ''} : rien n'a été importé`,
        outcome.problems.map((p) => ({ path: p.path, message: p.message })),
        { problemCount: outcome.problemCount },
      );
    }
    return outcome;
  }

  private planImport(snap: Snapshot, input: unknown, options: ImportOptions, authorize: (change: Change) => void): PreparedImport {
    const { candidate, origins } = options.mode === 'merge' ? mergeCandidate(snap, input) : { candidate: input, origins: undefined };
    const result = validateDataset(candidate, this.territories, { maxProblems: options.maxProblems ?? MAX_PROBLEMS });
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

  /** Write an import as one step of the journal: an entry per record, then the step's own entry (returned), which an undo names. */
  private writeImport(tx: Tx, snap: Snapshot, dataset: LoadedDataset, diff: DatasetDiff, options: ImportOptions): number {
    const action = options.action ?? 'import';
    const erased: string[] = [];
    for (const kind of ENTITY_KINDS) {
      const created = new Set(diff[kind].created);
      const updated = new Set(diff[kind].updated);
      const items = dataset[kind] as unknown as (Record<string, unknown> & { id: string })[];
      const keep = new Set(items.map((item) => item.id));
      for (const record of snap.records[kind]) {
        if (keep.has(record.id)) continue;
        this.deleteRecord(tx, kind, record.id);
        this.writeAudit(tx, action, kind, record.id, record.data, null);
        if (kind === 'people') erased.push(record.id);
      }
      items.forEach((item, position) => {
        if (created.has(item.id)) {
          this.insertRecord(tx, kind, item.id, item, position);
          this.writeAudit(tx, action, kind, item.id, null, item);
          return;
        }
        const current = snap.index[kind].get(item.id)!;
        if (updated.has(item.id)) {
          this.updateRecord(tx, kind, current, item);
          this.writeAudit(tx, action, kind, item.id, current.data, item);
        }
        if (snap.positions[kind].get(item.id) !== position) this.stmt.setPosition[kind].run(position, item.id);
      });
    }
    const meta = metaOf(dataset);
    if (diff.meta) this.stmt.setMeta.run(JSON.stringify(meta));
    const counts = Object.fromEntries(
      ENTITY_KINDS.map((k) => [k, { created: diff[k].created.length, updated: diff[k].updated.length, removed: diff[k].removed.length }]),
    );
    const step = this.writeAudit(tx, action, 'dataset', null, diff.meta ? snap.meta : null, { mode: options.mode, meta: diff.meta ? meta : undefined, counts });
    // After every entry of the import is written, so that its own entries are erased too.
    this.erasePeople(tx, erased);
    // Positions and the dataset's fields moved: the next reader loads the new state.
    tx.reload = true;
    return step;
  }

  // ---------------------------------------------------------------- undoing an import

  /**
   * Undo a whole import, its step's entry given: every record it created is deleted, every record
   * it changed or deleted is put back, in one transaction (one data version, one step of the
   * journal, action `undo` pointing to the import). Refused (409, nothing written) when any of its
   * records changed since and is not as the import left it (each named, with its latest entry:
   * undoing that change first makes the import undoable), when it deleted people (their data
   * was erased), when it was undone already, or when the state before it no longer holds together.
   */
  private undoImport(tx: Tx, step: AuditEntry): UndoOutcome {
    const refuse = (message: string, issues: Issue[] = [], extra?: Record<string, unknown>) => conflict(message, issues.length ? issues : [{ path: 'seq', message: `entrée n° ${step.seq}` }], extra);
    if (step.action !== 'import') throw refuse(`l’entrée n° ${step.seq} n’est pas un import : seul un import s’annule d’un coup`);
    const undone = this.db.prepare("SELECT seq FROM audit WHERE undo_of = ? AND entity = 'dataset'").get(step.seq) as { seq: number } | undefined;
    if (undone) throw refuse(`cet import a déjà été annulé (entrée n° ${undone.seq})`);
    // The step's record entries were written just before its own entry, in the same transaction.
    const counts = (isObject(step.after) && isObject(step.after.counts) ? step.after.counts : {}) as Record<string, { created?: number; updated?: number; removed?: number }>;
    const size = ENTITY_KINDS.reduce((n, k) => n + (counts[k]?.created ?? 0) + (counts[k]?.updated ?? 0) + (counts[k]?.removed ?? 0), 0);
    const rows = this.db
      .prepare(
        `SELECT x.seq, x.entity, x.entity_id, x.before, x.after, x.data_version, (SELECT max(y.seq) FROM audit y WHERE y.entity = x.entity AND y.entity_id = x.entity_id) AS latest
         FROM audit x WHERE x.seq >= ? AND x.seq < ? ORDER BY x.seq`,
      )
      .all(step.seq - size, step.seq) as { seq: number; entity: EntityKind; entity_id: string; before: string | null; after: string | null; data_version: number; latest: number }[];
    if (rows.length !== size || rows.some((r) => r.data_version !== step.dataVersion || !ENTITY_KINDS.includes(r.entity))) throw refuse('les entrées de cet import sont incomplètes dans le journal : il ne peut pas être annulé d’un coup');
    if (rows.some((r) => r.entity === 'people' && r.entity_id.startsWith(ERASED_PREFIX))) {
      throw refuse('cet import a supprimé des personnes, dont les données ont été effacées : il ne peut pas être annulé');
    }
    const nameIn = (r: (typeof rows)[number]) => {
      const data = JSON.parse(r.after ?? r.before ?? '{}') as Record<string, unknown>;
      const current = tx.snap.index[r.entity].get(r.entity_id)?.data as Record<string, unknown> | undefined;
      return String(current?.name ?? current?.label ?? data.name ?? data.label ?? r.entity_id);
    };
    // A record changed since, unless a later write (an undo) put it back as the import left it.
    const leftAsImported = (r: (typeof rows)[number]) => {
      const current = tx.snap.index[r.entity].get(r.entity_id);
      return r.after === null ? current === undefined : current !== undefined && canonicalJson(current.data) === canonicalJson(JSON.parse(r.after));
    };
    const changed = rows.filter((r) => r.latest !== r.seq && !leftAsImported(r));
    const metaChanged = step.before !== null && isObject(step.after) && canonicalJson(step.after.meta) !== canonicalJson(tx.snap.meta);
    if (changed.length > 0 || metaChanged) {
      const issues = changed.map((r) => ({ path: `${LABEL[r.entity].one} « ${nameIn(r)} »`, message: `modifié${r.entity === 'people' ? 'e' : ''} depuis l’import (entrée n° ${r.latest})` }));
      if (metaChanged) issues.push({ path: 'jeu de données', message: 'titre ou périmètre modifiés depuis l’import' });
      throw refuse(
        `${issues.length} ${issues.length > 1 ? 'fiches ont changé' : 'fiche a changé'} depuis cet import : rien n’a été annulé ; annulez d’abord ces modifications, ou corrigez les fiches à la main`,
        issues,
        { changed: changed.map((r) => ({ entity: r.entity, id: r.entity_id, name: nameIn(r), entry: r.latest })) },
      );
    }
    // The dataset as it was before the import, for the records it touched; every other record as it is.
    const target: Record<string, unknown> = { format: FORMAT, ...(step.before !== null && isObject(step.before) ? step.before : tx.snap.meta) };
    for (const kind of ENTITY_KINDS) {
      const items = new Map<string, unknown>(tx.snap.records[kind].map((r) => [r.id, r.data]));
      for (const r of rows) {
        if (r.entity !== kind) continue;
        if (r.before === null) items.delete(r.entity_id);
        else items.set(r.entity_id, JSON.parse(r.before));
      }
      target[kind] = [...items.values()];
    }
    const plan = this.planImport(tx.snap, target, { mode: 'replace' }, tx.authorize);
    if (!plan.outcome.valid) {
      throw refuse(
        'l’état d’avant cet import ne tient plus : des fiches créées ou modifiées depuis en dépendent ; rien n’a été annulé',
        plan.outcome.problems.slice(0, MAX_PROBLEMS).map((p) => ({ path: p.path, message: p.message })),
      );
    }
    tx.undoOf = step.seq;
    const journalEntry = this.writeImport(tx, tx.snap, plan.dataset!, plan.outcome.diff, { mode: 'replace', action: 'undo' });
    return { undone: step, record: null, dataVersion: tx.dataVersion, reverted: { journalEntry, diff: plan.outcome.diff } };
  }
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

// ------------------------------------------------------------------ helpers

interface AuditRow {
  seq: number;
  at: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  data_version: number;
  account: string | null;
  undo_of: number | null;
  latest: number;
  account_email: string | null;
  account_name: string | null;
}

function auditEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    dataVersion: r.data_version,
    account: r.account === null ? null : { id: Number(r.account), email: r.account_email, name: r.account_name },
    undoOf: r.undo_of,
    latest: r.latest === 1,
  };
}

/** 400 listing the first problems of a body (`count` in all), paths relative to the body. */
function invalidEntity(kind: EntityKind, problems: Problem[], prefix: string, count: number): ApiError {
  const issues: Issue[] = problems.map((p) => ({
    path: p.path === prefix ? '(corps)' : p.path.startsWith(`${prefix}.`) ? p.path.slice(prefix.length + 1) : p.path.startsWith(`${prefix}[`) ? p.path.slice(prefix.length) : p.path,
    message: p.message,
  }));
  const shown = count > issues.length ? ` (les ${issues.length} premiers sont listés)` : '';
  return badRequest(`${LABEL[kind].one} invalide : ${count} problème${count > 1 ? 's' : ''}${shown}`, issues, count > issues.length ? { problemCount: count } : undefined);
}

/** `base`, or `base-2`, `base-3`… whichever is free. */
function freeId(base: string, taken: (id: string) => boolean): string {
  const root = base.slice(0, 100).replace(/-+$/, '') || 'x';
  let id = root;
  for (let n = 2; taken(id); n++) id = `${root}-${n}`;
  return id;
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
