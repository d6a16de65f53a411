import { type Kysely, sql } from 'kysely';
import type { Engine } from '../../src/server/db/connect';
import type { DB } from '../../src/server/db/schema';

type Passes = Map<string, number>;

/** Autovacuum and autoanalyze passes so far, per table of the bench's database. */
async function passes(db: Kysely<DB>): Promise<Passes> {
  const { rows } = await sql<{ relname: string; n: number }>`
    select relname, autovacuum_count + autoanalyze_count as n from pg_stat_user_tables`.execute(db);
  return new Map(rows.map((r) => [r.relname, Number(r.n)]));
}

/** Tables an autovacuum worker is vacuuming right now in the bench's database. */
async function running(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ relname: string }>`
    select c.relname from pg_stat_progress_vacuum p join pg_class c on c.oid = p.relid
    where p.datname = current_database()`.execute(db);
  return rows.map((r) => r.relname);
}

/**
 * Which tables PostgreSQL's autovacuum worked on between now and `stop()`: a pass that lands inside a
 * fixed-rate phase shares the two cores with it. Undefined on SQLite, which has no such worker.
 */
export async function autovacuumMeter(
  db: Kysely<DB>,
  engine: Engine,
): Promise<{ stop(): Promise<string[] | undefined> }> {
  if (engine !== 'postgres') return { stop: async () => undefined };
  const before = await passes(db);
  return {
    async stop() {
      const after = await passes(db);
      const done = [...after].filter(([table, n]) => n > (before.get(table) ?? 0)).map(([table]) => table);
      return [...new Set([...done, ...(await running(db))])].sort();
    },
  };
}

/** "; autovacuum during it: challenges" for a row's note, or nothing on SQLite. */
export const autovacuumNote = (tables: string[] | undefined) =>
  tables === undefined ? '' : `; autovacuum during it: ${tables.length ? tables.join(', ') : 'none'}`;
