import type { AccountMeta } from '../../shared/ipc/accounts';

export type OtpType = 'totp' | 'hotp';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** The OTP parameters of one account (or one import candidate), secret included. Lives only in main. */
export interface OtpParams {
  readonly issuer: string;
  readonly label: string;
  readonly type: OtpType;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number;
  /** HOTP: the counter of the code currently shown. 0 for TOTP. */
  readonly counter: number;
  readonly secret: Uint8Array;
}

/** An account as the unlocked vault holds it. */
export interface Account extends OtpParams {
  readonly id: string;
  readonly group: string | null;
  readonly sortOrder: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Everything but the secret: the only shape that crosses IPC. */
export function toMeta(a: Account): AccountMeta {
  return {
    id: a.id,
    issuer: a.issuer,
    label: a.label,
    type: a.type,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.type === 'hotp' ? a.counter : null,
    group: a.group,
    sortOrder: a.sortOrder,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Same secret bytes, compared without an early exit (a timing side channel is cheap to avoid). */
export function sameSecret(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
