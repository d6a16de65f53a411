import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { codeForStep, matchStep, normaliseCode, otpauthUri, stepAt } from '../../../../src/server/domain/totp';

/** RFC 6238 Appendix B, SHA1 rows (secret "12345678901234567890"); 6 digits are the last 6 of the 8. */
const RFC6238_SHA1: Array<[seconds: number, eightDigits: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const rfcSecret = Secret.fromLatin1('12345678901234567890');

describe('TOTP', () => {
  it.each(RFC6238_SHA1)('matches RFC 6238 at T=%i', (seconds, code) => {
    expect(codeForStep(rfcSecret, stepAt(seconds * 1000))).toBe(code.slice(-6));
  });

  it('accepts the previous, current and next step only, and says which', () => {
    const now = 1_700_000_015_000;
    const c = stepAt(now);
    for (const offset of [-1, 0, 1])
      expect(matchStep(rfcSecret, codeForStep(rfcSecret, c + offset), now)).toBe(c + offset);
    for (const offset of [-2, 2, 10]) {
      const code = codeForStep(rfcSecret, c + offset);
      const inWindow = [-1, 0, 1].some((o) => codeForStep(rfcSecret, c + o) === code);
      expect(matchStep(rfcSecret, code, now)).toBe(inWindow ? expect.any(Number) : null);
    }
  });

  it('takes the later step when two steps of the window share a code, so the code cannot pass twice', () => {
    // Steps 910737 and 910738 of the RFC secret both give 911617 (found by searching the steps once).
    // Accepting 910737 would let 911617 pass again in the next window, as step 910738 > the last accepted.
    expect(codeForStep(rfcSecret, 910_737)).toBe('911617');
    expect(codeForStep(rfcSecret, 910_738)).toBe('911617');
    for (const now of [910_738 * 30_000 + 1_000, 910_737 * 30_000 + 29_000]) {
      expect(matchStep(rfcSecret, '911617', now)).toBe(910_738);
    }
  });

  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
    ['12345', null],
    ['1234567', null],
    ['12a456', null],
    ['', null],
  ])('normalises %j to %j', (input, want) => {
    expect(normaliseCode(input)).toBe(want);
  });

  it('describes the enrolment as otpauth://totp with issuer Twofold and the email as label', () => {
    const uri = new URL(otpauthUri(rfcSecret, 'ada@twofold.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Twofold:ada@twofold.test');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      issuer: 'Twofold',
      secret: rfcSecret.base32,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
