// Copying a whole database to another, between the two engines (SQLite ↔ PostgreSQL), and
// comparing them. Every table goes across as it is — records, journal (numbers kept), accounts,
// sessions, tokens, the pseudonymisation secret — read in one consistent state of the source,
// written in one transaction into an empty, migrated destination. The copy is then checked: the
// same export of the dataset, and every table the same, row for row.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { canonicalJson } from '../canonical.ts';
import type { Database } from './database.ts';
import type { Tables } from './schema.ts';

/** The tables copied, parents first, each with the key it is read in order of (none: a small table, read at once). */
const TABLES: { name: keyof Tables; key: string | null; serial?: string }[] = [
  { name: 'settings', key: 'key' },
  { name: 'dataset', key: 'singleton' },
  { name: 'mechanisms', key: 'id' },
  { name: 'people', key: 'id' },
  { name: 'links', key: 'id' },
  { name: 'accounts', key: 'id', serial: 'id' },
  { name: 'sessions', key: 'id_hash' },
  { name: 'api_tokens', key: 'id', serial: 'id' },
  { name: 'audit', key: 'seq', serial: 'seq' },
  { name: 'finding_states', key: 'finding' },
  { name: 'oidc_states', key: 'state_hash' },
  { name: 'login_failures', key: null },
  { name: 'scenarios', key: 'id', serial: 'id' },
];

const PAGE = 500;
/** Rows per INSERT: well under both engines' limits on bound parameters. */
const CHUNK = 100;

export interface CopyReport {
  rows: Record<string, number>;
}

export class CopyRefused extends Error {}

/** Copy `from` into `to` (migrated, empty: nothing ever written, no account). */
export async function copyDatabase(from: Database, to: Database): Promise<CopyReport> {
  await ensureEmpty(to);
  const rows: Record<string, number> = {};
  await from.read((source) =>
    to.write(async (target) => {
      // The destination's own first rows (migrations made them) give way to the source's.
      await target.deleteFrom('settings').execute();
      await target.deleteFrom('dataset').execute();
      for (const table of TABLES) rows[table.name] = await copyTable(source, target, table.name, table.key);
      if (to.engine === 'postgres') {
        // Numbers were given explicitly: the next ones continue after them.
        for (const table of TABLES.filter((t) => t.serial)) {
          await sql`SELECT setval(pg_get_serial_sequence(${table.name}, ${table.serial}), coalesce((SELECT max(${sql.ref(table.serial!)}) FROM ${sql.table(table.name)}), 0) + 1, false)`.execute(target);
        }
      }
    }),
  );
  return { rows };
}

async function ensureEmpty(db: Database): Promise<void> {
  const dataset = await db.kysely.selectFrom('dataset').select('data_version').executeTakeFirst();
  const accounts = await db.kysely.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const journal = await db.kysely.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  if ((dataset?.data_version ?? 0) !== 0 || Number(accounts.n) > 0 || Number(journal.n) > 0) {
    throw new CopyRefused(`la base de destination ${db.label} n’est pas vide (version des données ${dataset?.data_version ?? 0}, ${Number(accounts.n)} compte(s), ${Number(journal.n)} entrée(s) au journal) : rien n’a été copié`);
  }
}

async function copyTable(source: Kysely<Tables>, target: Kysely<Tables>, table: keyof Tables, key: string | null): Promise<number> {
  let count = 0;
  for await (const found of pages(source, table, key)) {
    for (let i = 0; i < found.length; i += CHUNK) await target.insertInto(table).values(found.slice(i, i + CHUNK) as never).execute();
    count += found.length;
  }
  return count;
}

/** A table's rows, page by page in the order of its key (keyset paging). */
async function* pages(db: Kysely<Tables>, table: keyof Tables, key: string | null): AsyncGenerator<Record<string, unknown>[]> {
  if (key === null) {
    yield (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    return;
  }
  let after: unknown;
  for (;;) {
    let page = db.selectFrom(table).selectAll().orderBy(key as never).limit(PAGE);
    if (after !== undefined) page = page.where(key as never, '>', after as never);
    const found = (await page.execute()) as Record<string, unknown>[];
    yield found;
    if (found.length < PAGE) return;
    after = found[found.length - 1][key];
  }
}

/**
 * Every table's row count and digest: equal for a faithful copy, whichever the engines (rows
 * compared as JSON with sorted keys, in an order that does not depend on the engine's collation).
 */
export async function fingerprint(db: Database): Promise<{ rows: Record<string, number>; digests: Record<string, string> }> {
  return db.read(async (trx) => {
    const rows: Record<string, number> = {};
    const digests: Record<string, string> = {};
    for (const { name, key } of TABLES) {
      const rowDigests: string[] = [];
      for await (const found of pages(trx, name, key)) for (const row of found) rowDigests.push(createHash('sha256').update(canonicalJson(row)).digest('hex'));
      rows[name] = rowDigests.length;
      digests[name] = createHash('sha256').update(rowDigests.sort().join('\n')).digest('hex');
    }
    return { rows, digests };
  });
}
