import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import type { DirectSqlite } from './sqlite-direct';

/** Distinct query shapes the service issues are a few dozen; the bound keeps odd ones from piling up. */
const MAX_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every statement on every run, which costs
 * more than running it. Kysely sends the same SQL text for the same query
 * shape (values are bound), so prepared statements are reused by text. Safe
 * because better-sqlite3 runs each statement to completion synchronously. The
 * same cache serves the hot path's direct statements (./sqlite-direct).
 */
export function withStatementCache(db: Database.Database): SqliteDatabase & DirectSqlite {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const hit = cache.get(sql);
    if (hit) return hit;
    const statement = db.prepare(sql);
    if (cache.size >= MAX_STATEMENTS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(sql, statement);
    return statement;
  };
  // Kysely's SqliteStatement is the subset of better-sqlite3's Statement that its driver calls.
  return { database: db, close: () => db.close(), prepare: prepare as SqliteDatabase['prepare'] & typeof prepare };
}
