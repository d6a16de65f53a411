import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_ACTION } from '../../../src/server/services/reset';
import { adminUserSchema, apiErrorBody } from '../../../src/shared/api';
import { ROLE_ORG_KIND, ROLES, type Role } from '../../../src/shared/roles';
import { demoPasswordHash } from '../../support/service';
import { ENGINES } from './support/engines';
import { enrolDirect, giveCredentials, matrixKey, seedMatrix, sessionFor, snapshot } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

type Where = 'same' | 'other' | 'self';
type Outcome = { status: 200 } | { status: 403 | 404; code: string };

/**
 * The answer the issue prescribes, written out from its text rather than from
 * the policy code: client_ops has no console (403); the own account is 403
 * self_reset_not_allowed; an invisible target is 404 like an unknown id; a
 * visible one is 200 when the role may reset it, else 403 forbidden.
 */
function expected(actor: Role, target: Role, where: Where): Outcome & { visible: boolean } {
  if (actor === 'client_ops') return { status: 403, code: 'forbidden', visible: false };
  if (where === 'self') return { status: 403, code: 'self_reset_not_allowed', visible: true };
  const targetKind = ROLE_ORG_KIND[target];
  let visible: boolean;
  if (actor === 'bot_admin' || actor === 'bot_ops') visible = true;
  else if (actor === 'partner_admin' || actor === 'partner_ops')
    visible = targetKind !== 'platform' && where === 'same';
  else visible = targetKind === 'client' && where === 'same';
  if (!visible) return { status: 404, code: 'not_found', visible };
  const allowed = actor === 'bot_admin' || (actor === 'partner_admin' && targetKind !== 'platform');
  return allowed ? { status: 200, visible } : { status: 403, code: 'forbidden', visible };
}

const CASES = ROLES.flatMap((actor) =>
  ROLES.flatMap((target) =>
    (['same', 'other', 'self'] as const)
      .filter((where) => where !== 'self' || actor === target)
      .map((where) => ({ actor, target, where })),
  ),
);

describe.each(ENGINES)('role matrix over HTTP on %s', (engine) => {
  let h: Harness;
  let ids: Map<string, string>;
  const tokens = new Map<Role, string>();
  const id = (key: string) => ids.get(key) as string;

  beforeAll(async () => {
    h = await startHarness(engine, 'matrix');
    ids = await seedMatrix(h.ctx.db, await demoPasswordHash(), h.clock.t);
    for (const role of ROLES) tokens.set(role, await sessionFor(h.ctx, id(matrixKey(role, 'A', 1))));
  });
  afterAll(() => h.close());

  it('has every role × every role × same firm / other firm, plus self', () => {
    expect(CASES).toHaveLength(6 * 6 * 2 + 6);
  });

  it.each(CASES)('$actor resets $target ($where)', async ({ actor, target, where }) => {
    const token = tokens.get(actor) as string;
    const actorId = id(matrixKey(actor, 'A', 1));
    const targetId = where === 'self' ? actorId : id(matrixKey(target, where === 'same' ? 'A' : 'B', 2));
    const want = expected(actor, target, where);

    await enrolDirect(h.ctx, targetId);
    await giveCredentials(h.ctx, targetId);
    const before = await snapshot(h.ctx.db, targetId);
    const auditBefore = await auditCount(h, actorId, targetId);

    // The profile answers as the list does: 404 outside visibility, canReset2fa as the rule says.
    const profile = await h.get(`/api/admin/users/${targetId}`, token);
    if (actor === 'client_ops') expect(profile.status).toBe(403);
    else if (!want.visible) expect(profile.body).toEqual(notFoundBody(profile.body));
    else {
      expect(profile.status).toBe(200);
      const user = adminUserSchema.parse(profile.body);
      expect(user.canReset2fa).toBe(want.status === 200);
      expect(user.resetBlockedReason ?? null).toSatisfy((r: string | null) => (want.status === 200 ? r === null : !!r));
    }

    const res = await h.post(`/api/admin/users/${targetId}/2fa/reset`, { reason: `matrix ${actor}` }, token);
    expect(res.status).toBe(want.status);
    const after = await snapshot(h.ctx.db, targetId);

    if (want.status === 200) {
      const user = adminUserSchema.parse(res.body);
      expect(user.twoFactor).toMatchObject({ enabled: false, enrolledAt: null });
      expect(after.user).toMatchObject({
        totp_secret: null,
        totp_enrolled_at: null,
        totp_last_step: null,
        must_enrol_2fa: 1,
      });
      expect(after.user.last_reset_at).toBe(h.clock.t);
      expect(after).toMatchObject({ sessions: 0, devices: 0, challenges: 0, backupCodes: 0, mail: before.mail + 1 });
    } else {
      expect(apiErrorBody.parse(res.body).error.code).toBe(want.code);
      expect(after).toEqual(before);
    }
    // Every reset attempt is audited, allowed or not, including client_ops stopped at the console door.
    expect(await auditCount(h, actorId, targetId)).toBe(auditBefore + 1);
    expect(await lastOutcome(h, actorId, targetId)).toBe(
      actor === 'client_ops' ? 'no_console_access' : AUDIT_OUTCOME[want.status === 200 ? 'ok' : want.code],
    );
  });
});

/** The audit outcome each answer is recorded with. */
const AUDIT_OUTCOME: Record<string, string> = {
  ok: 'success',
  not_found: 'not_visible',
  forbidden: 'forbidden',
  self_reset_not_allowed: 'self_reset_not_allowed',
};

async function lastOutcome(h: Harness, actorId: string, targetId: string): Promise<string | undefined> {
  const row = await h.ctx.db
    .selectFrom('audit_events')
    .select('outcome')
    .where('action', '=', RESET_ACTION)
    .where('actor_id', '=', actorId)
    .where('target_id', '=', targetId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.outcome;
}

function notFoundBody(body: unknown) {
  expect(apiErrorBody.parse(body).error.code).toBe('not_found');
  return body;
}

async function auditCount(h: Harness, actorId: string, targetId: string, outcome?: string): Promise<number> {
  let q = h.ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('action', '=', RESET_ACTION)
    .where('actor_id', '=', actorId)
    .where('target_id', '=', targetId);
  if (outcome) q = q.where('outcome', '=', outcome);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
