import type { Compilable, Kysely } from 'kysely';

/** Stands in for argument `index` while the query is built, once; each call puts its value in. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * A query built and compiled to SQL once, then run with each call's arguments: for the reads on
 * the poll path. Kysely otherwise rebuilds the query tree and its SQL on every call, which costs
 * about as much CPU as the SQLite read itself (measured: ~5 µs of ~14). `build` must put each of
 * its arguments into the query as a bound value, untouched (no `toJson(arg)`, no `in` lists, no
 * `sql.lit`); that is checked here, once, when the query is created.
 */
export function precompile<DB, A extends unknown[], O>(
  db: Kysely<DB>,
  build: (...args: A) => Compilable<O>,
): (...args: A) => Promise<O[]> {
  const slots = Array.from({ length: build.length }, (_, index) => new Slot(index));
  const compiled = build(...(slots as A)).compile();
  const bound = new Set(compiled.parameters.flatMap((p) => (p instanceof Slot ? [p.index] : [])));
  if (bound.size !== slots.length) {
    throw new Error(`precompile: every argument must be a bound value in: ${compiled.sql}`);
  }
  return async (...args) => {
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    const { rows } = await db.executeQuery<O>({ ...compiled, parameters });
    return rows;
  };
}
