import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema';
import { backoffTable, LOCK_AFTER, MAX_DELAY_S } from '../domain/throttle';
import { prepared } from './precompiled';

/**
 * Throttle state lives on the user row so that every service instance sees the
 * same count. Each statement below checks "may this account try now?" and
 * changes the count in one atomic UPDATE: parallel guesses cannot slip between
 * a check and a write.
 */
export function attemptAllowed(now: number) {
  return (eb: ExpressionBuilder<DB, 'users'>) =>
    eb.and([
      eb('locked_at', 'is', null),
      eb('failed_attempts', '<', LOCK_AFTER),
      eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
    ]);
}

/** `next_attempt_at` after the failure that brings the count to failed_attempts + 1. */
function nextAttemptAfterFailure(now: number): RawBuilder<number | null> {
  const rows = backoffTable();
  const first = rows[0]?.failures ?? 1;
  const whens = rows.map((r) => sql`when failed_attempts + 1 = ${r.failures} then cast(${now + r.delayMs} as bigint)`);
  return sql<number | null>`case when failed_attempts + 1 < ${first} then null ${sql.join(whens, sql` `)} else cast(${
    now + MAX_DELAY_S * 1000
  } as bigint) end`;
}

/** Counts one failure if the account may try now; answers the new count, or null when it was not allowed. */
export async function recordFailure(db: Kysely<DB>, userId: string, now: number): Promise<number | null> {
  const row = await db
    .updateTable('users')
    .set({
      failed_attempts: sql`failed_attempts + 1`,
      last_failed_at: now,
      next_attempt_at: nextAttemptAfterFailure(now),
      locked_at: sql`case when failed_attempts + 1 >= ${LOCK_AFTER} then cast(${now} as bigint) else null end`,
    })
    .where('id', '=', userId)
    .where(attemptAllowed(now))
    .returning('failed_attempts')
    .$call(prepared)
    .executeTakeFirst();
  return row?.failed_attempts ?? null;
}

/** A complete sign-in: clears the count, if the account may try now. Answers false when it may not. */
export async function recordSuccess(db: Kysely<DB>, userId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ failed_attempts: 0, last_failed_at: null, next_attempt_at: null })
    .where('id', '=', userId)
    .where(attemptAllowed(now))
    .$call(prepared)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface ThrottleState {
  failed_attempts: number;
  next_attempt_at: number | null;
  locked_at: number | null;
}

export async function throttleState(db: Kysely<DB>, userId: string): Promise<ThrottleState | undefined> {
  return db
    .selectFrom('users')
    .select(['failed_attempts', 'next_attempt_at', 'locked_at'])
    .where('id', '=', userId)
    .$call(prepared)
    .executeTakeFirst();
}
