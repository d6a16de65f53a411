import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** 256 random bits, URL-safe: session, challenge and remembered-device tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored as SHA-256 digests. They carry 256 bits of entropy, so a
 * fast unsalted hash is enough: a stolen table cannot be reversed into tokens.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newId(): string {
  return randomUUID();
}
