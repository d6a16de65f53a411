import type { Kysely } from 'kysely';
import { type PolicySubject, visibilityScope } from '../../shared/policy';
import type { OrgKind, Role } from '../../shared/roles';
import type { DB } from '../db/schema';
import { canResetSql, visibleTo } from './scope';

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  org_id: string;
  firm_id: string | null;
  org_name: string;
  org_kind: OrgKind;
  org_partner_id: string | null;
  totp_enrolled_at: number | null;
  last_reset_at: number | null;
  can_reset: number;
}

export interface AdminUserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  orgId?: string | undefined;
  id?: string | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/** LIKE pattern for "anywhere in the string"; the haystack is stored lower-cased. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * One query answers the page: visibility as WHERE, canReset2fa as a CASE, and
 * keyset pagination on (name, id), never OFFSET.
 */
export async function queryAdminUsers(
  db: Kysely<DB>,
  actor: PolicySubject,
  f: AdminUserFilter,
): Promise<AdminUserRow[]> {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.org_id',
      'u.firm_id',
      'o.name as org_name',
      'o.kind as org_kind',
      'o.partner_id as org_partner_id',
      'u.totp_enrolled_at',
      'u.last_reset_at',
      canResetSql(actor).as('can_reset'),
    ])
    .where(visibleTo(visibilityScope(actor)))
    .$if(f.id !== undefined, (q) => q.where('u.id', '=', f.id as string))
    .$if(f.role !== undefined, (q) => q.where('u.role', '=', f.role as Role))
    .$if(f.orgId !== undefined, (q) => q.where('u.org_id', '=', f.orgId as string))
    .$if(!!f.q, (q) => q.where((eb) => eb('u.search', 'like', containsPattern(f.q as string))))
    .$if(f.after !== undefined, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple('u.name', 'u.id'),
          '>',
          eb.tuple((f.after as { name: string }).name, (f.after as { id: string }).id),
        ),
      ),
    )
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(f.limit)
    .execute();
}
