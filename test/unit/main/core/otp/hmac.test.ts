import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmac, type KeyedHmac, keyedHmac } from '../../../../../src/main/core/otp/hmac';

// RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256 / -SHA512) test cases, including a key longer than a block.
const ascii = (s: string) => new TextEncoder().encode(s);
const VECTORS: [string, string, Uint8Array, Uint8Array, string][] = [
  ['RFC 2202 #1', 'SHA1', new Uint8Array(20).fill(0x0b), ascii('Hi There'), 'b617318655057264e28bc0b6fb378c8ef146be00'],
  [
    'RFC 2202 #2',
    'SHA1',
    ascii('Jefe'),
    ascii('what do ya want for nothing?'),
    'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  ],
  [
    'RFC 2202 #6',
    'SHA1',
    new Uint8Array(80).fill(0xaa),
    ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    'aa4ae5e15272d00e95705637ce8a3b55ed402112',
  ],
  [
    'RFC 4231 #1',
    'SHA256',
    new Uint8Array(20).fill(0x0b),
    ascii('Hi There'),
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  ],
  [
    'RFC 4231 #2',
    'SHA256',
    ascii('Jefe'),
    ascii('what do ya want for nothing?'),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  ],
];

describe('HMAC for HOTP', () => {
  it.each(VECTORS)('%s', (_name, alg, key, message, hex) => {
    expect(Buffer.from(hmac(alg, key, message)).toString('hex')).toBe(hex);
  });

  it('matches node:crypto for every algorithm, key length and counter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
        fc.uint8Array({ minLength: 0, maxLength: 130 }),
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        (alg, key, message) => {
          const expected = createHmac(alg, key).update(message).digest('hex');
          expect(Buffer.from(hmac(alg, key, message)).toString('hex')).toBe(expected);
          if (message.length <= 8) {
            const keyed = keyedHmac(alg, key);
            expect(Buffer.from(keyed(message)).toString('hex')).toBe(expected);
            expect(Buffer.from(keyed(message)).toString('hex')).toBe(expected); // the states survive a call
            keyed.forget();
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('keyed HMAC states in the WebAssembly modules', () => {
  it('keeps a thousand keys apart, reuses the slots of forgotten ones, and refuses a forgotten key', () => {
    for (const alg of ['SHA1', 'SHA256', 'SHA512']) {
      const keys = Array.from({ length: 1000 }, (_, i) => new Uint8Array(20).fill(i & 255).map((b, j) => b ^ j));
      const macs = keys.map((k) => keyedHmac(alg, k));
      const counter = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 42]);
      keys.forEach((k, i) => {
        expect(Buffer.from((macs[i] as KeyedHmac)(counter)).toString('hex')).toBe(
          createHmac(alg, k).update(counter).digest('hex'),
        );
      });
      for (const m of macs.slice(0, 500)) m.forget();
      const again = keys.slice(0, 500).map((k) => keyedHmac(alg, k)); // into the freed slots
      keys.forEach((k, i) => {
        const mac = (i < 500 ? again[i] : macs[i]) as KeyedHmac;
        expect(Buffer.from(mac(counter)).toString('hex')).toBe(createHmac(alg, k).update(counter).digest('hex'));
      });
      expect(() => (macs[0] as KeyedHmac)(counter)).toThrow(/forgotten/);
      for (const m of [...again, ...macs.slice(500)]) m.forget();
    }
  });
});
