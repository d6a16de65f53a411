import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from '../../../../../src/main/core/otp/base32';

describe('base32 (RFC 4648)', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'Hello!\u00de\u00ad\u00be\u00ef'],
    ['jbsw y3dp-ehpk 3pxp', 'Hello!\u00de\u00ad\u00be\u00ef'],
    ['JBSWY3DPEHPK3PXP====', 'Hello!\u00de\u00ad\u00be\u00ef'],
  ])('decodes %j', (input, latin1) => {
    expect(Buffer.from(decodeBase32(input)).toString('latin1')).toBe(latin1);
  });

  it.each([
    ['', /empty/],
    ['JBSWY3DPEHPK3PX1', /A–Z and the digits 2–7/],
    ['JBSW=Y3DPEHPK3PXP', /A–Z and the digits 2–7/],
    ['JBSWY3DP', /at least 80 bits/],
  ])('refuses %j', (input, message) => {
    expect(() => decodeBase32(input)).toThrow(message);
  });

  it('round-trips random keys of every length', () => {
    for (let n = 10; n <= 64; n++) {
      const bytes = new Uint8Array(Array.from({ length: n }, (_, i) => (i * 37 + n) & 255));
      expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
    }
  });
});
