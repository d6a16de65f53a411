/**
 * HMAC (RFC 2104) for one short message, run by a hand-written WebAssembly
 * module (sha1.wat, sha256.wat, sha512.wat; same memory layout and exports).
 * The key's two pad blocks are hashed once per key; each code then costs two
 * compressions. Each key's pad states live in a slot of the module's memory
 * (so a code costs one call, no copies of them), zeroed when the key is
 * forgotten; the scratch area is wiped with it.
 */

import { instantiateEmbedded, type WasmMemory } from '../wasm';
import { SHA1_IV, SHA256_IV, SHA256_K, SHA512_IV, SHA512_K } from './hash-constants';
import { SHA1_WASM_BASE64 } from './sha1-wasm';
import { SHA256_WASM_BASE64 } from './sha256-wasm';
import { SHA512_WASM_BASE64 } from './sha512-wasm';

// The modules' memory layout (see the .wat files).
const MESSAGE = 128;
const BLOCK = 256;
const STATE = 384;
const DIGEST = 448;
const SCRATCH_END = 512;
const CONSTANTS = 1024;
/** Per-key pad states from here on, 128 bytes a key (inner, then outer). */
const SLOTS = 4096;
const SLOT_BYTES = 128;

interface Spec {
  readonly base64: string;
  readonly blockBytes: number;
  /** Digest size; also the state size. */
  readonly digestBytes: number;
  readonly iv: Int32Array;
  readonly constants: Int32Array | null;
}

export const HASHES = {
  SHA1: { base64: SHA1_WASM_BASE64, blockBytes: 64, digestBytes: 20, iv: SHA1_IV, constants: null },
  SHA256: { base64: SHA256_WASM_BASE64, blockBytes: 64, digestBytes: 32, iv: SHA256_IV, constants: SHA256_K },
  SHA512: { base64: SHA512_WASM_BASE64, blockBytes: 128, digestBytes: 64, iv: SHA512_IV, constants: SHA512_K },
} as const satisfies Record<string, Spec>;

/** Views of the module's memory, made once and again when the memory grows (which detaches the old ones). */
interface Views {
  heap: Uint8Array;
  words: Int32Array;
  /** The digest area. */
  digest: Uint8Array;
}

function views(memory: WasmMemory, digestBytes: number): Views {
  return {
    heap: new Uint8Array(memory.buffer),
    words: new Int32Array(memory.buffer),
    digest: new Uint8Array(memory.buffer, DIGEST, digestBytes),
  };
}

interface Instance extends Views {
  readonly digestBytes: number;
  readonly memory: WasmMemory;
  readonly block: (from: number) => void;
  readonly hmac: (inner: number, outer: number, bytes: number) => void;
  /** Slots given back by forgotten keys, and the next never used. */
  readonly free: number[];
  next: number;
  live: number;
}
const instances = new Map<Spec, Instance>();

function instance(spec: Spec): Instance {
  const hit = instances.get(spec);
  if (hit) return hit;
  const exports = instantiateEmbedded(spec.base64);
  const { memory } = exports;
  const made: Instance = {
    ...views(memory, spec.digestBytes),
    digestBytes: spec.digestBytes,
    memory,
    block: exports.block as (from: number) => void,
    hmac: exports.hmac as Instance['hmac'],
    free: [],
    next: SLOTS,
    live: 0,
  };
  if (spec.constants) made.words.set(spec.constants, CONSTANTS / 4);
  instances.set(spec, made);
  return made;
}

/** A slot for a key's two pad states; the memory grows by pages as keys come. */
function takeSlot(m: Instance): number {
  m.live++;
  const reused = m.free.pop();
  if (reused !== undefined) return reused;
  const at = m.next;
  m.next += SLOT_BYTES;
  if (m.next > m.memory.buffer.byteLength) {
    m.memory.grow(1);
    Object.assign(m, views(m.memory, m.digestBytes));
  }
  return at;
}

function giveBack(m: Instance, slot: number): void {
  m.heap.fill(0, slot, slot + SLOT_BYTES);
  m.free.push(slot);
  // The scratch holds the last code's intermediate hashes: wiped when the last key goes (the vault locks).
  if (--m.live === 0) m.heap.fill(0, 0, SCRATCH_END);
}

/** Hashes the key's pad block (key XOR `xor`, zero-padded to a block) from the initial state into `to`. */
function padState(m: Instance, spec: Spec, key: Uint8Array, xor: number, to: number): void {
  m.words.set(spec.iv, 0);
  for (let i = 0; i < spec.blockBytes; i++) m.heap[BLOCK + i] = (i < key.length ? (key[i] as number) : 0) ^ xor;
  m.block(0);
  m.heap.copyWithin(to, STATE, STATE + spec.digestBytes);
  m.heap.fill(0, 0, SCRATCH_END);
}

export interface KeyedWasmHmac {
  /**
   * The digest of `message` (at most blockBytes − 17 bytes), as a view of the module's digest area:
   * the next call on any key of this hash overwrites it, so the caller reads it at once.
   */
  run(message: Uint8Array): Uint8Array;
  forget(): void;
}

/** `key` must be at most one block long (RFC 2104 hashes longer keys first; the caller does). */
export function keyedWasmHmac(spec: Spec, key: Uint8Array): KeyedWasmHmac {
  const m = instance(spec);
  const slot = takeSlot(m);
  padState(m, spec, key, 0x36, slot);
  padState(m, spec, key, 0x5c, slot + SLOT_BYTES / 2);
  let forgotten = false;
  return {
    run(message) {
      if (forgotten) throw new Error('this key was forgotten');
      const { heap } = m;
      // A counter is 8 bytes: a loop costs less than TypedArray#set's checks at this size.
      for (let i = 0; i < message.length; i++) heap[MESSAGE + i] = message[i] as number;
      m.hmac(slot, slot + SLOT_BYTES / 2, message.length);
      return m.digest;
    },
    forget() {
      if (forgotten) return;
      forgotten = true;
      giveBack(m, slot);
    },
  };
}
