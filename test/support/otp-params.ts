import type { OtpParams } from '../../src/main/core/model';

/** A plain TOTP account's parameters (SHA1, 6 digits, 30 s), its secret 20 bytes of `fill`. */
export function totpParams(issuer: string, label: string, fill: number): OtpParams {
  return {
    issuer,
    label,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: new Uint8Array(20).fill(fill & 255),
  };
}
