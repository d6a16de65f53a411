import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { decideReset, type PolicySubject, type VisibilityScope, visibilityScope } from '../../shared/policy';
import { ROLE_ORG_KIND, ROLES, type Role } from '../../shared/roles';
import type { DB } from '../db/schema';

type UsersAlias = DB & { u: DB['users'] };

/** The SQL form of `visibilityScope`: rows of users `u` the actor may see. */
export function visibleTo(scope: VisibilityScope) {
  return (eb: ExpressionBuilder<UsersAlias, 'u'>) => {
    switch (scope.kind) {
      case 'all':
        return sql<boolean>`1 = 1`;
      case 'partner':
        return eb('u.firm_id', '=', scope.partnerId);
      case 'org':
        return eb('u.org_id', '=', scope.orgId);
      case 'none':
        return sql<boolean>`1 = 0`;
    }
  };
}

/**
 * The roles the actor may reset among the users it can see, asked of the policy
 * itself with one stand-in target per role placed inside the actor's scope. The
 * SQL below then needs no copy of the rule; a test checks it against decideReset
 * over the whole role matrix.
 */
export function resettableRoles(actor: PolicySubject): Role[] {
  const scope = visibilityScope(actor);
  return ROLES.filter((role) => {
    const kind = ROLE_ORG_KIND[role];
    const partnerId = kind === 'platform' ? null : scope.kind === 'partner' ? scope.partnerId : 'some-firm';
    const orgId = scope.kind === 'org' ? scope.orgId : `stand-in-${kind}`;
    const standIn: PolicySubject = { id: `stand-in-${role}`, role, orgId, orgKind: kind, partnerId };
    return decideReset(actor, standIn).allowed;
  });
}

/** canReset2fa for each visible row, computed in the same query: not yourself, and a role you may reset. */
export function canResetSql(actor: PolicySubject): RawBuilder<number> {
  const roles = resettableRoles(actor);
  if (roles.length === 0) return sql<number>`0`;
  return sql<number>`case when u.id <> ${actor.id} and u.role in (${sql.join(roles)}) then 1 else 0 end`;
}
