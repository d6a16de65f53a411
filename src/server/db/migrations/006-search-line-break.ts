import { type Kysely, sql } from 'kysely';

/**
 * The search text joins the name and the email with a line break instead of a space. With a space, a `q`
 * that ran across the join ("lovelace ada@" for Ada Lovelace, ada@…) matched, though it is in neither
 * field; the admin search answers `q` anywhere in the name or anywhere in the email, and `q` is one line
 * (userListQuerySchema), so now it cannot span them. The stored text ends with the email, which is kept
 * lower-case, so the join is found from the end: every other character stays as the service lower-cased
 * it (SQLite's lower() would fold ASCII only). A row of any other shape is left as it is.
 */
const rejoin = (from: string, to: string) => sql`
  update users set search = substr(search, 1, length(search) - length(email) - 1) || ${to} || email
  where substr(search, length(search) - length(email)) = ${from} || email`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await rejoin(' ', '\n').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rejoin('\n', ' ').execute(db);
}
