// Mechanisms, people and links one at a time: filtered lists of a state, and the writes of one
// record (create, update, delete with its cascade). Every update and delete names the version it
// read and gets a 409 with the current state when it is stale (no lost update).
import { mechanismThemes } from '../../model/graph.ts';
import type { Mechanism, Person, StoredLink } from '../../model/schema.ts';
import { intersectSorted } from '../../model/territory.ts';
import { foldText, plural } from '../../model/text.ts';
import { canonicalJson } from '../canonical.ts';
import { conflict, notFound } from '../errors.ts';
import { checkEntity } from './checks.ts';
import { erasePeople, writeAudit } from './journal.ts';
import type { Snapshot } from './snapshot.ts';
import { deleteRecord, insertRecord, nextPosition, transact, updateRecord, type StoreContext, type Tx } from './transaction.ts';
import { ERASED_LABEL, LABEL, type DeleteOutcome, type EntityData, type EntityKind, type EntityRecord, type ListFilter, type WriteContext } from './types.ts';

// ---------------------------------------------------------------- reads

/** Records of a kind matching a filter, in dataset order, with the total before paging. */
export function listRecords<K extends EntityKind>(
  snap: Snapshot,
  kind: K,
  filter: ListFilter,
  departementsOf: (m: Mechanism) => readonly string[],
): { total: number; items: EntityRecord<EntityData[K]>[] } {
  const records = snap.records[kind] as EntityRecord<EntityData[K]>[];
  const predicate = filterPredicate(snap, kind, filter, departementsOf);
  const matching = predicate ? records.filter((r) => predicate(r as EntityRecord<never>)) : records;
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? matching.length;
  return { total: matching.length, items: matching.slice(offset, offset + limit) };
}

function filterPredicate(snap: Snapshot, kind: EntityKind, filter: ListFilter, departementsOf: (m: Mechanism) => readonly string[]): ((r: EntityRecord<never>) => boolean) | undefined {
  const tests: ((r: EntityRecord<EntityData[EntityKind]>) => boolean)[] = [];
  const deps = new Set(filter.departements ?? []);
  for (const r of filter.regions ?? []) for (const d of snap.territories.departementsOfRegion(r)) deps.add(d);
  const territorial = filter.departements?.length || filter.regions?.length;
  const mechanismInTerritory = (id: string) => {
    const m = snap.index.mechanisms.get(id)?.data;
    return m !== undefined && departementsOf(m).some((d) => deps.has(d));
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
  const mechanismMatches = (m: Mechanism) => (!kinds || kinds.has(m.kind)) && (!statuses || statuses.has(m.status)) && (!territorial || mechanismInTerritory(m.id));

  if (kind === 'mechanisms') {
    if (kinds || statuses || territorial) tests.push((r) => mechanismMatches(r.data as Mechanism));
    if (q) tests.push((r) => matchText(`${r.id} ${(r.data as Mechanism).name}`));
    const { theme, communes } = filter;
    if (theme !== undefined) tests.push((r) => mechanismThemes(r.data as Mechanism).includes(theme));
    if (communes) tests.push((r) => intersectSorted(snap.territories.normalize((r.data as Mechanism).territory).communes, communes) > 0);
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

// ---------------------------------------------------------------- writes

/** Create an entity from a request body (already shape-checked at the edge, checked again here). */
export function createRecord<K extends EntityKind>(store: StoreContext, kind: K, body: unknown, ctx: WriteContext = {}): Promise<EntityRecord<EntityData[K]>> {
  return transact(store, (tx) => createIn(store, tx, kind, body), ctx);
}

/** The creation inside a write (a scenario applied runs several in one). */
export async function createIn<K extends EntityKind>(store: StoreContext, tx: Tx, kind: K, body: unknown): Promise<EntityRecord<EntityData[K]>> {
  const data = checkEntity(store.territories, tx.snap, kind, body, undefined);
  const id = data.id as string;
  const existing = tx.snap.index[kind].get(id);
  if (existing) {
    throw conflict(`${LABEL[kind].the} « ${id} » existe déjà`, [{ path: 'id', message: `identifiant déjà utilisé par ${LABEL[kind].a}` }], { current: existing });
  }
  tx.authorize({ op: 'create', kind, id, after: data, snap: tx.snap });
  const record = await insertRecord(tx, kind, id, data, await nextPosition(tx, kind));
  await writeAudit(tx, 'create', kind, id, null, data);
  return record as EntityRecord<EntityData[K]>;
}

/** Replace an entity, if `expectedVersion` is still its version. */
export function updateEntity<K extends EntityKind>(store: StoreContext, kind: K, id: string, body: unknown, expectedVersion: number, ctx: WriteContext = {}): Promise<EntityRecord<EntityData[K]>> {
  return transact(store, (tx) => updateIn(store, tx, kind, id, body, expectedVersion), ctx);
}

/** The update inside a write. */
export async function updateIn<K extends EntityKind>(store: StoreContext, tx: Tx, kind: K, id: string, body: unknown, expectedVersion: number): Promise<EntityRecord<EntityData[K]>> {
  const current = currentRecord(tx, kind, id, expectedVersion, 'update');
  const data = checkEntity(store.territories, tx.snap, kind, body, id);
  if (canonicalJson(data) === canonicalJson(current.data)) return current as EntityRecord<EntityData[K]>;
  tx.authorize({ op: 'update', kind, id, before: current.data, after: data, snap: tx.snap });
  const record = await updateRecord(tx, kind, current, data);
  await writeAudit(tx, 'update', kind, id, current.data, data);
  return record as EntityRecord<EntityData[K]>;
}

/**
 * Delete an entity. A mechanism that links point to, or a person who coordinates mechanisms, is
 * refused with the list of what refers to it, unless `cascade` (those links are deleted, those
 * coordinator entries removed).
 */
export function removeEntity(store: StoreContext, kind: EntityKind, id: string, expectedVersion: number, options: { cascade?: boolean } = {}, ctx: WriteContext = {}): Promise<DeleteOutcome> {
  return transact(store, (tx) => removeIn(store, tx, kind, id, expectedVersion, options), ctx);
}

/** The deletion inside a write (an undo of a creation runs it too). */
export async function removeIn(store: StoreContext, tx: Tx, kind: EntityKind, id: string, expectedVersion: number, options: { cascade?: boolean }): Promise<DeleteOutcome> {
  const current = currentRecord(tx, kind, id, expectedVersion, 'delete');
  const cascaded = { links: [] as string[], mechanisms: [] as string[] };
  if (kind === 'mechanisms') {
    const links = tx.snap.records.links.filter((l) => l.data.from === id || l.data.to === id);
    if (links.length > 0 && !options.cascade) {
      throw conflict(
        `le dispositif « ${id} » est relié par ${plural(links.length, 'lien')} : supprimez-les d'abord, ou ajoutez ?cascade=true pour les supprimer avec lui`,
        links.map((l) => ({ path: 'links', message: `lien « ${l.id} » (${l.data.kind}, ${l.data.from} → ${l.data.to})` })),
        { links },
      );
    }
    for (const link of links) {
      tx.authorize({ op: 'delete', kind: 'links', id: link.id, before: link.data, snap: tx.snap });
      await deleteRecord(tx, 'links', link.id);
      await writeAudit(tx, 'delete', 'links', link.id, link.data, null);
      cascaded.links.push(link.id);
    }
  }
  if (kind === 'people') {
    const coordinated = tx.snap.records.mechanisms.filter((m) => m.data.coordinators?.some((c) => c.person === id));
    if (coordinated.length > 0 && !options.cascade) {
      throw conflict(
        `la personne « ${id} » coordonne ${plural(coordinated.length, 'dispositif')} : retirez-la d'abord, ou ajoutez ?cascade=true pour la retirer de leur coordination`,
        coordinated.map((m) => ({ path: 'mechanisms', message: `coordonne « ${m.id} » (${m.data.name})` })),
        { mechanisms: coordinated },
      );
    }
    for (const m of coordinated) {
      const data = { ...m.data, coordinators: (m.data.coordinators ?? []).filter((c) => c.person !== id) };
      tx.authorize({ op: 'update', kind: 'mechanisms', id: m.id, before: m.data, after: data, snap: tx.snap });
      await updateRecord(tx, 'mechanisms', m, data);
      await writeAudit(tx, 'update', 'mechanisms', m.id, m.data, data);
      cascaded.mechanisms.push(m.id);
    }
  }
  await deleteRecord(tx, kind, id);
  await writeAudit(tx, 'delete', kind, id, current.data, null);
  if (kind !== 'people') return { deleted: current, cascaded, dataVersion: tx.dataVersion };
  // A deleted person is erased: the journal keeps a pseudonym, and so does this answer.
  const pseudonym = (await erasePeople(tx, [id], store.stats)).get(id)!;
  return { deleted: { ...current, data: { id: pseudonym, label: ERASED_LABEL } }, cascaded, dataVersion: tx.dataVersion };
}

/**
 * The record to update or delete: 404 when there is none, the write's check on its current
 * state (403), then 409 unless the client read its current version.
 */
export function currentRecord<K extends EntityKind>(tx: Tx, kind: K, id: string, expectedVersion: number, op: 'update' | 'delete'): EntityRecord<EntityData[K]> {
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
