import type pg from 'pg';

/** A bound on the named statements each connection may hold; the hot path uses a dozen. */
const MAX_NAMED = 100;

/**
 * The comment that ends a query text to run as a named prepared statement on
 * PostgreSQL (repositories/precompiled.ts adds it: `precompiled`, `prepared`,
 * `PREPARED`). Kysely's driver sends every query unnamed, so the server parses
 * and plans it each time: for the sign-in's statements that was most of their
 * cost (0.8-0.9 ms each, against 0.2-0.3 ms prepared, in one sitting). Each
 * connection then parses the text once and runs it with one generic plan
 * (`plan_cache_mode`, set in ./connect).
 *
 * Mark only lookups and writes by key (the plan cannot depend on the values):
 * a search by pattern must be planned for its own values.
 */
export const PREPARED_MARK = '/* prepared */';

/** SQL text → statement name, for the marked texts met so far (at most MAX_NAMED). */
const names = new Map<string, string>();

type Query = (...args: unknown[]) => Promise<unknown>;

/**
 * Sends the marked texts of every client of the pool as named statements
 * (node-postgres parses a name once per connection). Kysely calls
 * `client.query(text, values)`; other calls pass through unchanged.
 *
 * A schema change under a running service (a migration during a rolling
 * deployment) can make PostgreSQL refuse a prepared statement whose result
 * columns changed ("cached plan must not change result type"); that text then
 * runs unnamed on that connection, and the query is retried once that way.
 */
export function namePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    const unnamed = new Set<string>();
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name = typeof text === 'string' && args.length === 2 ? nameOf(text) : undefined;
      if (name === undefined || unnamed.has(text as string)) return query(...args);
      return query({ name, text, values }).catch((error: unknown) => {
        if (!isStalePlan(error)) throw error;
        unnamed.add(text as string);
        return query(text, values);
      });
    };
  });
}

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || !text.endsWith(PREPARED_MARK) || names.size >= MAX_NAMED) return known;
  const name = `twofold_${names.size + 1}`;
  names.set(text, name);
  return name;
}

function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '0A000';
}
