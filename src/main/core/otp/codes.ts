import type { OtpParams } from '../model';
import { type KeyedHmac, keyedHmac } from './hmac';

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

interface Keyed {
  readonly algorithm: string;
  readonly mac: KeyedHmac;
  /**
   * The last two codes made (counter and digits → code), kept in fields so that a remembered code
   * costs no allocation: the window asks every second, a code changes every period, and the next
   * code handed out in the last seconds is the current one after the turn.
   */
  recentCounter: number;
  recentDigits: number;
  recentCode: string;
  olderCounter: number;
  olderDigits: number;
  olderCode: string;
}

/**
 * Per-secret HMAC states, so a thousand codes a second cost two hash
 * compressions each. They are key material: the vault calls forgetCodeKeys()
 * whenever it locks.
 */
const keyed = new Map<Uint8Array, Keyed>();

const NONE = -1;

function forgetCodes(k: Keyed): void {
  k.recentCounter = NONE;
  k.olderCounter = NONE;
  k.recentCode = '';
  k.olderCode = '';
}

export function forgetCodeKeys(): void {
  for (const k of keyed.values()) {
    k.mac.forget();
    forgetCodes(k);
  }
  keyed.clear();
}

function keyFor(p: Pick<OtpParams, 'secret' | 'algorithm'>): Keyed {
  const hit = keyed.get(p.secret);
  if (hit && hit.algorithm === p.algorithm) return hit;
  hit?.mac.forget();
  const entry: Keyed = {
    algorithm: p.algorithm,
    mac: keyedHmac(p.algorithm, p.secret),
    recentCounter: NONE,
    recentDigits: 0,
    recentCode: '',
    olderCounter: NONE,
    olderDigits: 0,
    olderCode: '',
  };
  keyed.set(p.secret, entry);
  return entry;
}

/** The HMAC message: the counter as 8 big-endian bytes, overwritten whole by each code. */
const message = new Uint8Array(8);
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * RFC 4226 §5.3 HOTP for one counter value (at most 2^53 − 1), with the HMAC of ./hmac. This is
 * otpauth's HOTP.generate written out: that function allocates an ArrayBuffer and an options
 * object per call, which cost more than the HMAC itself (see docs/authenticator.md). A unit test
 * holds the two equal for every algorithm, digit count and counter range.
 */
export function hotpAt(p: Pick<OtpParams, 'secret' | 'algorithm' | 'digits'>, counter: number): string {
  const k = keyFor(p);
  if (k.recentCounter === counter && k.recentDigits === p.digits) return k.recentCode;
  if (k.olderCounter === counter && k.olderDigits === p.digits) return k.olderCode;
  let rest = counter;
  for (let i = 7; i >= 0; i--) {
    message[i] = rest & 255; // ToInt32 keeps the low byte exact for any safe integer
    rest = Math.floor(rest / 256);
  }
  const digest = k.mac(message);
  const offset = (digest[digest.length - 1] as number) & 15;
  const binary =
    (((digest[offset] as number) & 127) << 24) |
    ((digest[offset + 1] as number) << 16) |
    ((digest[offset + 2] as number) << 8) |
    (digest[offset + 3] as number);
  const code = (binary % (POWERS_OF_TEN[p.digits] as number)).toString().padStart(p.digits, '0');
  k.olderCounter = k.recentCounter;
  k.olderDigits = k.recentDigits;
  k.olderCode = k.recentCode;
  k.recentCounter = counter;
  k.recentDigits = p.digits;
  k.recentCode = code;
  return code;
}

/** RFC 6238 §4: T = floor((now - T0) / X) with T0 = 0. */
export function totpCounter(period: number, nowMs: number): number {
  return Math.floor(nowMs / 1000 / period);
}

export function currentCode(p: OtpParams, nowMs: number): CurrentCode {
  if (p.type === 'hotp') return { code: hotpAt(p, p.counter), secondsLeft: null, period: null };
  const counter = totpCounter(p.period, nowMs);
  const secondsLeft = p.period - (nowMs / 1000 - counter * p.period);
  const code = hotpAt(p, counter);
  const whole = Math.ceil(secondsLeft);
  if (secondsLeft < NEXT_CODE_SECONDS)
    return { code, secondsLeft: whole, period: p.period, next: hotpAt(p, counter + 1) };
  return { code, secondsLeft: whole, period: p.period };
}
