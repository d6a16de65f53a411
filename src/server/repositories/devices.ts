import type { Kysely } from 'kysely';
import type { DB, DeviceTable } from '../db/schema';
import { hashToken, newId, newToken } from '../domain/tokens';
import { prepared } from './precompiled';

/** "Remember this browser": 30 days. */
export const DEVICE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new remembered-device row and its token (stored hashed, valid 30 days). */
export function newDevice(userId: string, label: string, now: number): { row: DeviceTable; token: string } {
  const token = newToken();
  return {
    token,
    row: {
      id: newId(),
      user_id: userId,
      token_hash: hashToken(token),
      label,
      created_at: now,
      last_used_at: now,
      expires_at: now + DEVICE_TTL_MS,
    },
  };
}

export async function createDevice(
  db: Kysely<DB>,
  userId: string,
  label: string,
  now: number,
): Promise<{ id: string; token: string; expiresAt: number }> {
  const { row, token } = newDevice(userId, label, now);
  await db.insertInto('devices').values(row).execute();
  return { id: row.id, token, expiresAt: row.expires_at };
}

/** The live device behind a token, only if it belongs to this user. */
export async function findDevice(db: Kysely<DB>, userId: string, token: string, now: number) {
  return db
    .selectFrom('devices')
    .select(['id', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .$call(prepared)
    .executeTakeFirst();
}

export async function touchDevice(db: Kysely<DB>, id: string, now: number): Promise<void> {
  await db.updateTable('devices').set({ last_used_at: now }).where('id', '=', id).$call(prepared).execute();
}

export async function listDevices(db: Kysely<DB>, userId: string, now: number) {
  return db
    .selectFrom('devices')
    .select(['id', 'label', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function deleteDevice(db: Kysely<DB>, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('devices').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteUserDevices(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom('devices').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
