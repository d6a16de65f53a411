/**
 * The SHA-2 round constants and initial hashes, derived from their definition
 * (FIPS 180-4 §4.2.2-3, §5.3.3, §5.3.5: the fractional parts of the cube and
 * square roots of the first primes) instead of typed in as 300 hex literals.
 * SHA-256's are the high 32 bits of SHA-512's. Every array is in the order the
 * WebAssembly modules keep words in memory: native (little-endian) i32 or i64.
 */
const MASK = (1n << 64n) - 1n;

function root(n: bigint, k: 2n | 3n): bigint {
  // Newton's method on integers, from an estimate above the root.
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

function primes(count: number): bigint[] {
  const out: bigint[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % Number(p) !== 0)) out.push(BigInt(n));
  return out;
}

/** 64-bit values as native i64 in an Int32Array: low half, then high half. */
function i64s(values: bigint[]): Int32Array {
  const out = new Int32Array(values.length * 2);
  values.forEach((v, i) => {
    out[2 * i] = Number(v & 0xffffffffn) | 0;
    out[2 * i + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  });
  return out;
}

const high32 = (values: bigint[]) => Int32Array.from(values, (v) => Number(v >> 32n) | 0);

const PRIMES = primes(80);
const K512 = PRIMES.map((p) => root(p << 192n, 3n) & MASK);
const IV512 = PRIMES.slice(0, 8).map((p) => root(p << 128n, 2n) & MASK);

export const SHA512_K = i64s(K512);
export const SHA512_IV = i64s(IV512);
export const SHA256_K = high32(K512.slice(0, 64));
export const SHA256_IV = high32(IV512);
/** FIPS 180-4 §5.3.1: not derived from primes. */
export const SHA1_IV = Int32Array.from([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0], (v) => v | 0);
