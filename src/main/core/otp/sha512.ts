/**
 * The SHA-512 compression function (FIPS 180-4 §6.4) on 32-bit halves, for
 * the HOTP HMAC in ./hmac. The state is 16 Int32 words: hi, lo, hi, lo, …
 * The round constants and the initial hash are derived here from their
 * definition (§4.2.3, §5.3.5: the fractional parts of the cube and square
 * roots of the first primes) instead of being typed in as 240 hex literals.
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

function words(values: bigint[]): Int32Array {
  const out = new Int32Array(values.length * 2);
  values.forEach((v, i) => {
    out[2 * i] = Number((v >> 32n) & 0xffffffffn) | 0;
    out[2 * i + 1] = Number(v & 0xffffffffn) | 0;
  });
  return out;
}

const PRIMES = primes(80);
const K = words(PRIMES.map((p) => root(p << 192n, 3n) & MASK));
export const SHA512_INIT = Array.from(words(PRIMES.slice(0, 8).map((p) => root(p << 128n, 2n) & MASK)));

const W = new Int32Array(160);

/** `m` is the 128-byte block as 32 big-endian words. */
export function sha512Block(h: Int32Array, m: Int32Array): void {
  for (let i = 0; i < 32; i++) W[i] = m[i] as number;
  for (let i = 16; i < 80; i++) {
    const xh = W[2 * (i - 15)] as number;
    const xl = W[2 * (i - 15) + 1] as number;
    const yh = W[2 * (i - 2)] as number;
    const yl = W[2 * (i - 2) + 1] as number;
    // σ0 = rotr1 ^ rotr8 ^ shr7; σ1 = rotr19 ^ rotr61 ^ shr6
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
    const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
    const lo =
      (s0l >>> 0) + (s1l >>> 0) + ((W[2 * (i - 7) + 1] as number) >>> 0) + ((W[2 * (i - 16) + 1] as number) >>> 0);
    W[2 * i] = (s0h + s1h + (W[2 * (i - 7)] as number) + (W[2 * (i - 16)] as number) + ((lo / 4294967296) | 0)) | 0;
    W[2 * i + 1] = lo | 0;
  }
  let ah = h[0] as number;
  let al = h[1] as number;
  let bh = h[2] as number;
  let bl = h[3] as number;
  let ch = h[4] as number;
  let cl = h[5] as number;
  let dh = h[6] as number;
  let dl = h[7] as number;
  let eh = h[8] as number;
  let el = h[9] as number;
  let fh = h[10] as number;
  let fl = h[11] as number;
  let gh = h[12] as number;
  let gl = h[13] as number;
  let hh = h[14] as number;
  let hl = h[15] as number;
  for (let i = 0; i < 80; i++) {
    // Σ1(e) = rotr14 ^ rotr18 ^ rotr41; Ch(e, f, g)
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
    const chh = (eh & fh) ^ (~eh & gh);
    const chl = (el & fl) ^ (~el & gl);
    const t1l =
      (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + ((K[2 * i + 1] as number) >>> 0) + ((W[2 * i + 1] as number) >>> 0);
    const t1h = (hh + S1h + chh + (K[2 * i] as number) + (W[2 * i] as number) + ((t1l / 4294967296) | 0)) | 0;
    // Σ0(a) = rotr28 ^ rotr34 ^ rotr39; Maj(a, b, c)
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
    const mh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    const ml = (al & bl) ^ (al & cl) ^ (bl & cl);
    hh = gh;
    hl = gl;
    gh = fh;
    gl = fl;
    fh = eh;
    fl = el;
    const el2 = (dl >>> 0) + (t1l >>> 0);
    eh = (dh + t1h + ((el2 / 4294967296) | 0)) | 0;
    el = el2 | 0;
    dh = ch;
    dl = cl;
    ch = bh;
    cl = bl;
    bh = ah;
    bl = al;
    const al2 = (t1l >>> 0) + (S0l >>> 0) + (ml >>> 0);
    ah = (t1h + S0h + mh + ((al2 / 4294967296) | 0)) | 0;
    al = al2 | 0;
  }
  const add = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
  for (let i = 0; i < 16; i += 2) {
    const lo = ((h[i + 1] as number) >>> 0) + ((add[i + 1] as number) >>> 0);
    h[i] = ((h[i] as number) + (add[i] as number) + ((lo / 4294967296) | 0)) | 0;
    h[i + 1] = lo | 0;
  }
}
