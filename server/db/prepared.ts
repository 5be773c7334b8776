// Queries of every request (the data version, a token, a session), built and compiled by the
// query builder once per connection pool, then run with each request's values: building and
// compiling a query costs tens of microseconds, more than running it on SQLite.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** Values that stand for the parameters while the query is compiled; found back among its parameters. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * `build(db, …placeholders)` gives the query; the function returned runs it on `db` with real
 * values (compiled once per `db`). Every parameter must be used as a value of the query.
 */
export function prepared<DB, P extends unknown[], R>(build: (db: Kysely<DB>, ...params: P) => Compilable<R>): (db: Kysely<DB>, ...params: P) => Promise<R[]> {
  const compiled = new WeakMap<Kysely<DB>, { query: CompiledQuery<R>; slots: (number | undefined)[] }>();
  return async (db, ...params) => {
    let entry = compiled.get(db);
    if (!entry) {
      const placeholders = params.map((_, i) => new Placeholder(i)) as unknown as P;
      const query = build(db, ...placeholders).compile();
      const slots = query.parameters.map((value) => (value instanceof Placeholder ? value.index : undefined));
      if (new Set(slots.filter((s) => s !== undefined)).size !== params.length) throw new Error('prepared: every parameter must appear in the query');
      entry = { query, slots };
      compiled.set(db, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, i) => (slots[i] === undefined ? value : params[slots[i]!]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
