import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** RFC 6238 parameters every enrolment uses: 160-bit secret, SHA1, 6 digits, 30 s. */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const TOTP_SECRET_BYTES = 20;
export const TOTP_ISSUER = 'Twofold';

const CODE = /^\d{6}$/;

export function newTotpSecret(): Secret {
  return new Secret({ size: TOTP_SECRET_BYTES });
}

export function secretFromBytes(bytes: Uint8Array): Secret {
  return new Secret({ buffer: Uint8Array.from(bytes).buffer });
}

export function otpauthUri(secret: Secret, email: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: email,
    secret,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
  }).toString();
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_S);
}

export function codeForStep(secret: Secret, step: number): string {
  return HOTP.generate({ secret, algorithm: 'SHA1', digits: TOTP_DIGITS, counter: step });
}

/** Accepts a code typed with spaces ("123 456"); anything else that is not six digits is never a code. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return CODE.test(code) ? code : null;
}

/**
 * The step whose code matches, looking at the next, current and previous step
 * only (RFC 6238 §5.2 allows one step of drift each way, nothing wider), or null.
 * - The latest matching step wins: when two steps share a code (one pair in a
 *   million), accepting the earlier one would let the same code pass again as
 *   the later step, a replay.
 * - Each candidate is compared in constant time, and the search stops at the first
 *   match, newest first: a right code costs two HMACs (next, current) instead of three.
 *   Stopping early tells a guesser nothing that the answer does not: a wrong code
 *   always costs all three.
 */
export function matchStep(secret: Secret, input: string, nowMs: number): number | null {
  const code = normaliseCode(input);
  if (code === null) return null;
  const given = Buffer.from(code);
  const current = stepAt(nowMs);
  for (let step = current + 1; step >= current - 1; step--) {
    if (timingSafeEqual(Buffer.from(codeForStep(secret, step)), given)) return step;
  }
  return null;
}
