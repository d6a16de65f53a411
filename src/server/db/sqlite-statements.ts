import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct query shapes the service issues are a few dozen; the bound keeps odd ones from piling up. */
const MAX_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every statement on every run, which costs
 * more than running it. Kysely sends the same SQL text for the same query
 * shape (values are bound), so prepared statements are reused by text. Safe
 * because better-sqlite3 runs each statement to completion synchronously.
 */
export function withStatementCache(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) return hit;
      const statement = db.prepare(sql) as unknown as SqliteStatement;
      if (cache.size >= MAX_STATEMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
