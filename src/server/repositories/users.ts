import type { Kysely } from 'kysely';
import type { PolicySubject } from '../../shared/policy';
import type { OrgKind, Role } from '../../shared/roles';
import type { DB, UserTable } from '../db/schema';
import { newId } from '../domain/tokens';
import { byKey, precompiled, prepared } from './precompiled';

/** The user row with what sign-in and the policy need from its organisation. */
export interface UserWithOrg extends UserTable {
  org_name: string;
  org_kind: OrgKind;
  org_partner_id: string | null;
  org_requires_2fa: number;
}

/** What the admin search reads: name and email, lower-cased, joined by a line break no one-line `q` can span. */
export function searchText(name: string, email: string): string {
  return `${name}\n${email}`.toLowerCase();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function withOrg(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select([
      'o.name as org_name',
      'o.kind as org_kind',
      'o.partner_id as org_partner_id',
      'o.requires_2fa as org_requires_2fa',
    ]);
}

const userByEmail = precompiled<[string]>((db, email: string) => withOrg(db).where('u.email', '=', byKey(email)), 1);

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserWithOrg | undefined> {
  return (await userByEmail<UserWithOrg>(db, normaliseEmail(email))).rows[0];
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<UserWithOrg | undefined> {
  return withOrg(db).where('u.id', '=', byKey(id)).$call(prepared).executeTakeFirst();
}

/** Reads the row under a write lock (PostgreSQL) so a transaction decides on current data. */
export async function lockUserById(
  db: Kysely<DB>,
  id: string,
  engine: 'sqlite' | 'postgres',
): Promise<UserWithOrg | undefined> {
  return withOrg(db)
    .where('u.id', '=', byKey(id))
    .$if(engine === 'postgres', (q) => q.forUpdate('u'))
    .$call(prepared)
    .executeTakeFirst();
}

export function policySubject(row: {
  id: string;
  role: Role;
  org_id: string;
  org_kind: OrgKind;
  firm_id: string | null;
}): PolicySubject {
  return { id: row.id, role: row.role, orgId: row.org_id, orgKind: row.org_kind, partnerId: row.firm_id };
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  orgId: string;
  firmId: string | null;
  passwordHash: string;
  now: number;
  id?: string;
}

export function userRow(u: NewUser): UserTable {
  const email = normaliseEmail(u.email);
  return {
    id: u.id ?? newId(),
    email,
    name: u.name,
    role: u.role,
    org_id: u.orgId,
    firm_id: u.firmId,
    search: searchText(u.name, email),
    password_hash: u.passwordHash,
    totp_secret: null,
    totp_enrolled_at: null,
    totp_last_step: null,
    totp_pending: null,
    totp_pending_at: null,
    must_enrol_2fa: 0,
    last_reset_at: null,
    failed_attempts: 0,
    last_failed_at: null,
    next_attempt_at: null,
    locked_at: null,
    created_at: u.now,
  };
}

/** Inserts unless the email exists; answers whether a row was added. */
export async function insertUser(db: Kysely<DB>, u: NewUser): Promise<boolean> {
  const result = await db
    .insertInto('users')
    .values(userRow(u))
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Bulk insert in chunks that stay under SQLite's and PostgreSQL's bound-parameter limits. */
export async function insertUsers(db: Kysely<DB>, users: readonly UserTable[]): Promise<void> {
  const perRow = 20;
  const chunk = Math.floor(30_000 / perRow);
  for (let i = 0; i < users.length; i += chunk) {
    await db
      .insertInto('users')
      .values(users.slice(i, i + chunk))
      .execute();
  }
}
