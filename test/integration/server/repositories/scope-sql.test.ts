import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAdminUsers } from '../../../../src/server/repositories/admin-users';
import { resettableRoles } from '../../../../src/server/repositories/scope';
import { findUserById, policySubject } from '../../../../src/server/repositories/users';
import { canSee, decideReset, type PolicySubject } from '../../../../src/shared/policy';
import { ROLES } from '../../../../src/shared/roles';
import { demoPasswordHash } from '../../../support/service';
import { ENGINES } from '../support/engines';
import { matrixKey, seedMatrix } from '../support/fixtures';
import { type Harness, startHarness } from '../support/harness';

/**
 * The admin list translates the policy into SQL (visibility as WHERE, canReset2fa
 * as CASE). For every actor of the matrix, the rows the query returns must be
 * exactly those canSee allows, and each row's CASE must equal decideReset.
 */
describe.each(ENGINES)('SQL scope and canReset2fa agree with the shared policy on %s', (engine) => {
  let h: Harness;
  let everyone: PolicySubject[];
  let ids: Map<string, string>;

  beforeAll(async () => {
    h = await startHarness(engine, 'scope');
    ids = await seedMatrix(h.ctx.db, await demoPasswordHash(), h.clock.t);
    const rows = await h.ctx.db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.role', 'u.org_id', 'u.firm_id', 'o.kind as org_kind'])
      .execute();
    everyone = rows.map(policySubject);
  });
  afterAll(() => h.close());

  const actors = ROLES.flatMap((role) => (['A', 'B'] as const).map((firm) => ({ role, firm })));

  it.each(actors)('$role of firm $firm', async ({ role, firm }) => {
    const row = await findUserById(h.ctx.db, ids.get(matrixKey(role, firm, 1)) as string);
    const actor = policySubject(row as NonNullable<typeof row>);
    const got = await queryAdminUsers(h.ctx.db, h.engine, actor, { limit: 1000 });

    const expectedVisible = everyone.filter((t) => canSee(actor, t)).map((t) => t.id);
    expect(got.map((r) => r.id).sort()).toEqual(expectedVisible.sort());
    for (const r of got) {
      expect({ id: r.id, can: Number(r.can_reset) === 1 }).toEqual({
        id: r.id,
        can: decideReset(actor, policySubject(r)).allowed,
      });
    }
    // The matrix reaches every branch: somebody visible is resettable exactly when the role resets anyone.
    expect(got.some((r) => Number(r.can_reset) === 1)).toBe(resettableRoles(actor).length > 0);
  });
});
