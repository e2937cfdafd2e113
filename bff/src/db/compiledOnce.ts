import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** Marks the stand-in for a value: no real value a query compares or inserts starts with it. */
const STAND_IN = '\u0000compiled-once:';

/**
 * A query that Kysely builds and compiles once per database, then runs with each call's
 * values. Building the operation tree and compiling it to SQL is what Kysely costs per
 * call, and it was 7–9% of a citizen read's CPU at 50 connections (issue 12) for reads
 * whose shape never changes: the citizen's own record, a draft, the dashboard's counts.
 *
 * `build` is called once, with a stand-in for each value it reads; every stand-in must reach
 * the SQL as a parameter (a value compared, inserted or a limit), never as an identifier,
 * a list for `in` or a value the builder branches on. `compiledOnce` checks that each
 * stand-in became a parameter and throws at the first call otherwise, so a
 * query that does not fit fails its first test rather than running with the wrong values.
 * The SQL differs by dialect, so it is kept per database (a transaction is compiled anew).
 */
export function compiledOnce<DB, Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<DB>, values: Values) => Compilable<Row>,
): (db: Kysely<DB>, values: Values) => Promise<Row[]> {
  type Slot = { name: string } | { fixed: unknown };
  const compiledFor = new WeakMap<Kysely<DB>, { query: CompiledQuery<Row>; slots: Slot[] }>();
  const compile = (db: Kysely<DB>) => {
    // Whatever value `build` reads is a stand-in named after it.
    const names = new Set<string>();
    const standIns = new Proxy({} as Values, {
      get: (_, name) => {
        names.add(String(name));
        return `${STAND_IN}${String(name)}`;
      },
    });
    const query = build(db, standIns).compile();
    const slots = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(STAND_IN)
        ? { name: value.slice(STAND_IN.length) }
        : { fixed: value },
    );
    for (const name of names) {
      if (!slots.some((slot) => 'name' in slot && slot.name === name))
        throw new Error(`compiledOnce: the value ${name} is not a parameter of ${query.sql}`);
    }
    const compiled = { query, slots };
    compiledFor.set(db, compiled);
    return compiled;
  };
  return async (db, values) => {
    const { query, slots } = compiledFor.get(db) ?? compile(db);
    const parameters = slots.map((slot) => ('name' in slot ? values[slot.name] : slot.fixed));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
