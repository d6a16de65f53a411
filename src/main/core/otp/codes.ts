import { HOTP, Secret } from 'otpauth';
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
  readonly secret: Secret;
  readonly mac: KeyedHmac;
  /** otpauth's `hmac` option, made once per key rather than per code. */
  readonly hmac: (algorithm: string, key: Uint8Array, message: Uint8Array) => Uint8Array;
  /**
   * The last two codes made (counter and digits → code), kept in fields so that a code costs no
   * allocation beyond otpauth's own: the window asks every second, a code changes every period, and
   * the next code handed out in the last seconds is the current one after the turn.
   */
  recentCounter: number;
  recentDigits: number;
  recentCode: string;
  olderCounter: number;
  olderDigits: number;
  olderCode: string;
}

/**
 * Per-secret HMAC states and otpauth Secret objects, so a thousand codes a
 * second cost two hash compressions each. They are key material: the vault
 * calls forgetCodeKeys() whenever it locks.
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
    k.secret.bytes.fill(0);
    forgetCodes(k);
  }
  keyed.clear();
}

function keyFor(p: Pick<OtpParams, 'secret' | 'algorithm'>): Keyed {
  const hit = keyed.get(p.secret);
  if (hit && hit.algorithm === p.algorithm) return hit;
  hit?.mac.forget();
  hit?.secret.bytes.fill(0);
  const mac = keyedHmac(p.algorithm, p.secret);
  const entry: Keyed = {
    algorithm: p.algorithm,
    secret: new Secret({ buffer: p.secret.slice().buffer }),
    mac,
    hmac: (_algorithm, _key, message) => mac(message),
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

/** RFC 4226 §5.3 HOTP for one counter value: otpauth's truncation, with the HMAC of ./hmac. */
export function hotpAt(p: Pick<OtpParams, 'secret' | 'algorithm' | 'digits'>, counter: number): string {
  const k = keyFor(p);
  if (k.recentCounter === counter && k.recentDigits === p.digits) return k.recentCode;
  if (k.olderCounter === counter && k.olderDigits === p.digits) return k.olderCode;
  const code = HOTP.generate({
    secret: k.secret,
    algorithm: p.algorithm,
    digits: p.digits,
    counter,
    hmac: k.hmac,
  });
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
