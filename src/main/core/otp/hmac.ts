/**
 * HMAC (RFC 2104) over SHA-1, SHA-256 and SHA-512 for one 8-byte HOTP counter,
 * in hand-written WebAssembly (./wasm-hmac). Node's createHmac costs ~10 µs a
 * call in object set-up alone, the plain-JS hashes two to four times what the
 * modules cost; a window asking for a thousand codes each second needs them in
 * a few ms. Only the short messages of HOTP take this path (one block after
 * the key block); anything longer goes to node:crypto.
 */
import { createHash, createHmac } from 'node:crypto';
import { HASHES, keyedWasmHmac } from './wasm-hmac';

export type KeyedHmac = ((message: Uint8Array) => Uint8Array) & { forget(): void };

const specFor = (algorithm: string) => HASHES[algorithm.toUpperCase() as keyof typeof HASHES] ?? null;

/** The longest message that fits one final block with its padding and length field. */
const maxMessage = (blockBytes: number) => blockBytes - 17;

/**
 * HMAC with the key's two pad blocks hashed once up front, so each code costs
 * two compressions instead of four. The states are as good as the key: the
 * caller keeps them only while the vault is unlocked and calls forget() on lock.
 * The digest is a view of the module's memory, overwritten by the next call: HOTP reads it at once.
 */
export function keyedHmac(algorithm: string, key: Uint8Array): KeyedHmac {
  const spec = specFor(algorithm);
  if (!spec) {
    const copy = key.slice();
    return Object.assign(
      (message: Uint8Array) => new Uint8Array(createHmac(algorithm, copy).update(message).digest()),
      {
        forget: () => copy.fill(0),
      },
    );
  }
  // RFC 2104 §2: a key longer than a block is hashed first.
  const long = key.length > spec.blockBytes;
  const k = long ? new Uint8Array(createHash(algorithm).update(key).digest()) : key;
  const mac = keyedWasmHmac(spec, k);
  if (long) k.fill(0);
  const limit = maxMessage(spec.blockBytes);
  const run = (message: Uint8Array) => {
    if (message.length > limit) throw new RangeError('keyedHmac handles HOTP counters, not long messages');
    return mac.run(message);
  };
  return Object.assign(run, { forget: () => mac.forget() });
}

/** HMAC as otpauth's `hmac` option takes it: (algorithm, key, message) → digest. */
export function hmac(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const spec = specFor(algorithm);
  if (!spec || message.length > maxMessage(spec.blockBytes))
    return new Uint8Array(createHmac(algorithm, key).update(message).digest());
  const keyed = keyedHmac(algorithm, key);
  const out = keyed(message).slice();
  keyed.forget();
  return out;
}
