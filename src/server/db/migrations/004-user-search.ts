import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../connect';

/**
 * The admin search matches any substring of name or email. A B-tree cannot
 * serve `LIKE '%…%'`, so a rare substring scanned all users (≈0.3 s at
 * 100,000). A trigram index answers it on both engines:
 * - PostgreSQL: pg_trgm's GIN index serves LIKE on users.search directly;
 * - SQLite: an FTS5 table with the trigram tokenizer over users.search, kept
 *   in step by triggers and queried with a phrase (substrings of 3+ characters).
 * One migration, one step of the numbered sequence, with the same effect on each engine.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index users_search_trgm on users using gin (search gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table users_search using fts5(search, content='users', content_rowid='rowid', tokenize='trigram')`.execute(
    db,
  );
  await sql`create trigger users_search_insert after insert on users begin
      insert into users_search (rowid, search) values (new.rowid, new.search); end`.execute(db);
  await sql`create trigger users_search_delete after delete on users begin
      insert into users_search (users_search, rowid, search) values ('delete', old.rowid, old.search); end`.execute(db);
  await sql`create trigger users_search_update after update of search on users begin
      insert into users_search (users_search, rowid, search) values ('delete', old.rowid, old.search);
      insert into users_search (rowid, search) values (new.rowid, new.search); end`.execute(db);
  await sql`insert into users_search (users_search) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists users_search_trgm`.execute(db);
    return;
  }
  for (const trigger of ['users_search_insert', 'users_search_delete', 'users_search_update']) {
    await sql`drop trigger if exists ${sql.ref(trigger)}`.execute(db);
  }
  await sql`drop table if exists users_search`.execute(db);
}
