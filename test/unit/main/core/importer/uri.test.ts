import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, parseOtpauthUri } from '../../../../../src/main/core/importer/uri';
import { encodeBase32 } from '../../../../../src/main/core/otp/base32';

const S = 'JBSWY3DPEHPK3PXP';

const GOOD: [string, string, Record<string, unknown>][] = [
  [
    'issuer from the parameter',
    `otpauth://totp/alice@example.com?secret=${S}&issuer=Example`,
    { issuer: 'Example', label: 'alice@example.com' },
  ],
  [
    'issuer from the label prefix',
    `otpauth://totp/Example:alice@example.com?secret=${S}`,
    { issuer: 'Example', label: 'alice@example.com' },
  ],
  [
    'percent-encoded label and space after the colon',
    `otpauth://totp/ACME%20Co:%20john.doe%40email.com?secret=${S}&issuer=ACME%20Co`,
    { issuer: 'ACME Co', label: 'john.doe@email.com' },
  ],
  ['encoded colon in the label', `otpauth://totp/Big%3Abob?secret=${S}`, { issuer: 'Big', label: 'bob' }],
  [
    'parameter wins over the label prefix',
    `otpauth://totp/Old:bob?secret=${S}&issuer=New`,
    { issuer: 'New', label: 'bob' },
  ],
  [
    'defaults',
    `otpauth://totp/bob?secret=${S}`,
    { issuer: '', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  ],
  [
    'SHA256, 8 digits, 60 s',
    `otpauth://totp/x:y?secret=${S}&algorithm=SHA256&digits=8&period=60`,
    { algorithm: 'SHA256', digits: 8, period: 60 },
  ],
  [
    'SHA512 in lower case, 7 digits',
    `otpauth://totp/x:y?secret=${S}&algorithm=sha512&digits=7`,
    { algorithm: 'SHA512', digits: 7 },
  ],
  ['HOTP with a counter', `otpauth://hotp/x:y?secret=${S}&counter=42`, { type: 'hotp', counter: 42 }],
  ['upper-case type and lower-case secret', `otpauth://TOTP/x:y?secret=${S.toLowerCase()}`, { type: 'totp' }],
  [
    'unknown parameters ignored',
    `otpauth://totp/x:y?secret=${S}&image=https%3A%2F%2Fexample.com%2Fa.png`,
    { label: 'y' },
  ],
];

const BAD: [string, string, RegExp][] = [
  ['another scheme', `https://example.com/?secret=${S}`, /not an otpauth/],
  ['no label path', `otpauth://totp?secret=${S}`, /malformed/],
  ['unknown type', `otpauth://motp/x:y?secret=${S}`, /totp or hotp/],
  ['no secret', 'otpauth://totp/x:y?issuer=x', /secret parameter is missing/],
  ['empty secret', 'otpauth://totp/x:y?secret=', /secret parameter is missing/],
  ['secret not base32', 'otpauth://totp/x:y?secret=JBSWY3DPEHPK3PX1', /A–Z and the digits 2–7/],
  ['secret too short', 'otpauth://totp/x:y?secret=JBSWY3DP', /at least 80 bits/],
  ['MD5', `otpauth://totp/x:y?secret=${S}&algorithm=MD5`, /SHA1, SHA256 or SHA512/],
  ['5 digits', `otpauth://totp/x:y?secret=${S}&digits=5`, /number of digits must be between 6 and 8/],
  ['digits not a number', `otpauth://totp/x:y?secret=${S}&digits=six`, /whole number/],
  ['period zero', `otpauth://totp/x:y?secret=${S}&period=0`, /period must be between 1 and 3600/],
  ['negative period', `otpauth://totp/x:y?secret=${S}&period=-30`, /whole number/],
  ['HOTP without a counter', `otpauth://hotp/x:y?secret=${S}`, /needs a counter/],
  ['counter with a fraction', `otpauth://hotp/x:y?secret=${S}&counter=1.5`, /whole number/],
  ['a parameter twice', `otpauth://totp/x:y?secret=${S}&secret=${S}`, /appears twice/],
  ['empty account name', `otpauth://totp/Example:?secret=${S}`, /label is empty/],
  ['broken escape', `otpauth://totp/x%ZZ?secret=${S}`, /percent-escape/],
];

describe('otpauth:// URI parsing', () => {
  it.each(GOOD)('accepts: %s', (_name, uri, expected) => {
    expect(parseOtpauthUri(uri)).toMatchObject(expected);
  });

  it.each(BAD)('refuses with a reason: %s', (_name, uri, message) => {
    expect(() => parseOtpauthUri(uri)).toThrow(message);
    try {
      parseOtpauthUri(uri);
    } catch (error) {
      expect((error as { code: string }).code).toBe('invalid_uri');
    }
  });

  it('formats URIs that parse back to the same account', () => {
    const secret = new Uint8Array(20).map((_, i) => i * 11);
    for (const p of [
      {
        issuer: 'ACME Co',
        label: 'john doe@x.com',
        type: 'totp',
        algorithm: 'SHA256',
        digits: 8,
        period: 45,
        counter: 0,
      },
      { issuer: '', label: 'solo', type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 9 },
    ] as const) {
      const uri = formatOtpauthUri({ ...p, secret });
      expect(uri).toContain(`secret=${encodeBase32(secret)}`);
      expect(parseOtpauthUri(uri)).toEqual({ ...p, secret });
    }
  });
});
