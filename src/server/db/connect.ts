import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../../shared/result';
import { namePreparedStatements } from './pg-statements';
import type { DB } from './schema';
import { registerDirectSqlite } from './sqlite-direct';
import { withStatementCache } from './sqlite-statements';

export type Engine = 'sqlite' | 'postgres';

/** Whether `db` (or a transaction or migration of it) talks to PostgreSQL. */
export const isPostgres = <T>(db: Kysely<T>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

const SQLITE_PREFIX = 'sqlite:';

/** `sqlite:<path>` (relative to the working directory, or `:memory:`) or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const value = raw.trim();
  if (value.startsWith(SQLITE_PREFIX)) {
    const path = value.slice(SQLITE_PREFIX.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0) throw badUrl(raw, 'the SQLite path is empty');
    return { engine: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      if (!url.hostname) throw badUrl(raw, 'the host is missing');
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw badUrl(raw, 'it is not a valid URL');
    }
    return { engine: 'postgres', url: value };
  }
  throw badUrl(raw, 'use sqlite:<path> or postgres://user@host:port/database');
}

function badUrl(raw: string, why: string): AppError {
  return new AppError('bad_database_url', `Unsupported database URL "${redact(raw)}": ${why}.`);
}

/** Hides a password in a URL before it reaches a message or a log. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export interface DbHandle {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Where it lives, password hidden, for messages. */
  readonly where: string;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** WAL pages between SQLite checkpoints. */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

export function openDatabase(
  target: DatabaseTarget,
  options: { poolSize?: number; namedStatements?: boolean } = {},
): DbHandle {
  if (target.engine === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const sqlite = new Database(target.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Each checkpoint fsyncs the database file; at SQLite's default (every 1,000 WAL pages) that fsync
    // was most of a sign-in's cost here. Every 4,000 pages (~16 MB of WAL) amortises it four times better.
    sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    const connection = withStatementCache(sqlite);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: connection }) });
    registerDirectSqlite(db, connection);
    return { db, engine: 'sqlite', where: `sqlite:${target.path}`, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.poolSize ?? 20,
    connectionTimeoutMillis: 5000,
    // The named statements (./pg-statements) are lookups and writes by key, so one generic plan serves every
    // run. Left to choose, PostgreSQL re-plans each run of a statement whose generic estimate exceeds its custom
    // plans', as it did for the sign-in's lookup of many challenges (`= any($1)`, estimated at 10 rows), where
    // planning took longer than running (0.5-0.9 ms against 0.13-0.16 ms in EXPLAIN ANALYZE on the bench's
    // data). Unnamed statements (the admin search) are still planned for their own values.
    options: '-c plan_cache_mode=force_generic_plan',
    // Epoch-millisecond columns are bigint; they fit a double, so read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  if (options.namedStatements !== false) namePreparedStatements(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', where: redact(target.url), close: () => db.destroy() };
}

/** One cheap round trip; throws an AppError whose message says where and why. */
export async function checkConnection(database: DbHandle): Promise<void> {
  try {
    await sql`select 1`.execute(database.db);
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
    throw new AppError('database_unreachable', `Cannot reach the database at ${database.where}: ${why}`);
  }
}
