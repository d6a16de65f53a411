import { type Kysely, sql } from 'kysely';
import type { Engine } from '../db/connect';
import type { DB } from '../db/schema';
import { newId } from '../domain/tokens';
import type { AuditInput } from './audit';
import { writeAudit } from './audit';
import { deleteBackupCodes } from './backup-codes';
import { deleteUserChallenges } from './challenges';
import { deleteUserDevices } from './devices';
import { enqueueMail, type Mail } from './mail-queue';
import { PREPARED } from './precompiled';
import { deleteUserSessions } from './sessions';
import { resetSecondFactor } from './user-totp';

const big = (n: number | null) => (n === null ? sql`null::bigint` : sql`${n}::bigint`);

/**
 * Everything an admin reset changes, inside the caller's transaction: the user's
 * 2FA state, throttle and lock; every backup code, remembered device, session
 * and challenge; the audit event; the queued notice. PostgreSQL does it in one
 * statement (one round trip); SQLite statement by statement.
 */
export async function applyReset(
  trx: Kysely<DB>,
  engine: Engine,
  r: { userId: string; now: number; audit: AuditInput; mail: Mail },
): Promise<void> {
  if (engine === 'sqlite') {
    await resetSecondFactor(trx, r.userId, r.now);
    await deleteBackupCodes(trx, r.userId);
    await deleteUserDevices(trx, r.userId);
    await deleteUserSessions(trx, r.userId);
    await deleteUserChallenges(trx, r.userId);
    await writeAudit(trx, r.audit);
    await enqueueMail(trx, r.mail, r.now);
    return;
  }
  const a = r.audit;
  await sql`
    with codes as (delete from backup_codes where user_id = ${r.userId}),
    devices as (delete from devices where user_id = ${r.userId}),
    sessions as (delete from sessions where user_id = ${r.userId}),
    challenges as (delete from challenges where user_id = ${r.userId}),
    audit as (
      insert into audit_events (id, at, action, outcome, actor_id, target_id, reason, ip, request_id)
      values (${newId()}, ${big(a.at)}, ${a.action}, ${a.outcome}, ${a.actor_id}, ${a.target_id}, ${a.reason}, ${a.ip}, ${a.request_id})),
    mail as (
      insert into mail_queue (id, to_address, subject, body, created_at, claimed_at, sent_at, attempts, last_error)
      values (${newId()}, ${r.mail.to}, ${r.mail.subject}, ${r.mail.body}, ${big(r.now)}, null, null, 0, null))
    update users set totp_secret = null, totp_enrolled_at = null, totp_last_step = null, totp_pending = null,
      totp_pending_at = null, must_enrol_2fa = 1, last_reset_at = ${big(r.now)}, failed_attempts = 0,
      last_failed_at = null, next_attempt_at = null, locked_at = null
    where id = ${r.userId} ${PREPARED}`.execute(trx);
}
