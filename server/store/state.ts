// The current state, read from the database and kept in memory between writes.
//
// Another process (an import worker, another instance on the same PostgreSQL) may write at any
// time: the data version is read from the database for every caller, and the state read again
// when it moved. Callers that arrive together share one read of the version (VersionFence), each
// one waiting for a read that began after it arrived: a write committed anywhere before a request
// came in is seen by that request.
import { sql, type Kysely } from 'kysely';
import type { TerritoryIndex } from '../../model/territory.ts';
import type { Database } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { Tables } from '../db/schema.ts';
import { loadFindingStates } from './finding-states.ts';
import { Snapshot, type StateChange } from './snapshot.ts';
import { ENTITY_KINDS, type DatasetMeta, type EntityData, type EntityKind, type EntityRecord, type RecordChange } from './types.ts';

export class DataState {
  private current: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private readonly version: VersionFence;
  /** Counters for tests and metrics: full reads of the state. */
  readonly stats = { loads: 0 };

  constructor(
    private readonly db: Database,
    private readonly territories: TerritoryIndex,
  ) {
    this.version = new VersionFence(() => readDataVersion(db.kysely));
  }

  /** The data version in the database now. */
  dataVersion(): Promise<number> {
    return this.version.read();
  }

  /** The state at the current data version (read again only when it moved). */
  async snapshot(): Promise<Snapshot> {
    const version = await this.dataVersion();
    let snap = this.current;
    while (!snap || snap.dataVersion < version) snap = await this.load();
    return snap;
  }

  /** The state as a write transaction sees it (read on the transaction's connection). */
  async snapshotIn(trx: Kysely<Tables>): Promise<Snapshot> {
    const version = await readDataVersion(trx);
    if (this.current?.dataVersion === version) return this.current;
    const snap = await loadSnapshot(trx, this.territories);
    this.stats.loads++;
    this.keep(snap);
    return snap;
  }

  /**
   * A write committed: patch the state it started from (`reload`: forget it, the next reader reads
   * it all again, as after an import that moved positions).
   */
  committed(from: Snapshot, changes: readonly RecordChange[], stateChanges: readonly StateChange[], dataVersion: number, at: string, reload: boolean): void {
    if (!reload && this.current === from) this.current = from.withChanges(changes, dataVersion, at, stateChanges);
    else if (this.current && this.current.dataVersion < dataVersion) this.current = undefined;
  }

  private load(): Promise<Snapshot> {
    this.loading ??= this.db
      .read((trx) => loadSnapshot(trx, this.territories))
      .then((snap) => {
        this.stats.loads++;
        this.keep(snap);
        return snap;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** A state read concurrently with a write may be older than the patched one: keep the newest. */
  private keep(snap: Snapshot): void {
    if (!this.current || snap.dataVersion >= this.current.dataVersion) this.current = snap;
  }
}

const dataVersionQuery = prepared((db: Kysely<Tables>) => db.selectFrom('dataset').select('data_version').where('singleton', '=', sql.lit(1)));

/** The data version (on the pool: a query compiled once; in a transaction, on its connection). */
export async function readDataVersion(db: Kysely<Tables>): Promise<number> {
  const [row] = await dataVersionQuery(db);
  if (!row) throw new Error('table dataset vide : la base n’est pas migrée');
  return row.data_version;
}

/** Every record, in one consistent read (`db` is a read or write transaction). */
export async function loadSnapshot(db: Kysely<Tables>, territories: TerritoryIndex): Promise<Snapshot> {
  const row = await db.selectFrom('dataset').select(['meta', 'data_version', 'updated_at']).where('singleton', '=', 1).executeTakeFirstOrThrow();
  const creators = new Map<string, string | null>();
  const load = async <K extends EntityKind>(kind: K) => {
    const rows = await db.selectFrom(kind as EntityKind as 'people').select(['id', 'position', 'data', 'version', 'updated_at']).orderBy('position').orderBy('id').execute();
    return {
      records: rows.map((r): EntityRecord<EntityData[K]> => ({ id: r.id, version: r.version, updatedAt: r.updated_at, data: JSON.parse(r.data) as EntityData[K] })),
      positions: rows.map((r) => r.position),
    };
  };
  const [m, p, l] = await Promise.all(ENTITY_KINDS.map((kind) => load(kind)));
  for (const person of await db.selectFrom('people').select(['id', 'created_by']).where('created_by', 'is not', null).execute()) creators.set(person.id, person.created_by);
  const states = await loadFindingStates(db);
  return new Snapshot(
    row.data_version,
    row.updated_at,
    JSON.parse(row.meta) as DatasetMeta,
    { mechanisms: m.records, people: p.records, links: l.records } as Snapshot['records'],
    { mechanisms: m.positions, people: p.positions, links: l.positions },
    territories,
    creators,
    states,
  );
}

/**
 * Reads a value for callers that arrive together: at most one read under way and one queued.
 * A caller never gets the result of a read that began before it arrived.
 */
export class VersionFence {
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;

  constructor(private readonly readValue: () => Promise<number>) {}

  read(): Promise<number> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(
      () => this.next(),
      () => this.next(),
    );
    return this.queued;
  }

  private next(): Promise<number> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<number> {
    const running = this.readValue();
    this.running = running;
    const done = () => {
      if (this.running === running) this.running = undefined;
    };
    running.then(done, done);
    return running;
  }
}
