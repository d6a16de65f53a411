import { type Kysely, type Migration, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely';
import { AppError } from '../../shared/result';
import * as m001 from './migrations/001-orgs-users';
import * as m002 from './migrations/002-sign-in';
import * as m003 from './migrations/003-audit-mail';
import * as m004 from './migrations/004-user-search';
import * as m005 from './migrations/005-search-covering';
import * as m006 from './migrations/006-search-line-break';
import type { DB } from './schema';

/** Numbered migrations, one set for SQLite and PostgreSQL; names sort in order. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-orgs-users': m001,
  '002-sign-in': m002,
  '003-audit-mail': m003,
  '004-user-search': m004,
  '005-search-covering': m005,
  '006-search-line-break': m006,
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

export function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const why = result.error instanceof Error ? result.error.message : String(result.error);
    throw new AppError('migration_failed', `Migration ${failed} failed: ${why}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; answers the names it applied. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
}

/** Migrates up or down to exactly `name`, or to before the first migration when null (per-migration tests). */
export async function migrateTo(db: Kysely<DB>, name: string | null): Promise<string[]> {
  return unwrap(await migrator(db).migrateTo(name ?? NO_MIGRATIONS));
}

export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
