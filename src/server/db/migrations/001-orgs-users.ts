import { type Kysely, sql } from 'kysely';

/** Organisations and users, with the indexes the scoped keyset pages of the admin search read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('platform', 'partner', 'client')`))
    .addColumn('partner_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('firm_id', 'text')
    .addColumn('requires_2fa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // A client has exactly one owning partner; nothing else has one.
    .addCheckConstraint('orgs_partner_of_client', sql`(kind = 'client') = (partner_id is not null)`)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .check(sql`role in ('bot_admin', 'bot_ops', 'partner_admin', 'partner_ops', 'client_admin', 'client_ops')`),
    )
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('firm_id', 'text')
    .addColumn('search', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enrolled_at', 'bigint')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('totp_pending', 'text')
    .addColumn('totp_pending_at', 'bigint')
    .addColumn('must_enrol_2fa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reset_at', 'bigint')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'bigint')
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('locked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('users_by_name').on('users').columns(['name', 'id']).execute();
  await db.schema.createIndex('users_by_firm').on('users').columns(['firm_id', 'name', 'id']).execute();
  await db.schema.createIndex('users_by_org').on('users').columns(['org_id', 'name', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('users').execute();
  await db.schema.dropTable('orgs').execute();
}
