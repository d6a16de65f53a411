import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: m=19 MiB, t=2, p=1. */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the enum is ambient const, which isolatedModules cannot read.
  algorithm: 2,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash never signs anyone in.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the same argon2 time for an unknown email as for a known one, so timing does not reveal accounts. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('twofold-timing-equaliser');
  await verifyPassword(await dummy, password);
}
