import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { changedRows, precompiled } from './precompiled';
import { attemptAllowed } from './user-throttle';

/** Stores a pending enrolment; it replaces any earlier pending one. */
export async function setPendingSecret(db: Kysely<DB>, userId: string, sealed: string, now: number): Promise<void> {
  await db.updateTable('users').set({ totp_pending: sealed, totp_pending_at: now }).where('id', '=', userId).execute();
}

/**
 * Turns the pending secret into the enrolled one, only if it is still the one
 * the code was checked against and nothing is enrolled meanwhile.
 */
export async function enableSecret(
  db: Kysely<DB>,
  userId: string,
  sealedPending: string,
  step: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      totp_secret: sealedPending,
      totp_enrolled_at: now,
      totp_last_step: step,
      totp_pending: null,
      totp_pending_at: null,
      must_enrol_2fa: 0,
    })
    .where('id', '=', userId)
    .where('totp_pending', '=', sealedPending)
    .where('totp_enrolled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Accepts a TOTP step atomically (RFC 6238 §5.2): only when it is newer than the
 * last accepted step, the enrolment is the one the code was checked against, and
 * the throttle allows an attempt now. It also clears the failure count.
 */
export async function acceptStep(
  db: Kysely<DB>,
  userId: string,
  enrolledAt: number,
  step: number,
  now: number,
): Promise<boolean> {
  return changedRows(await acceptStepQuery(db, userId, enrolledAt, step, now));
}

/** acceptStep's statement (user id, enrolled at, step, now), for the direct end of sign-in on SQLite. */
export const acceptStepQuery = precompiled<[string, number, number, number]>(
  (db, userId: string, enrolledAt: number, step: number, now: number) =>
    db
      .updateTable('users')
      .set({ totp_last_step: step, failed_attempts: 0, last_failed_at: null, next_attempt_at: null })
      .where('id', '=', userId)
      .where('totp_enrolled_at', '=', enrolledAt)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .where(attemptAllowed(now)),
  4,
);

/** Self-service disable: the secret, any pending enrolment and the replay marker go. */
export async function clearSecret(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_enrolled_at: null, totp_last_step: null, totp_pending: null, totp_pending_at: null })
    .where('id', '=', userId)
    .execute();
}

/** The admin reset's change to the user row: 2FA state, throttle and lock all cleared. */
export async function resetSecondFactor(db: Kysely<DB>, userId: string, now: number): Promise<void> {
  await db
    .updateTable('users')
    .set({
      totp_secret: null,
      totp_enrolled_at: null,
      totp_last_step: null,
      totp_pending: null,
      totp_pending_at: null,
      must_enrol_2fa: 1,
      last_reset_at: now,
      failed_attempts: 0,
      last_failed_at: null,
      next_attempt_at: null,
      locked_at: null,
    })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Kysely<DB>, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}
