import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { newId } from '../domain/tokens';

/** A claim older than this is considered abandoned (its process died mid-send) and may be taken again. */
export const CLAIM_TIMEOUT_MS = 60_000;
export const MAX_ATTEMPTS = 5;

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export async function enqueueMail(db: Kysely<DB>, mail: Mail, now: number): Promise<void> {
  await db
    .insertInto('mail_queue')
    .values({
      id: newId(),
      to_address: mail.to,
      subject: mail.subject,
      body: mail.body,
      created_at: now,
      claimed_at: null,
      sent_at: null,
      attempts: 0,
      last_error: null,
    })
    .execute();
}

export async function dueMail(db: Kysely<DB>, now: number, limit = 20) {
  return db
    .selectFrom('mail_queue')
    .select(['id', 'to_address', 'subject', 'body'])
    .where('sent_at', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', now - CLAIM_TIMEOUT_MS)]))
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Only one service instance wins the claim on a message, so each is sent once. */
export async function claimMail(db: Kysely<DB>, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('mail_queue')
    .set((eb) => ({ claimed_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', now - CLAIM_TIMEOUT_MS)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markSent(db: Kysely<DB>, id: string, now: number): Promise<void> {
  await db.updateTable('mail_queue').set({ sent_at: now, last_error: null }).where('id', '=', id).execute();
}

/** Releases the claim so a later pass retries; the error is kept by kind only. */
export async function markFailed(db: Kysely<DB>, id: string, error: string): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set({ claimed_at: null, last_error: error.slice(0, 200) })
    .where('id', '=', id)
    .execute();
}
