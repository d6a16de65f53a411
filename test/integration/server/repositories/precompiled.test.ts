import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiled } from '../../../../src/server/repositories/precompiled';
import type { Role } from '../../../../src/shared/roles';
import { ENGINES } from '../support/engines';
import { type Harness, startHarness } from '../support/harness';

/**
 * The hot path runs queries compiled once with stand-in values. Each run must
 * bind its own values (a stale value from the first run would accept a step
 * for the wrong user), constants stay as compiled, and a stand-in Kysely does
 * not bind as a parameter is refused rather than silently dropped.
 */
describe.each(ENGINES)('precompiled queries on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine, 'precompiled');
  });
  afterAll(() => h.close());

  const byOrgAndRole = precompiled<[string, Role]>(
    (db, orgId: string, role: Role) =>
      db
        .selectFrom('users')
        .select(['id', 'org_id', 'role'])
        .where('org_id', '=', orgId)
        .where('role', '=', role)
        .where('locked_at', 'is', null)
        .where('failed_attempts', '<', 1000)
        .orderBy('id'),
    2,
  );

  it('binds each run’s own values in the compiled statement', async () => {
    const expected = async (orgId: string, role: Role) =>
      h.ctx.db
        .selectFrom('users')
        .select(['id', 'org_id', 'role'])
        .where('org_id', '=', orgId)
        .where('role', '=', role)
        .orderBy('id')
        .execute();
    for (const [orgId, role] of [
      ['org-abacus', 'partner_admin'],
      ['org-birch', 'client_ops'],
      ['org-platform', 'bot_admin'],
      ['org-abacus', 'bot_admin'],
    ] as const) {
      const rows = (await byOrgAndRole<{ id: string; org_id: string; role: string }>(h.ctx.db, orgId, role)).rows;
      expect(rows).toEqual(await expected(orgId, role));
      expect(rows.every((r) => r.org_id === orgId && r.role === role)).toBe(true);
    }
    expect((await byOrgAndRole(h.ctx.db, 'org-abacus', 'partner_admin')).rows).toHaveLength(2);
  });

  it('refuses a query in which a stand-in is not a bound parameter', () => {
    const unbound = precompiled<[string]>((db, _ignored: string) => db.selectFrom('users').select('id'), 1);
    expect(() => unbound(h.ctx.db, 'x')).toThrow(/not bound as parameters/);
  });
});
