import { HOTP, Secret } from 'otpauth';
import type { OtpParams } from '../model';

export interface CurrentCode {
  readonly code: string;
  /** Seconds until this TOTP code expires; null for HOTP. */
  readonly secondsLeft: number | null;
  readonly period: number | null;
  /** The following TOTP code, given when fewer than 5 seconds remain so the user can wait for it. */
  readonly next?: string;
}

/** Below this many seconds left, the next code is handed out too. */
export const NEXT_CODE_SECONDS = 5;

/** RFC 4226 §5.3 HOTP for one counter value, through otpauth. */
export function hotpAt(p: Pick<OtpParams, 'secret' | 'algorithm' | 'digits'>, counter: number): string {
  return HOTP.generate({
    secret: new Secret({
      buffer: p.secret.buffer.slice(p.secret.byteOffset, p.secret.byteOffset + p.secret.byteLength),
    }),
    algorithm: p.algorithm,
    digits: p.digits,
    counter,
  });
}

/** RFC 6238 §4: T = floor((now - T0) / X) with T0 = 0. */
export function totpCounter(period: number, nowMs: number): number {
  return Math.floor(nowMs / 1000 / period);
}

export function currentCode(p: OtpParams, nowMs: number): CurrentCode {
  if (p.type === 'hotp') return { code: hotpAt(p, p.counter), secondsLeft: null, period: null };
  const counter = totpCounter(p.period, nowMs);
  const secondsLeft = p.period - ((nowMs / 1000) % p.period);
  const code = hotpAt(p, counter);
  const whole = Math.ceil(secondsLeft);
  if (secondsLeft < NEXT_CODE_SECONDS)
    return { code, secondsLeft: whole, period: p.period, next: hotpAt(p, counter + 1) };
  return { code, secondsLeft: whole, period: p.period };
}
