import { AppError } from '../../../shared/result';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * RFC 4648 base32, strict: letters A–Z and digits 2–7 in either case, optional
 * `=` padding at the end only. Spaces and dashes, which services print to group
 * the key for reading, are removed first. A key shorter than 80 bits is refused
 * (RFC 4226 §4 requires 128, and recommends 160; many services still use 80).
 */
export function decodeBase32(input: string): Uint8Array {
  const cleaned = input.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (cleaned.length === 0) throw new AppError('invalid_secret', 'The secret key is empty.');
  if (!/^[A-Z2-7]+$/.test(cleaned))
    throw new AppError('invalid_secret', 'The secret key may only contain the letters A–Z and the digits 2–7.');
  const out = new Uint8Array(Math.floor((cleaned.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of cleaned) {
    value = (value << 5) | (LOOKUP.get(char) as number);
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if (out.length < 10)
    throw new AppError('invalid_secret', 'The secret key is too short: it must hold at least 80 bits (16 characters).');
  return out;
}

export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
