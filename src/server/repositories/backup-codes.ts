import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { backupCodeMatches, hashBackupCode, newSalt, normaliseBackupCode } from '../domain/backup-codes';
import { newId } from '../domain/tokens';
import { precompiled } from './precompiled';

/** Replaces every backup code of the user: the old ones stop working at once. */
export async function replaceBackupCodes(
  db: Kysely<DB>,
  userId: string,
  codes: readonly string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('backup_codes')
    .values(
      codes.map((code) => {
        const salt = newSalt();
        return {
          id: newId(),
          user_id: userId,
          salt,
          code_hash: hashBackupCode(salt, normaliseBackupCode(code) ?? code),
          used_at: null,
          created_at: now,
        };
      }),
    )
    .execute();
}

/** The unused backup code of this user that the input matches, if any (each candidate compared in constant time). */
export async function findBackupCodeMatch(db: Kysely<DB>, userId: string, input: string): Promise<string | null> {
  const code = normaliseBackupCode(input);
  if (code === null) return null;
  const unused = await db
    .selectFrom('backup_codes')
    .select(['id', 'salt', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  return unused.find((row) => backupCodeMatches(row.salt, row.code_hash, code))?.id ?? null;
}

/**
 * Marks a backup code used (code id, now), inside the end of sign-in. The UPDATE
 * only succeeds while `used_at` is null, so of several parallel submissions of
 * one code exactly one gets the row.
 */
export const markBackupCodeUsedQuery = precompiled<[string, number]>(
  (db, id: string, now: number) =>
    db.updateTable('backup_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null),
  2,
);

export async function countUnusedBackupCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('backup_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteBackupCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom('backup_codes').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
