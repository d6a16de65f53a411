import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const BACKUP_CODE_COUNT = 10;
/** Crockford-style alphabet without look-alikes (no i, l, o, u): 32 symbols, 5 bits each. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 16 symbols × 5 bits = 80 random bits, above the 64 the issue asks for. */
const SYMBOLS = 16;

export function newBackupCode(): string {
  let code = '';
  for (let i = 0; i < SYMBOLS; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)?.join('-') ?? code;
}

export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
}

/** Case, spaces and dashes do not matter when a person types a code back. */
export function normaliseBackupCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  if (code.length !== SYMBOLS) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

/** Salted SHA-256: the codes carry 80 random bits, so a slow hash would add cost and no safety. */
export function hashBackupCode(salt: string, normalised: string): string {
  return createHash('sha256').update(salt).update(':').update(normalised).digest('base64url');
}

export function backupCodeMatches(salt: string, hash: string, normalised: string): boolean {
  const a = Buffer.from(hashBackupCode(salt, normalised));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}
