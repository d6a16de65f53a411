import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, parseDatabaseUrl } from '../../../../src/server/db/connect';
import { MIGRATION_NAMES, migrateTo, migrateToLatest, pendingMigrations } from '../../../../src/server/db/migrate';
import { queryAdminUsers } from '../../../../src/server/repositories/admin-users';
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
  // SQLite's FTS5 table; PostgreSQL's is an index, checked in its own test below.
  '004-user-search': [],
  // Indexes only, checked in their own test below.
  '005-search-covering': [],
  // Data only, checked in its own test below.
  '006-search-line-break': [],
};

/** The indexes on users, by name, and whether each holds the search text. */
async function userIndexes(h: DbHandle, engine: string): Promise<Map<string, boolean>> {
  if (engine === 'postgres') {
    const { rows } = await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes where tablename = 'users'`.execute(h.db);
    return new Map(rows.map((r) => [r.name, /\bsearch\b/.test(r.def)]));
  }
  const { rows } = await sql<{ name: string; def: string | null }>`
    select name, sql as def from sqlite_master where type = 'index' and tbl_name = 'users'`.execute(h.db);
  return new Map(rows.map((r) => [r.name, /\bsearch\b/.test(r.def ?? '')]));
}

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

  /** The ids a bot_admin of `orgId` (a stand-in, not a row) finds for `q` through the admin search. */
  const searchAsBotAdmin = async (orgId: string, q: string) => {
    const admin = { id: 'nobody', role: 'bot_admin', orgId, orgKind: 'platform', partnerId: null } as const;
    return (await queryAdminUsers(h.db, engine, admin, { q, limit: 10 })).map((r) => r.id);
  };

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

  it('004-user-search indexes substrings and keeps the index in step with users', async () => {
    await migrateTo(h.db, '004-user-search');
    if (engine === 'postgres') {
      const index = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_indexes where indexname = 'users_search_trgm'`.execute(h.db);
      expect(index.rows[0]?.n).toBe(1);
    } else expect(await hasColumn(h, 'users_search', 'search')).toBe(true);
    const now = Date.now();
    await h.db
      .insertInto('orgs')
      .values({
        id: 'search-org',
        name: 'Search org',
        kind: 'platform',
        partner_id: null,
        firm_id: null,
        requires_2fa: 0,
        created_at: now,
      })
      .execute();
    await sql`insert into users (id, email, name, role, org_id, search, password_hash, created_at)
        values ('s1', 's1@x.test', 'Zoë 50%_off', 'bot_ops', 'search-org', 'zoë 50%_off s1@x.test', 'h', ${now})`.execute(
      h.db,
    );
    const probe = (q: string) => searchAsBotAdmin('search-org', q);
    expect(await probe('50%_')).toEqual(['s1']);
    expect(await probe('ZOË')).toEqual(['s1']);
    expect(await probe('%')).toEqual(['s1']);
    expect(await probe('5%')).toEqual([]);
    await sql`update users set name = 'Renamed', search = 'renamed s1@x.test' where id = 's1'`.execute(h.db);
    expect(await probe('50%_')).toEqual([]);
    expect(await probe('renamed')).toEqual(['s1']);
    await sql`delete from users where id = 's1'`.execute(h.db);
    expect(await probe('renamed')).toEqual([]);
    await sql`delete from orgs where id = 'search-org'`.execute(h.db);
  });

  it('005-search-covering puts the search text in the name-order indexes, and rolls back to the plain ones', async () => {
    await migrateTo(h.db, '005-search-covering');
    let indexes = await userIndexes(h, engine);
    expect(indexes.get('users_by_name_search')).toBe(true);
    expect(indexes.get('users_by_firm_search')).toBe(true);
    expect(indexes.has('users_by_name')).toBe(false);
    expect(indexes.has('users_by_firm')).toBe(false);
    await migrateTo(h.db, '004-user-search');
    indexes = await userIndexes(h, engine);
    expect(indexes.get('users_by_name')).toBe(false);
    expect(indexes.get('users_by_firm')).toBe(false);
    expect(indexes.has('users_by_name_search')).toBe(false);
    await migrateToLatest(h.db);
  });

  it('006-search-line-break joins name and email with a line break, and rolls back to the space', async () => {
    await migrateTo(h.db, '005-search-covering');
    const now = Date.now();
    await sql`insert into orgs (id, name, kind, requires_2fa, created_at) values ('join-org', 'J', 'platform', 0, ${now})`.execute(
      h.db,
    );
    const users: Array<[id: string, name: string, email: string, search: string]> = [
      ['j1', 'Ada Lovelace', 'ada@x.test', 'ada lovelace ada@x.test'],
      ['j2', 'Zoë  Two Spaces', 'zoe@x.test', 'zoë  two spaces zoe@x.test'],
      ['j3', 'Odd Row', 'odd@x.test', 'not the usual shape'],
    ];
    for (const [id, name, email, search] of users)
      await sql`insert into users (id, email, name, role, org_id, search, password_hash, created_at)
        values (${id}, ${email}, ${name}, 'bot_ops', 'join-org', ${search}, 'h', ${now})`.execute(h.db);
    const searches = async () =>
      (
        await sql<{ search: string }>`select search from users where org_id = 'join-org' order by id`.execute(h.db)
      ).rows.map((r) => r.search);
    await migrateTo(h.db, '006-search-line-break');
    expect(await searches()).toEqual([
      'ada lovelace\nada@x.test',
      'zoë  two spaces\nzoe@x.test',
      'not the usual shape',
    ]);
    const probe = (q: string) => searchAsBotAdmin('join-org', q);
    expect(await probe('lovelace ada')).toEqual([]);
    expect(await probe('lovelace')).toEqual(['j1']);
    await migrateTo(h.db, '005-search-covering');
    expect(await searches()).toEqual(users.map((u) => u[3]));
    await sql`delete from users where org_id = 'join-org'`.execute(h.db);
    await sql`delete from orgs where id = 'join-org'`.execute(h.db);
    await migrateToLatest(h.db);
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
