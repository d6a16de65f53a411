import { describe, expect, it } from 'vitest';
import {
  backupCodeMatches,
  hashBackupCode,
  newBackupCodes,
  newSalt,
  normaliseBackupCode,
} from '../../../../src/server/domain/backup-codes';

describe('backup codes', () => {
  it('makes 10 distinct codes of 16 symbols from a 32-letter alphabet (16 × 5 = 80 bits each)', () => {
    const codes = newBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it.each([
    ['abcd-efgh-jkmn-pqrs', 'abcdefghjkmnpqrs'],
    ['ABCD EFGH JKMN PQRS', 'abcdefghjkmnpqrs'],
    ['abcd-efgh-jkmn-pqr', null],
    ['abcd-efgh-jkmn-pqrl', null],
    ['', null],
  ])('normalises %j to %j', (input, want) => {
    expect(normaliseBackupCode(input)).toBe(want);
  });

  it('stores a salted hash that only the same code matches', () => {
    const salt = newSalt();
    const hash = hashBackupCode(salt, 'abcdefghjkmnpqrs');
    expect(hash).not.toContain('abcdefghjkmnpqrs');
    expect(backupCodeMatches(salt, hash, 'abcdefghjkmnpqrs')).toBe(true);
    expect(backupCodeMatches(salt, hash, 'abcdefghjkmnpqrt')).toBe(false);
    expect(hashBackupCode(newSalt(), 'abcdefghjkmnpqrs')).not.toBe(hash);
  });
});
