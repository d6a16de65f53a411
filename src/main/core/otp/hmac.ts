/**
 * HMAC (RFC 2104) over SHA-1 and SHA-256 in plain JS, and SHA-512 in WebAssembly
 * (./sha512.ts), for one 8-byte HOTP counter. Node's createHmac costs ~10 µs a call in object set-up alone; a
 * window asking for a thousand codes each second needs them in a few ms. Only
 * the short messages of HOTP are supported (one block after the key block).
 */
import { createHmac } from 'node:crypto';
import { keyedHmacSha512 } from './sha512';

const W = new Int32Array(80);

/** The compression functions take the block as big-endian 32-bit words. */
function sha1Block(h: Int32Array, m: Int32Array): void {
  for (let i = 0; i < 16; i++) W[i] = m[i] as number;
  for (let i = 16; i < 80; i++) {
    const x = (W[i - 3] as number) ^ (W[i - 8] as number) ^ (W[i - 14] as number) ^ (W[i - 16] as number);
    W[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  // The four rounds as four loops, so no round tests which one it is in.
  for (let i = 0; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + (W[i] as number)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 20; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + (W[i] as number)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 40; i < 60; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + (W[i] as number)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 60; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + (W[i] as number)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
}

const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

function sha256Block(h: Int32Array, m: Int32Array): void {
  for (let i = 0; i < 16; i++) W[i] = m[i] as number;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15] as number;
    const y = W[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  let f = h[5] as number;
  let g = h[6] as number;
  let hh = h[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + (K256[i] as number) + (W[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
  h[5] = ((h[5] as number) + f) | 0;
  h[6] = ((h[6] as number) + g) | 0;
  h[7] = ((h[7] as number) + hh) | 0;
}

interface Hash {
  readonly init: readonly number[];
  /** 64 bytes for SHA-1 / SHA-256, 128 for SHA-512. */
  readonly blockBytes: number;
  /** The longest message that fits in one final block with its padding and length field. */
  readonly maxMessage: number;
  readonly block: (h: Int32Array, m: Int32Array) => void;
}
const SHA1: Hash = {
  init: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
  blockBytes: 64,
  maxMessage: 55,
  block: sha1Block,
};
const SHA256: Hash = {
  init: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  blockBytes: 64,
  maxMessage: 55,
  block: sha256Block,
};
const HASHES: Record<string, Hash> = { SHA1, SHA256 };

/** One block as words; zeroed after every use, since it holds key or message material. */
const M = new Int32Array(16);

/** The state after hashing one block: the key XOR ipad / opad (RFC 2104 §2). */
function keyState(hash: Hash, key: Uint8Array, xor: number): Int32Array {
  const h = Int32Array.from(hash.init);
  const x = xor * 0x01010101;
  M.fill(x, 0, hash.blockBytes / 4);
  for (let i = 0; i < key.length; i++) M[i >> 2] = (M[i >> 2] as number) ^ ((key[i] as number) << (24 - 8 * (i & 3)));
  hash.block(h, M);
  M.fill(0);
  return h;
}

/**
 * Ends the block with the 0x80 byte and the length in bits (FIPS 180-4 §5.1),
 * for a message of `bytes` bytes after one key block; M already holds the
 * message words.
 */
function pad(hash: Hash, bytes: number): void {
  M[bytes >> 2] = (M[bytes >> 2] as number) | (0x80 << (24 - 8 * (bytes & 3)));
  M[hash.blockBytes / 4 - 1] = (hash.blockBytes + bytes) * 8;
}

export type KeyedHmac = ((message: Uint8Array) => Uint8Array) & { forget(): void };

/**
 * HMAC with the key's two pad blocks hashed once up front, so each code costs
 * two compressions instead of four. The states are as good as the key: the
 * caller keeps them only while the vault is unlocked and calls forget() on lock.
 */
export function keyedHmac(algorithm: string, key: Uint8Array): KeyedHmac {
  if (algorithm.toUpperCase() === 'SHA512' && key.length <= 128) return sha512Hmac(key);
  const hash = HASHES[algorithm.toUpperCase()];
  // Keys longer than a block are hashed first (RFC 2104 §2); rare enough to leave to node:crypto.
  if (!hash || key.length > hash.blockBytes) {
    const copy = key.slice();
    return Object.assign(
      (message: Uint8Array) => new Uint8Array(createHmac(algorithm, copy).update(message).digest()),
      {
        forget: () => copy.fill(0),
      },
    );
  }
  const inner = keyState(hash, key, 0x36);
  const outer = keyState(hash, key, 0x5c);
  const words = hash.init.length;
  const h = new Int32Array(words);
  // One digest buffer per key, overwritten by the next call: HOTP reads it at once.
  const out = new Uint8Array(words * 4);
  const run = (message: Uint8Array) => {
    if (message.length > hash.maxMessage) throw new RangeError('keyedHmac handles HOTP counters, not long messages');
    // Inner hash: H(K ^ ipad || message), continued from the saved ipad state.
    for (let i = 0; i < message.length; i++)
      M[i >> 2] = (M[i >> 2] as number) | ((message[i] as number) << (24 - 8 * (i & 3)));
    pad(hash, message.length);
    h.set(inner);
    hash.block(h, M);
    M.fill(0);
    // Outer hash: H(K ^ opad || inner digest); the digest is already words.
    M.set(h);
    pad(hash, words * 4);
    h.set(outer);
    hash.block(h, M);
    M.fill(0);
    for (let i = 0; i < words; i++) {
      const v = h[i] as number;
      out[i * 4] = v >>> 24;
      out[i * 4 + 1] = v >>> 16;
      out[i * 4 + 2] = v >>> 8;
      out[i * 4 + 3] = v;
    }
    h.fill(0);
    return out;
  };
  return Object.assign(run, {
    forget: () => {
      inner.fill(0);
      outer.fill(0);
      out.fill(0);
    },
  });
}

/** SHA-512 runs in WebAssembly (./sha512.wat), behind the same shape as the others. */
function sha512Hmac(key: Uint8Array): KeyedHmac {
  const mac = keyedHmacSha512(key);
  const out = new Uint8Array(64);
  const run = (message: Uint8Array) => {
    if (message.length > 111) throw new RangeError('keyedHmac handles HOTP counters, not long messages');
    mac.run(message, out);
    return out;
  };
  return Object.assign(run, {
    forget: () => {
      mac.forget();
      out.fill(0);
    },
  });
}

/** HMAC as otpauth's `hmac` option takes it: (algorithm, key, message) → digest. */
export function hmac(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const name = algorithm.toUpperCase();
  const maxMessage = name === 'SHA512' ? 111 : (HASHES[name]?.maxMessage ?? -1);
  if (message.length > maxMessage) return new Uint8Array(createHmac(algorithm, key).update(message).digest());
  const keyed = keyedHmac(algorithm, key);
  const out = keyed(message).slice();
  keyed.forget();
  return out;
}
