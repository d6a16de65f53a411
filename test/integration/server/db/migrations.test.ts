import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, parseDatabaseUrl } from '../../../../src/server/db/connect';
import { MIGRATION_NAMES, migrateTo, migrateToLatest, pendingMigrations } from '../../../../src/server/db/migrate';
import { ENGINES, type ScratchDatabase, scratchDatabase } from '../support/engines';

/** The tables (and a column that proves the shape) each numbered migration adds. */
const ADDS: Record<string, Array<[table: string, column: string]>> = {
  '001-orgs-users': [
    ['orgs', 'firm_id'],
    ['users', 'totp_last_step'],
  ],
  '002-sign-in': [
    ['sessions', 'two_factor_at'],
    ['challenges', 'expires_at'],
    ['devices', 'token_hash'],
    ['backup_codes', 'used_at'],
  ],
  '003-audit-mail': [
    ['audit_events', 'request_id'],
    ['mail_queue', 'claimed_at'],
  ],
};

async function hasColumn(h: DbHandle, table: string, column: string): Promise<boolean> {
  try {
    await sql`select ${sql.ref(column)} from ${sql.table(table)} where 1 = 0`.execute(h.db);
    return true;
  } catch {
    return false;
  }
}

describe.each(ENGINES)('migrations on %s', (engine) => {
  let scratch: ScratchDatabase;
  let h: DbHandle;
  beforeAll(async () => {
    scratch = await scratchDatabase(engine, 'migrations');
    h = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 2 });
  });
  afterAll(async () => {
    await h.close();
    await scratch.dispose();
  });

  it('covers every migration in this table', () => {
    expect(Object.keys(ADDS)).toEqual(MIGRATION_NAMES);
  });

  it.each(MIGRATION_NAMES)('%s applies, adds its tables, and rolls back cleanly', async (name) => {
    const index = MIGRATION_NAMES.indexOf(name);
    await migrateTo(h.db, name);
    for (const [table, column] of ADDS[name] ?? []) expect(await hasColumn(h, table, column)).toBe(true);
    // Roll back just this one: its tables go, the earlier ones stay.
    const previous = index === 0 ? null : (MIGRATION_NAMES[index - 1] ?? null);
    await migrateTo(h.db, previous);
    for (const [table, column] of ADDS[name] ?? []) expect(await hasColumn(h, table, column)).toBe(false);
    if (previous)
      for (const [table, column] of ADDS[previous] ?? []) expect(await hasColumn(h, table, column)).toBe(true);
    await migrateTo(h.db, name);
  });

  it('migrateToLatest is idempotent and leaves nothing pending', async () => {
    await migrateToLatest(h.db);
    expect(await migrateToLatest(h.db)).toEqual([]);
    expect(await pendingMigrations(h.db)).toEqual([]);
  });

  it('enforces the org model: a client has exactly one owning partner, roles are a closed set', async () => {
    const now = Date.now();
    await h.db
      .insertInto('orgs')
      .values({ id: 'p', name: 'P', kind: 'partner', partner_id: null, firm_id: 'p', requires_2fa: 0, created_at: now })
      .execute();
    await expect(
      h.db
        .insertInto('orgs')
        .values({
          id: 'c',
          name: 'C',
          kind: 'client',
          partner_id: null,
          firm_id: null,
          requires_2fa: 0,
          created_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      sql`insert into users (id, email, name, role, org_id, search, password_hash, created_at)
          values ('u', 'u@x.test', 'U', 'superuser', 'p', 'u', 'h', ${now})`.execute(h.db),
    ).rejects.toThrow();
  });
});
