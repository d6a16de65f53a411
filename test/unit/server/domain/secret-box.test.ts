import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../../src/server/domain/secret-box';

describe('SecretBox (AES-256-GCM, user id as associated data)', () => {
  const box = new SecretBox(randomBytes(32));
  const secret = randomBytes(20);

  it('opens what it sealed for the same user, and never repeats a ciphertext', () => {
    const a = box.seal('user-1', secret);
    expect(box.open('user-1', a).equals(secret)).toBe(true);
    expect(box.seal('user-1', secret)).not.toBe(a);
    expect(a).not.toContain(secret.toString('base64url'));
  });

  it.each([
    ['moved to another user', (s: string) => ['user-2', s] as const],
    [
      'altered by one bit',
      (s: string) => ['user-1', `${s.slice(0, -2)}${s.at(-2) === 'A' ? 'B' : 'A'}${s.at(-1)}`] as const,
    ],
    ['truncated', (s: string) => ['user-1', s.slice(0, 20)] as const],
    ['of an unknown version', (s: string) => ['user-1', s.replace(/^v1/, 'v9')] as const],
  ])('refuses a sealed secret %s', (_, tamper) => {
    const [user, sealed] = tamper(box.seal('user-1', secret));
    expect(() => box.open(user, sealed)).toThrow();
  });

  it('refuses a secret sealed under another key', () => {
    expect(() => new SecretBox(randomBytes(32)).open('user-1', box.seal('user-1', secret))).toThrow();
  });

  it('binds the CSRF token to the session token', () => {
    const token = box.csrfToken('session-a');
    expect(box.csrfMatches('session-a', token)).toBe(true);
    expect(box.csrfMatches('session-b', token)).toBe(false);
    expect(box.csrfMatches('session-a', `${token}x`)).toBe(false);
    expect(token).not.toContain('session-a');
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
