/**
 * Per-account throttling (failures are counted on the account, wherever they come from):
 * - the first FREE_FAILURES failures cost nothing;
 * - from then on each attempt must wait 2^(n - FREE_FAILURES) seconds after the n-th, up to MAX_DELAY_S;
 * - LOCK_AFTER consecutive failures lock the account until an admin reset (NIST SP 800-63B §5.2.2);
 * - a complete sign-in resets the count.
 */
export const FREE_FAILURES = 5;
export const LOCK_AFTER = 100;
export const MAX_DELAY_S = 15 * 60;

/** Milliseconds an account must wait after its n-th consecutive failure. */
export function backoffMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const exponent = failures - FREE_FAILURES;
  return exponent >= 10 ? MAX_DELAY_S * 1000 : Math.min(2 ** exponent, MAX_DELAY_S) * 1000;
}

/** The distinct non-zero delays, for the SQL CASE that sets the next allowed attempt atomically. */
export function backoffTable(): Array<{ failures: number; delayMs: number }> {
  const rows: Array<{ failures: number; delayMs: number }> = [];
  for (let n = FREE_FAILURES; backoffMs(n) < MAX_DELAY_S * 1000; n++) rows.push({ failures: n, delayMs: backoffMs(n) });
  return rows;
}

export function retryAfterSeconds(nextAttemptAt: number, now: number): number {
  return Math.max(1, Math.ceil((nextAttemptAt - now) / 1000));
}
