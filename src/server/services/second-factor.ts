import { matchStep, secretFromBytes } from '../domain/totp';
import { fail } from '../http/errors';
import { findBackupCodeMatch } from '../repositories/backup-codes';
import { recordSuccess } from '../repositories/user-throttle';
import { acceptStep } from '../repositories/user-totp';
import type { Ctx } from './context';
import { currentThrottleError, failAttempt, throttled } from './throttle';

export interface EnrolledUser {
  id: string;
  totp_secret: string | null;
  totp_enrolled_at: number | null;
  totp_last_step: number | null;
}

/**
 * Checks a TOTP code for an enrolled user and answers the step it matched.
 * - only the previous, current and next step match;
 * - a step at or before the last accepted one is refused (RFC 6238 §5.2).
 * Failures are counted on the account. The step is not yet accepted: that is an
 * atomic UPDATE (acceptStep) the caller makes, alone or inside the end of sign-in.
 */
export async function checkTotp(
  ctx: Ctx,
  user: EnrolledUser,
  code: string,
): Promise<{ step: number; enrolledAt: number }> {
  if (user.totp_secret === null || user.totp_enrolled_at === null) throw fail.notEnrolled();
  const step = matchStep(secretFromBytes(ctx.box.open(user.id, user.totp_secret)), code, ctx.now());
  if (step === null) return failAttempt(ctx, user.id, fail.invalidCode());
  if (user.totp_last_step !== null && step <= user.totp_last_step) {
    return failAttempt(ctx, user.id, fail.codeAlreadyUsed());
  }
  return { step, enrolledAt: user.totp_enrolled_at };
}

/** Answers a refused acceptance: the throttle's 429/423, else the replay it was (counted as a failure). */
export async function explainRefusedStep(ctx: Ctx, userId: string): Promise<never> {
  const throttle = await currentThrottleError(ctx, userId);
  if (throttle) throw throttle;
  return failAttempt(ctx, userId, fail.codeAlreadyUsed());
}

/** Proves a TOTP code outside sign-in (step-up, new backup codes, disable): check and accept in one go. */
export async function proveTotp(ctx: Ctx, user: EnrolledUser, code: string): Promise<void> {
  const { step, enrolledAt } = await checkTotp(ctx, user, code);
  // Refused when the step is no longer newer (a parallel request took it) or the account may not try now.
  if (!(await acceptStep(ctx.db, user.id, enrolledAt, step, ctx.now()))) return explainRefusedStep(ctx, user.id);
}

/**
 * Finds the unused backup code the input matches and clears the failure count
 * (only if the account may try now); the sign-in marks it used atomically.
 */
export async function checkBackupCode(ctx: Ctx, userId: string, code: string): Promise<string> {
  const match = await findBackupCodeMatch(ctx.db, userId, code);
  if (!match) return failAttempt(ctx, userId, fail.invalidBackupCode());
  if (!(await recordSuccess(ctx.db, userId, ctx.now()))) return throttled(ctx, userId);
  return match;
}
