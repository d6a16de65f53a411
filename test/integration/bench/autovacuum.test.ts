import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autovacuumMeter, autovacuumNote } from '../../../bench/server-support/autovacuum';
import { type DbHandle, openDatabase, parseDatabaseUrl } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { createTestDatabase, type TestDatabase } from '../../support/pg';

/** What the TOTP bench's note says of PostgreSQL's autovacuum, against a real cluster. */
describe('autovacuum during a bench phase', () => {
  let pg: TestDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    pg = await createTestDatabase('twofold_autovacuum');
    handle = openDatabase(parseDatabaseUrl(pg.url), { poolSize: 2 });
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await pg.drop();
  });

  it('names no table when no worker ran, and the stats it reads exist on PostgreSQL 15', async () => {
    const meter = await autovacuumMeter(handle.db, 'postgres');
    await sql`vacuum analyze users`.execute(handle.db); // by hand: not autovacuum's
    const tables = await meter.stop();
    expect(tables).toEqual([]);
    expect(autovacuumNote(tables)).toBe('; autovacuum during it: none');
  });

  it.each([
    [['challenges', 'sessions'], '; autovacuum during it: challenges, sessions'],
    [undefined, ''],
  ])('notes %j as %j', (tables, note) => {
    expect(autovacuumNote(tables)).toBe(note);
  });

  it('says nothing on SQLite, which has no such worker', async () => {
    const meter = await autovacuumMeter(handle.db, 'sqlite');
    expect(await meter.stop()).toBeUndefined();
  });
});
