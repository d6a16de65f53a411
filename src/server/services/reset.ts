import { decideReset, resetBlockedReason } from '../../shared/policy';
import { type ApiError, fail } from '../http/errors';
import { resetNotice } from '../mail/messages';
import { writeAudit } from '../repositories/audit';
import { applyReset } from '../repositories/reset-apply';
import { findUserById, lockUserById, policySubject } from '../repositories/users';
import type { Ctx, RequestMeta } from './context';

/** An admin must have proved a TOTP code within this window to reset someone. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

export const RESET_ACTION = 'user.2fa.reset';

export interface ResetRequest {
  actorId: string;
  /** When the actor's session last proved a code; null if never. */
  actorTwoFactorAt: number | null;
  targetId: string;
  reason: string | null;
}

/**
 * The admin reset, in one transaction that decides on current rows:
 * the target row is locked, the rule (src/shared/policy) is asked again, and
 * either everything that lets the target skip or pass 2FA goes (secret, pending
 * enrolment, backup codes, remembered devices, sessions, challenges, throttle
 * counters, last step) together with the audit event and the queued notice, or
 * only a denial event is written. The notice is sent after commit.
 */
export async function resetTwoFactor(ctx: Ctx, req: ResetRequest, meta: RequestMeta): Promise<void> {
  const now = ctx.now();
  const denial = await ctx.db.transaction().execute(async (trx): Promise<ApiError | null> => {
    const target = await lockUserById(trx, req.targetId, ctx.engine);
    const actor = await findUserById(trx, req.actorId);
    if (!actor) return fail.unauthorized();
    const auditEvent = (outcome: string) => ({
      at: now,
      action: RESET_ACTION,
      outcome,
      actor_id: actor.id,
      target_id: target?.id ?? null,
      reason: req.reason,
      ip: meta.ip,
      request_id: meta.requestId,
    });
    const audit = (outcome: string) => writeAudit(trx, auditEvent(outcome));
    if (!target) {
      await audit('not_found');
      return fail.notFound();
    }
    const a = policySubject(actor);
    const t = policySubject(target);
    const decision = decideReset(a, t);
    if (!decision.allowed) {
      await audit(decision.reason);
      const message = resetBlockedReason(a, t) ?? 'You may not reset this user.';
      if (decision.reason === 'not_visible') return fail.notFound();
      return decision.reason === 'self_reset_not_allowed' ? fail.selfReset(message) : fail.forbidden(message);
    }
    if (req.actorTwoFactorAt === null || now - req.actorTwoFactorAt > STEP_UP_WINDOW_MS) {
      await audit('step_up_required');
      return fail.stepUpRequired();
    }
    if (target.totp_enrolled_at === null) {
      await audit('not_enrolled');
      return fail.notEnrolled();
    }
    await applyReset(trx, ctx.engine, {
      userId: target.id,
      now,
      audit: auditEvent('success'),
      mail: resetNotice({ to: target.email, name: target.name, actorName: actor.name, reason: req.reason, at: now }),
    });
    return null;
  });
  if (denial) throw denial;
  ctx.mail.kick();
}

/**
 * A reset refused before the rule is asked (the caller's role has no console at
 * all) is still an attempt on someone: it is written down, with the target
 * only when the id names a real user (audit rows point at users).
 */
export async function auditRefusedReset(
  ctx: Ctx,
  req: Omit<ResetRequest, 'actorTwoFactorAt'> & { outcome: string },
  meta: RequestMeta,
): Promise<void> {
  const target = await findUserById(ctx.db, req.targetId);
  await writeAudit(ctx.db, {
    at: ctx.now(),
    action: RESET_ACTION,
    outcome: req.outcome,
    actor_id: req.actorId,
    target_id: target?.id ?? null,
    reason: req.reason,
    ip: meta.ip,
    request_id: meta.requestId,
  });
}
