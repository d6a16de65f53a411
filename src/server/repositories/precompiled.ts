import { type Compilable, CompiledQuery, type Expression, type Kysely, type QueryResult, sql } from 'kysely';
import { PREPARED_MARK } from '../db/pg-statements';
import type { DB } from '../db/schema';
import { type DirectSqlite, directSqlite, onConnection, runDirect } from '../db/sqlite-direct';

const SENTINEL = '\u0000twofold-param:';

/**
 * A query of the sign-in hot path, built and compiled by Kysely once per
 * dialect instead of on every request (building and compiling cost about as
 * much as running the statement on SQLite). `build` receives stand-in values;
 * each run binds its own values in their places. Only values may vary between
 * runs, never the query's shape, so the SQL text is what Kysely would send,
 * with the mark that runs it as a named prepared statement on PostgreSQL. On
 * SQLite it runs on the connection directly, past Kysely's executor.
 */
export function precompiled<Args extends readonly unknown[]>(
  build: (db: Kysely<DB>, ...args: { [K in keyof Args]: never }) => Compilable,
  arity: Args['length'],
) {
  const byAdapter = new Map<unknown, { sql: string; slots: Array<number | { constant: unknown }> }>();
  const compile = (db: Kysely<DB>) => {
    const adapter = db.getExecutor().adapter.constructor;
    const hit = byAdapter.get(adapter);
    if (hit) return hit;
    const stand = Array.from({ length: arity }, (_, i) => `${SENTINEL}${i}`) as never[];
    const compiled = build(db, ...(stand as unknown as { [K in keyof Args]: never })).compile();
    const slots = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : { constant: p },
    );
    const used = new Set(slots.filter((s) => typeof s === 'number'));
    // A stand-in that Kysely did not bind as a parameter (e.g. one turned into SQL text) would be silently lost.
    if (used.size !== arity) throw new Error(`precompiled: ${arity - used.size} argument(s) not bound as parameters`);
    const entry = { sql: `${compiled.sql} ${PREPARED_MARK}`, slots };
    byAdapter.set(adapter, entry);
    return entry;
  };
  const bound = (db: Kysely<DB>, args: Args) => {
    const { sql, slots } = compile(db);
    return { sql, params: slots.map((s) => (typeof s === 'number' ? args[s] : s.constant)) };
  };
  return Object.assign(
    <R>(db: Kysely<DB>, ...args: Args): Promise<QueryResult<R>> => {
      const { sql, params } = bound(db, args);
      // On SQLite, straight to the connection (./sqlite-direct); elsewhere, and inside a transaction, through Kysely.
      const direct = directSqlite(db);
      if (direct) return onConnection(db, direct, () => runDirect<R>(direct, sql, params));
      return db.executeQuery<R>(CompiledQuery.raw(sql, params));
    },
    {
      /** Runs it at once on the SQLite connection: for the synchronous work of `inDirectTransaction`. */
      now<R>(db: Kysely<DB>, direct: DirectSqlite, ...args: Args): QueryResult<R> {
        const { sql, params } = bound(db, args);
        return runDirect<R>(direct, sql, params);
      },
    },
  );
}

/** Whether a write changed any row: how a conditional UPDATE or DELETE says it won. */
export function changedRows(result: QueryResult<unknown>): boolean {
  return Number(result.numAffectedRows ?? 0) > 0;
}

/**
 * The key of a lookup that joins other tables: `.where('s.token_hash', '=', byKey(hash))`.
 *
 * SQLite built with STAT4, as better-sqlite3 is, re-plans a statement at each new binding of a
 * parameter compared with an indexed column once ANALYZE (or PRAGMA optimize) has sampled that column
 * ("the specific value bound to a host parameter might influence the choice of query plan",
 * sqlite.org/c3ref/prepare.html). A lookup by a unique key has one plan whatever the value, and the
 * re-planning made the sign-in's challenge lookup cost two to four times its run (docs/service.md). The CAST
 * hides the value from the estimate; PostgreSQL reads it as the parameter's type. A lookup of one
 * table by its unique key skips SQLite's planner and needs none.
 */
export const byKey = (value: string) => sql<string>`cast(${value} as text)`;

/** Ends a `sql` template that is a lookup or write by key: see `prepared`. */
export const PREPARED = sql.raw(PREPARED_MARK);

/**
 * Marks a query built per call, `.$call(prepared)`, to run as a named prepared
 * statement on PostgreSQL (parsed once per connection, then a generic plan).
 * Only for lookups and writes by key, whose plan cannot depend on the values;
 * never for a search by pattern. On SQLite the mark is a comment.
 */
export function prepared<Q extends { modifyEnd(modifier: Expression<unknown>): Q }>(query: Q): Q {
  return query.modifyEnd(PREPARED);
}
