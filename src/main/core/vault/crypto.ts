import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';

export interface Sealed {
  readonly iv: string;
  readonly data: string;
  readonly tag: string;
}

/** AES-256-GCM with a fresh 96-bit nonce per message (NIST SP 800-38D §8.2.2, random construction). */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Returns null when authentication fails: a wrong key, a tampered byte, or a different AAD. */
export function open(key: Uint8Array, sealed: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    const tag = Buffer.from(sealed.tag, 'base64');
    if (tag.length !== 16) return null;
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** Argon2id parameters, stored beside what they protect so they can be raised later. */
export interface KdfParams {
  readonly name: 'argon2id';
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly salt: string;
}

/** OWASP's Password Storage Cheat Sheet minimum for argon2id: m = 19 MiB, t = 2, p = 1. */
export function newKdfParams(): KdfParams {
  return {
    name: 'argon2id',
    memoryKiB: 19_456,
    iterations: 2,
    parallelism: 1,
    salt: randomBytes(16).toString('base64'),
  };
}

export async function deriveKey(passphrase: string, p: KdfParams): Promise<Buffer> {
  return hashRaw(passphrase.normalize('NFC'), {
    algorithm: 2, // Algorithm.Argon2id; the enum is `const` and cannot be imported under isolatedModules.
    memoryCost: p.memoryKiB,
    timeCost: p.iterations,
    parallelism: p.parallelism,
    outputLen: 32,
    salt: Buffer.from(p.salt, 'base64'),
  });
}
