import { matchStep, secretFromBytes } from '../domain/totp';
import { fail } from '../http/errors';
import { findBackupCodeMatch, markBackupCodeUsed } from '../repositories/backup-codes';
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
 * Proves a TOTP code for an enrolled user, counting failures on the account.
 * - only the previous, current and next step match;
 * - the accepted step and older ones are refused (RFC 6238 §5.2), atomically in the
 *   database, so parallel requests (or instances) with one code cannot both pass.
 */
export async function proveTotp(ctx: Ctx, user: EnrolledUser, code: string): Promise<void> {
  const now = ctx.now();
  if (user.totp_secret === null || user.totp_enrolled_at === null) throw fail.notEnrolled();
  const secret = secretFromBytes(ctx.box.open(user.id, user.totp_secret));
  const step = matchStep(secret, code, now);
  if (step === null) return failAttempt(ctx, user.id, fail.invalidCode());
  if (user.totp_last_step !== null && step <= user.totp_last_step) {
    return failAttempt(ctx, user.id, fail.codeAlreadyUsed());
  }
  if (await acceptStep(ctx.db, user.id, user.totp_enrolled_at, step, now)) return;
  // Refused: the account may not try now, or a parallel request took this step first.
  const throttle = await currentThrottleError(ctx, user.id);
  if (throttle) throw throttle;
  return failAttempt(ctx, user.id, fail.codeAlreadyUsed());
}

/** Uses one backup code; exactly one of several parallel submissions of a code succeeds. */
export async function proveBackupCode(ctx: Ctx, userId: string, code: string): Promise<void> {
  const now = ctx.now();
  const match = await findBackupCodeMatch(ctx.db, userId, code);
  if (!match) return failAttempt(ctx, userId, fail.invalidBackupCode());
  if (!(await recordSuccess(ctx.db, userId, now))) return throttled(ctx, userId);
  if (!(await markBackupCodeUsed(ctx.db, match, now))) return failAttempt(ctx, userId, fail.invalidBackupCode());
}
