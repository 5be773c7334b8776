// The journal: one entry per write (who, when, what, the state before and after), append-only in
// the database (triggers), read back with filters, and rewritten in one case only: erasing the
// people a write deletes (and the accounts deleted, see auth/accounts.ts).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/schema.ts';
import { isObject } from '../canonical.ts';
import { BATCH, type Tx } from './transaction.ts';
import { ERASED_LABEL, ERASED_PREFIX, type AuditEntry, type AuditQuery } from './types.ts';

export interface JournalRow {
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  account: string | null;
  undoOf?: number | null;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Append an entry, at `dataVersion` (default: the current data version, for writes that do not change the dataset). */
export async function appendJournal(db: Kysely<Tables>, row: JournalRow, dataVersion?: number): Promise<void> {
  await db
    .insertInto('audit')
    .values((eb) => ({
      at: row.at,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      before: json(row.before),
      after: json(row.after),
      data_version: dataVersion ?? eb.selectFrom('dataset').select('data_version').where('singleton', '=', 1),
      account: row.account,
      undo_of: row.undoOf ?? null,
    }))
    .execute();
}

/** An entry of a dataset write (everything an undo writes is journaled as the undo, pointing to the entry it reverts); returns its number. */
export async function writeAudit(tx: Tx, action: string, entity: string, id: string | null, before: unknown, after: unknown): Promise<number> {
  const { seq } = await tx.db.insertInto('audit').values(auditRow(tx, { action, entity, id, before, after })).returning('seq').executeTakeFirstOrThrow();
  tx.changed = true;
  return seq;
}

interface Written {
  action: string;
  entity: string;
  id: string | null;
  before: unknown;
  after: unknown;
}

const auditRow = (tx: Tx, e: Written) => ({
  at: tx.at,
  action: tx.undoOf !== undefined ? 'undo' : e.action,
  entity: e.entity,
  entity_id: e.id,
  before: json(e.before),
  after: json(e.after),
  data_version: tx.dataVersion,
  account: tx.account,
  undo_of: tx.undoOf ?? null,
});

/** Entries of a dataset write, numbered in this order, in batches (an import writes thousands). */
export async function writeAudits(tx: Tx, entries: readonly Written[]): Promise<void> {
  const rows = entries.map((e) => auditRow(tx, e));
  for (let i = 0; i < rows.length; i += BATCH) await tx.db.insertInto('audit').values(rows.slice(i, i + BATCH)).execute();
  if (rows.length) tx.changed = true;
}

/** Entries with their account and whether each is its record's last change. */
function entries(db: Kysely<Tables>) {
  return db
    .selectFrom('audit as x')
    .leftJoin('accounts as a', (join) => join.on((eb) => eb(eb.cast('a.id', 'text'), '=', eb.ref('x.account'))))
    .select((eb) => [
      'x.seq',
      'x.at',
      'x.action',
      'x.entity',
      'x.entity_id',
      'x.before',
      'x.after',
      'x.data_version',
      'x.account',
      'x.undo_of',
      'a.email as account_email',
      'a.name as account_name',
      eb
        .case()
        .when(
          'x.seq',
          '=',
          eb.selectFrom('audit as y').select((inner) => inner.fn.max('y.seq').as('m')).whereRef('y.entity', '=', 'x.entity').whereRef('y.entity_id', '=', 'x.entity_id'),
        )
        .then(1)
        .else(0)
        .end()
        .as('latest'),
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>['executeTakeFirstOrThrow']>>;

function auditEntry(r: EntryRow): AuditEntry {
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
    latest: Number(r.latest) === 1,
  };
}

/** One journal entry by number. */
export async function journalEntry(db: Kysely<Tables>, seq: number): Promise<AuditEntry | undefined> {
  const row = await entries(db).where('x.seq', '=', seq).executeTakeFirst();
  return row && auditEntry(row);
}

/** Journal entries, newest first, filtered; `next` pages on. */
export async function readJournal(db: Kysely<Tables>, query: AuditQuery = {}): Promise<{ items: AuditEntry[]; next: number | null }> {
  let select = entries(db);
  if (query.entity) select = select.where('x.entity', '=', query.entity);
  if (query.entityId) select = select.where('x.entity_id', '=', query.entityId);
  if (query.action) select = select.where('x.action', '=', query.action);
  if (query.account !== undefined) select = select.where('x.account', '=', String(query.account));
  if (query.from) select = select.where('x.at', '>=', query.from);
  if (query.to) select = select.where('x.at', '<', query.to);
  if (query.dataVersion !== undefined) select = select.where('x.data_version', '=', query.dataVersion);
  if (query.steps) {
    // An import's records share its data version with its step (entity `dataset`): only the step is listed.
    select = select.where((eb) =>
      eb.or([
        eb('x.entity', '=', 'dataset'),
        eb.not(eb.exists(eb.selectFrom('audit as s').select('s.seq').where('s.entity', '=', 'dataset').whereRef('s.data_version', '=', 'x.data_version'))),
      ]),
    );
  }
  // Entries about a mechanism or a link touching it: the SQL narrows by text (its id, as JSON writes
  // it, in a link's states), the link's ends are then checked exactly. No JSON operator in SQL:
  // PostgreSQL's refuse any JSON holding a \u0000 escape, which a record may.
  const mechanism = query.mechanism;
  if (mechanism) {
    const pattern = `%${JSON.stringify(mechanism).replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const mentions = (column: 'x.before' | 'x.after') => sql<boolean>`cast(${sql.ref(column)} as text) like ${pattern} escape '!'`;
    select = select.where((eb) =>
      eb.or([
        eb.and([eb('x.entity', '=', 'mechanisms'), eb('x.entity_id', '=', mechanism)]),
        eb.and([eb('x.entity', 'in', ['links', 'findings']), eb.or([mentions('x.before'), mentions('x.after')])]),
      ]),
    );
  }
  // A link touches it by one of its ends, a finding's state by its subjects.
  const touches = (entry: AuditEntry) =>
    entry.entity === 'mechanisms' ||
    [entry.before, entry.after].some(
      (state) => isObject(state) && (entry.entity === 'links' ? state.from === mechanism || state.to === mechanism : Array.isArray(state.subjects) && state.subjects.includes(mechanism)),
    );
  const keep = (entry: AuditEntry) => (!mechanism || touches(entry)) && (!query.visible || query.visible(entry));
  const filtered = Boolean(mechanism || query.visible);
  const limit = query.limit ?? 100;
  // Entries checked here are filtered in pages, so that `limit` kept entries come back.
  const batch = filtered ? Math.max(limit * 4, 200) : limit + 1;
  const items: AuditEntry[] = [];
  let cursor = query.before;
  let more = false;
  let scanned = 0;
  for (;;) {
    const rows = await (cursor === undefined ? select : select.where('x.seq', '<', cursor)).orderBy('x.seq', 'desc').limit(batch).execute();
    for (const row of rows) {
      cursor = row.seq;
      scanned++;
      const entry = auditEntry(row);
      if (!keep(entry)) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(entry);
    }
    if (more || rows.length < batch) break;
    // A scoped reader scanning a long journal gets a page cut short, with a cursor to go on
    // from the last entry examined (not the last one shown, or the next page would scan again).
    if (scanned >= 50_000) return { items, next: cursor ?? null };
  }
  return { items, next: more && items.length > 0 ? items[items.length - 1].seq : null };
}

/** The entry that undid a whole import, if one did. */
export async function undoOfImport(db: Kysely<Tables>, step: number): Promise<number | undefined> {
  const row = await db.selectFrom('audit').select('seq').where('undo_of', '=', step).where('entity', '=', 'dataset').executeTakeFirst();
  return row?.seq;
}

/** The entries numbered from `from` to before `to`, each with the number of its record's last entry. */
export async function entriesBetween(db: Kysely<Tables>, from: number, to: number) {
  return db
    .selectFrom('audit as x')
    .select((eb) => [
      'x.seq',
      'x.entity',
      'x.entity_id',
      'x.before',
      'x.after',
      'x.data_version',
      eb.selectFrom('audit as y').select((inner) => inner.fn.max('y.seq').as('m')).whereRef('y.entity', '=', 'x.entity').whereRef('y.entity_id', '=', 'x.entity_id').as('latest'),
    ])
    .where('x.seq', '>=', from)
    .where('x.seq', '<', to)
    .orderBy('x.seq')
    .execute();
}

/** The number of a record's last journal entry. */
export async function lastEntryOf(db: Kysely<Tables>, entity: string, id: string): Promise<number | null> {
  const row = await db.selectFrom('audit').select((eb) => eb.fn.max('seq').as('seq')).where('entity', '=', entity).where('entity_id', '=', id).executeTakeFirst();
  return row?.seq ?? null;
}

/** Rewrite journal entries inside the transaction `db`, the append-only triggers letting it (audit_redaction holds its row meanwhile). */
export async function redacting<T>(db: Kysely<Tables>, fn: () => Promise<T>): Promise<T> {
  await db.insertInto('audit_redaction').values({ active: 1 }).execute();
  const result = await fn();
  await db.deleteFrom('audit_redaction').execute();
  return result;
}

const PAGE = 500;

/**
 * Erase deleted people from the journal: every entry about one of them (and every mention of
 * them as a coordinator in a mechanism's entries) now names a random pseudonym, and keeps nothing
 * else of them. Runs in the deletion's transaction, in one pass over the journal however many
 * people go; returns each one's pseudonym.
 */
export async function erasePeople(tx: Tx, ids: readonly string[], stats: { erasureRowsRead: number }): Promise<Map<string, string>> {
  const pseudonyms = new Map(ids.map((id) => [id, `${ERASED_PREFIX}${randomBytes(6).toString('hex')}`]));
  if (pseudonyms.size === 0) return pseudonyms;
  await redacting(tx.db, async () => {
    // Their own entries, through the (entity, entity_id) index, a batch of people at a time: each
    // gets its pseudonym, then whatever state the entry kept becomes { id: pseudonym, label }.
    const all = [...pseudonyms];
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      await tx.db
        .updateTable('audit')
        .set({ entity_id: sql<string>`CASE entity_id ${sql.join(batch.map(([id, pseudonym]) => sql`WHEN ${id} THEN ${pseudonym}`), sql` `)} ELSE entity_id END` })
        .where('entity', '=', 'people')
        .where('entity_id', 'in', batch.map(([id]) => id))
        .execute();
      const erased = sql<string>`${`{"id":"`} || entity_id || ${`","label":${JSON.stringify(ERASED_LABEL)}}`}`;
      await tx.db
        .updateTable('audit')
        .set((eb) => ({
          before: eb.case().when('before', 'is', null).then(eb.ref('before')).else(erased).end(),
          after: eb.case().when('after', 'is', null).then(eb.ref('after')).else(erased).end(),
        }))
        .where('entity', '=', 'people')
        .where('entity_id', 'in', batch.map(([, pseudonym]) => pseudonym))
        .execute();
    }
    // Mechanisms' entries naming coordinators: one pass, in pages.
    const renamed = (text: string | null): string | null => {
      if (text === null) return null;
      const data = JSON.parse(text) as Record<string, unknown>;
      if (!Array.isArray(data.coordinators) || !data.coordinators.some((c: unknown) => isObject(c) && typeof c.person === 'string' && pseudonyms.has(c.person))) return null;
      data.coordinators = data.coordinators.map((c: unknown) => (isObject(c) && typeof c.person === 'string' && pseudonyms.has(c.person) ? { ...c, person: pseudonyms.get(c.person) } : c));
      return JSON.stringify(data);
    };
    for (let cursor = 0; ; ) {
      const rows = await tx.db
        .selectFrom('audit')
        .select(['seq', 'before', 'after'])
        .where('entity', '=', 'mechanisms')
        .where('seq', '>', cursor)
        .where((eb) => eb.or(['before' as const, 'after' as const].map((column) => sql<boolean>`cast(${sql.ref(column)} as text) like ${'%"coordinators"%'}`)))
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        cursor = row.seq;
        stats.erasureRowsRead++;
        const before = renamed(row.before);
        const after = renamed(row.after);
        if (before !== null || after !== null) await tx.db.updateTable('audit').set({ before: before ?? row.before, after: after ?? row.after }).where('seq', '=', row.seq).execute();
      }
      if (rows.length < PAGE) break;
    }
  });
  tx.changed = true;
  return pseudonyms;
}
