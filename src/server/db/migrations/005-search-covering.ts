import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../connect';

/**
 * The admin search first walks the visible users in name order and filters
 * each row's `search` text (see repositories/admin-users). With `search` in the
 * name-order indexes that walk reads the index alone (an index-only scan on
 * PostgreSQL, a covering index on SQLite) instead of fetching every row: at
 * 100,000 users, 5,000 rows cost about as much as 2,000 did. The two indexes
 * replace the ones of 001 on the same keys, so writes maintain no more indexes.
 */
const COVERING_INDEXES = {
  users_by_name_search: { replaces: 'users_by_name', keys: ['name', 'id'] },
  users_by_firm_search: { replaces: 'users_by_firm', keys: ['firm_id', 'name', 'id'] },
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, { replaces, keys }] of Object.entries(COVERING_INDEXES)) {
    // PostgreSQL keeps `search` out of the B-tree's keys (INCLUDE); SQLite has no INCLUDE, a last key does the same.
    if (isPostgres(db))
      await sql`create index ${sql.id(name)} on users (${sql.join(keys.map((k) => sql.id(k)))}) include (search)`.execute(
        db,
      );
    else
      await db.schema
        .createIndex(name)
        .on('users')
        .columns([...keys, 'search'])
        .execute();
    await db.schema.dropIndex(replaces).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name, { replaces, keys }] of Object.entries(COVERING_INDEXES)) {
    await db.schema
      .createIndex(replaces)
      .on('users')
      .columns([...keys])
      .execute();
    await db.schema.dropIndex(name).execute();
  }
}
