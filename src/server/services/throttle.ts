import { retryAfterSeconds } from '../domain/throttle';
import { type ApiError, fail } from '../http/errors';
import { recordFailure, type ThrottleState, throttleState } from '../repositories/user-throttle';
import type { Ctx } from './context';

/** The answer for an account that may not try now: locked, or wait. */
export function throttleError(state: ThrottleState | undefined, now: number): ApiError | null {
  if (!state) return null;
  if (state.locked_at !== null) return fail.accountLocked();
  if (state.next_attempt_at !== null && state.next_attempt_at > now) {
    return fail.tooManyAttempts(retryAfterSeconds(state.next_attempt_at, now));
  }
  if (state.failed_attempts >= 100) return fail.tooManyAttempts(1);
  return null;
}

/** Re-reads the row after a conditional write was refused and answers why. */
export async function currentThrottleError(ctx: Ctx, userId: string): Promise<ApiError | null> {
  const now = ctx.now();
  return throttleError(await throttleState(ctx.db, userId), now);
}

/**
 * Counts a failed attempt and throws: the failure's own error, or 429/423 when the
 * account was not allowed to try (the guess is then not evaluated as far as the
 * caller can tell: right and wrong guesses get the same answer).
 */
export async function failAttempt(ctx: Ctx, userId: string, error: ApiError): Promise<never> {
  const count = await recordFailure(ctx.db, userId, ctx.now());
  if (count === null) throw (await currentThrottleError(ctx, userId)) ?? fail.tooManyAttempts(1);
  if (count >= 100) throw fail.accountLocked();
  throw error;
}

/** A right answer arrived while the account may not try: say so without revealing it was right. */
export async function throttled(ctx: Ctx, userId: string): Promise<never> {
  throw (await currentThrottleError(ctx, userId)) ?? fail.tooManyAttempts(1);
}
