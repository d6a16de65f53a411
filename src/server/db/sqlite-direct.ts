import type Database from 'better-sqlite3';
import type { Kysely, QueryResult } from 'kysely';
import type { DB } from './schema';

/**
 * The SQLite connection behind a Kysely handle, for the sign-in hot path.
 *
 * better-sqlite3 runs a statement synchronously in microseconds, but Kysely's
 * driver wraps each one in a connection mutex and a chain of promises, and a
 * transaction in a fresh Kysely instance. On a TOTP step that wrapping cost more
 * than the statements. Queries compiled once by Kysely (`precompiled`) run here
 * instead: the same SQL on the same connection, through the same statement cache.
 *
 * One rule keeps this safe: work runs directly only while no Kysely transaction
 * is open on the connection (a Kysely transaction holds it across awaits, and a
 * statement run in between would join that transaction). Otherwise the work
 * waits for the connection, as Kysely's own queries do. Synchronous work cannot
 * be interleaved with anything, so a direct transaction is all or nothing.
 */
export interface DirectSqlite {
  readonly database: Database.Database;
  /** A prepared statement for this text, from the connection's statement cache. */
  prepare(sql: string): Database.Statement;
}

const byHandle = new WeakMap<Kysely<DB>, DirectSqlite>();
/** better-sqlite3's transaction wrapper, made once per connection: it takes the work as its argument. */
const runners = new WeakMap<Database.Database, Database.Transaction<(work: () => unknown) => unknown>>();

export function registerDirectSqlite(db: Kysely<DB>, direct: DirectSqlite): void {
  byHandle.set(db, direct);
}

/** The connection behind a root SQLite handle; undefined on PostgreSQL and for a transaction's handle. */
export function directSqlite(db: Kysely<DB>): DirectSqlite | undefined {
  return byHandle.get(db);
}

/** Runs one statement as Kysely's SQLite driver would, with the same result shape. */
export function runDirect<R>(direct: DirectSqlite, sql: string, params: readonly unknown[]): QueryResult<R> {
  const statement = direct.prepare(sql);
  if (statement.reader) return { rows: statement.all(params) as R[] };
  const { changes, lastInsertRowid } = statement.run(params);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/**
 * Runs synchronous `work` on the connection: at once when no Kysely transaction
 * is open on it, else as soon as Kysely hands the connection over.
 */
export async function onConnection<T>(db: Kysely<DB>, direct: DirectSqlite, work: () => T): Promise<T> {
  if (!direct.database.inTransaction) return work();
  return db.connection().execute(async () => work());
}

/** Runs synchronous `work` in one transaction on the connection: committed if it returns, rolled back if it throws. */
export async function inDirectTransaction<T>(db: Kysely<DB>, direct: DirectSqlite, work: () => T): Promise<T> {
  const held = holds.get(db);
  if (held) await held;
  const run = runners.get(direct.database) ?? runnerFor(direct.database);
  // IMMEDIATE takes the write lock at BEGIN, so a write never fails half-way on another process's lock.
  return onConnection(db, direct, () => run.immediate(work) as T);
}

/** Direct transactions wait while their handle's writes are held. */
const holds = new WeakMap<Kysely<DB>, Promise<void>>();

/**
 * Holds the direct transactions of `db` until the returned function is called: they wait
 * in the event loop meanwhile, where a transaction meeting another process's write lock
 * would wait in SQLite's busy handler, the whole event loop blocked (wal-checkpointer.ts).
 */
export function holdDirectWrites(db: Kysely<DB>): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  holds.set(db, held);
  return () => {
    if (holds.get(db) === held) holds.delete(db);
    release();
  };
}

function runnerFor(database: Database.Database) {
  const run = database.transaction((work: () => unknown) => work());
  runners.set(database, run);
  return run;
}
