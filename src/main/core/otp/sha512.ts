/**
 * HMAC-SHA-512 for the HOTP codes in ./hmac, run by sha512.wat with native
 * 64-bit arithmetic (in JS, on 32-bit halves, it cost several times more).
 * The round constants and the initial hash are derived here from their
 * definition (FIPS 180-4 §4.2.3, §5.3.5: the fractional parts of the cube and
 * square roots of the first primes) instead of being typed in as 240 hex
 * literals, and handed to the module once.
 */
import { SHA512_WASM_BASE64 } from './sha512-wasm';

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
const SHA512_INIT = Array.from(words(PRIMES.slice(0, 8).map((p) => root(p << 128n, 2n) & MASK)));

/** The WebAssembly API used here; the Node tsconfig has no DOM lib to declare it. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

// The module's memory layout (see sha512.wat).
const INNER = 0;
const OUTER = 64;
const MESSAGE = 128;
const BLOCK = 256;
const STATE = 384;
const DIGEST = 448;
const SCRATCH_END = 512;
const K_AT = 1024;

interface Module {
  readonly heap: Uint8Array;
  readonly words: Int32Array;
  readonly block: (from: number) => void;
  readonly hmac: (bytes: number) => void;
}
let instance: Module | null = null;

function module(): Module {
  if (instance) return instance;
  const { Instance, Module } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const exports = new Instance(new Module(Buffer.from(SHA512_WASM_BASE64, 'base64'))).exports;
  const memory = exports.memory as { buffer: ArrayBuffer };
  const made: Module = {
    heap: new Uint8Array(memory.buffer),
    words: new Int32Array(memory.buffer),
    block: exports.block as (from: number) => void,
    hmac: exports.hmac as (bytes: number) => void,
  };
  // K as native (little-endian) i64: the low half first.
  for (let i = 0; i < 80; i++) {
    made.words[K_AT / 4 + 2 * i] = K[2 * i + 1] as number;
    made.words[K_AT / 4 + 2 * i + 1] = K[2 * i] as number;
  }
  instance = made;
  return made;
}

/** The state after the key's pad block (RFC 2104 §2: key XOR ipad or opad), as the module keeps it. */
function padState(key: Uint8Array, xor: number): Uint8Array {
  const m = module();
  for (let i = 0; i < 8; i++) {
    m.words[2 * i] = SHA512_INIT[2 * i + 1] as number;
    m.words[2 * i + 1] = SHA512_INIT[2 * i] as number;
  }
  for (let i = 0; i < 128; i++) m.heap[BLOCK + i] = (i < key.length ? (key[i] as number) : 0) ^ xor;
  m.block(0);
  const state = m.heap.slice(STATE, STATE + 64);
  m.heap.fill(0, 0, SCRATCH_END);
  return state;
}

/**
 * HMAC-SHA-512 with the two pad states made once per key; each call hashes two
 * blocks. `out` receives the 64-byte digest. Keys longer than 128 bytes are
 * the caller's to hash first; messages are at most 111 bytes.
 */
export function keyedHmacSha512(key: Uint8Array): { run(message: Uint8Array, out: Uint8Array): void; forget(): void } {
  const inner = padState(key, 0x36);
  const outer = padState(key, 0x5c);
  return {
    run(message, out) {
      const m = module();
      m.heap.set(inner, INNER);
      m.heap.set(outer, OUTER);
      m.heap.set(message, MESSAGE);
      m.hmac(message.length);
      out.set(m.heap.subarray(DIGEST, DIGEST + 64));
      m.heap.fill(0, 0, SCRATCH_END);
    },
    forget() {
      inner.fill(0);
      outer.fill(0);
    },
  };
}
