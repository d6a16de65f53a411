import { describe, expect, it } from 'vitest';
import { resettableRoles } from '../../../../src/server/repositories/scope';
import { canSee, decideReset, type PolicySubject } from '../../../../src/shared/policy';
import { ROLE_ORG_KIND, ROLES, type Role } from '../../../../src/shared/roles';

/**
 * The list query computes canReset2fa as `u.id <> actor AND u.role IN (resettableRoles(actor))`
 * over rows already limited to the actor's visibility. Over the whole matrix that
 * expression must equal decideReset (the SQL itself is checked on both engines in
 * test/integration/server/repositories/scope-sql.test.ts).
 */
const FIRMS = ['A', 'B'] as const;
function subject(id: string, role: Role, firm: 'A' | 'B'): PolicySubject {
  const kind = ROLE_ORG_KIND[role];
  if (kind === 'platform') return { id, role, orgId: 'platform', orgKind: kind, partnerId: null };
  if (kind === 'partner') return { id, role, orgId: `firm-${firm}`, orgKind: kind, partnerId: `firm-${firm}` };
  return { id, role, orgId: `client-${firm}`, orgKind: kind, partnerId: `firm-${firm}` };
}

const everyone = ROLES.flatMap((role) =>
  FIRMS.flatMap((firm) => [1, 2].map((n) => subject(`${role}-${firm}-${n}`, role, firm))),
);

describe('the canReset2fa CASE agrees with decideReset', () => {
  it.each(everyone.filter((s) => s.id.endsWith('-1')))('for actor $id', (actor) => {
    const roles = resettableRoles(actor);
    for (const target of everyone.filter((t) => canSee(actor, t))) {
      const sql = target.id !== actor.id && roles.includes(target.role);
      expect({ target: target.id, allowed: sql }).toEqual({
        target: target.id,
        allowed: decideReset(actor, target).allowed,
      });
    }
  });

  it.each([
    ['bot_admin', ROLES],
    ['partner_admin', ['partner_admin', 'partner_ops', 'client_admin', 'client_ops']],
    ['bot_ops', []],
    ['partner_ops', []],
    ['client_admin', []],
    ['client_ops', []],
  ] as Array<[Role, readonly Role[]]>)('%s may reset %j', (role, want) => {
    expect(resettableRoles(subject('actor', role, 'A'))).toEqual([...want]);
  });
});
