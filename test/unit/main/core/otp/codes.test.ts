import fc from 'fast-check';
import { HOTP, Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { OtpAlgorithm, OtpParams } from '../../../../../src/main/core/model';
import { currentCode, forgetCodeKeys, hotpAt } from '../../../../../src/main/core/otp/codes';

const ascii = (s: string) => new TextEncoder().encode(s);
const SEEDS: Record<OtpAlgorithm, Uint8Array> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

// RFC 4226 Appendix D: HOTP values for counters 0–9 with the SHA1 seed.
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

// RFC 6238 Appendix B: 8-digit TOTP, 30 s step, for each algorithm.
const RFC6238: [number, Record<OtpAlgorithm, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];

const totp = (algorithm: OtpAlgorithm, digits = 8, period = 30): OtpParams => ({
  issuer: 'RFC',
  label: 'test',
  type: 'totp',
  algorithm,
  digits,
  period,
  counter: 0,
  secret: SEEDS[algorithm],
});

describe('RFC 4226 HOTP vectors', () => {
  it.each(RFC4226.map((code, counter) => [counter, code] as const))('counter %i gives %s', (counter, code) => {
    expect(hotpAt({ secret: SEEDS.SHA1, algorithm: 'SHA1', digits: 6 }, counter)).toBe(code);
  });
});

describe('agreement with otpauth', () => {
  // hotpAt writes out otpauth's HOTP.generate for speed; otpauth (with node:crypto's HMAC) is the reference.
  const reference = (secret: Uint8Array, algorithm: OtpAlgorithm, digits: number, counter: number) =>
    HOTP.generate({ secret: new Secret({ buffer: secret.slice().buffer }), algorithm, digits, counter });

  it("gives otpauth's code for any key, algorithm, digit count and counter", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }), // past one block too: long keys are hashed first
        fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 8 }),
        fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 255, 256, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1)),
        (secret, algorithm, digits, counter) => {
          expect(hotpAt({ secret, algorithm, digits }, counter)).toBe(reference(secret, algorithm, digits, counter));
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('RFC 6238 TOTP vectors', () => {
  const cases = RFC6238.flatMap(([t, codes]) =>
    (Object.keys(codes) as OtpAlgorithm[]).map((alg) => [alg, t, codes[alg]] as const),
  );
  it.each(cases)('%s at T=%i gives %s', (alg, t, code) => {
    expect(currentCode(totp(alg), t * 1000).code).toBe(code);
  });
});

describe('current code', () => {
  it('hands out the next code only when fewer than 5 seconds remain', () => {
    const start = 30_000 * 30_000; // the first millisecond of step 30,000
    const early = currentCode(totp('SHA1', 6), start + 10_000);
    expect(early.secondsLeft).toBe(20);
    expect(early.next).toBeUndefined();
    const late = currentCode(totp('SHA1', 6), start + 26_500);
    expect(late.secondsLeft).toBe(4);
    expect(late.next).toBe(currentCode(totp('SHA1', 6), start + 30_000).code);
    expect(late.next).not.toBe(late.code);
  });

  it('honours a custom period', () => {
    const p = totp('SHA1', 6, 60);
    expect(currentCode(p, 59_000).code).toBe(hotpAt(p, 0));
    expect(currentCode(p, 61_000).code).toBe(hotpAt(p, 1));
    expect(currentCode(p, 61_000).secondsLeft).toBe(59);
  });

  it('shows an HOTP code for the stored counter, with no countdown', () => {
    const p: OtpParams = { ...totp('SHA1', 6), type: 'hotp', counter: 3 };
    expect(currentCode(p, 123)).toEqual({ code: RFC4226[3], secondsLeft: null, period: null });
  });

  it('remembers the last codes per key without mixing counters, digits or locks up', () => {
    const secret = SEEDS.SHA1.slice();
    const six = { secret, algorithm: 'SHA1' as const, digits: 6 };
    const eight = { ...six, digits: 8 };
    // The same counter asked again, then with other digits, then the one before: each its own RFC value.
    expect([hotpAt(six, 1), hotpAt(six, 1), hotpAt(eight, 1), hotpAt(six, 0), hotpAt(six, 1)]).toEqual([
      RFC4226[1],
      RFC4226[1],
      '94287082', // counter 1 with 8 digits (RFC 6238's SHA1 value at T = 59 is the same counter)
      RFC4226[0],
      RFC4226[1],
    ]);
    forgetCodeKeys(); // the vault locked: the key states and remembered codes go
    expect(hotpAt({ ...six, secret: SEEDS.SHA1.slice() }, 2)).toBe(RFC4226[2]);
  });
});
