import { type Kysely, sql } from 'kysely';
import type { Engine } from '../db/connect';
import type { DB, DeviceTable, SessionTable } from '../db/schema';
import { directSqlite, inDirectTransaction } from '../db/sqlite-direct';
import { LOCK_AFTER } from '../domain/throttle';
import { markBackupCodeUsedQuery } from './backup-codes';
import { consumeChallengeQuery } from './challenges';
import { changedRows, PREPARED, precompiled } from './precompiled';
import { acceptStepQuery } from './user-totp';

/** What proved the second factor: a TOTP step to accept, or a backup code to use up. */
export type Proof = { kind: 'step'; step: number; enrolledAt: number } | { kind: 'backup_code'; codeId: string };

export interface Finish {
  userId: string;
  challengeId: string;
  now: number;
  proof: Proof;
  session: SessionTable;
  device: DeviceTable | null;
}

/** Which part a parallel request (or instance) took first; nothing was committed then. */
export type FinishOutcome = 'ok' | 'step' | 'backup_code' | 'challenge';

class Rollback extends Error {
  constructor(readonly outcome: Exclude<FinishOutcome, 'ok'>) {
    super(outcome);
  }
}

/**
 * The end of sign-in, all or nothing: accept the TOTP step (only if newer than
 * the last and the throttle allows) or use the backup code (only if unused),
 * consume the single-use challenge, remember the device, create the session.
 * PostgreSQL does it in one statement of data-modifying CTEs (one round trip
 * instead of six); SQLite, where a statement costs no round trip, in a transaction
 * run synchronously on the connection.
 */
export async function finishSecondStep(db: Kysely<DB>, engine: Engine, f: Finish): Promise<FinishOutcome> {
  return engine === 'postgres' ? finishInOneStatement(db, f) : finishInTransaction(db, f);
}

/** SQLite: one synchronous transaction on the connection (./sqlite-direct), nothing awaited inside. */
async function finishInTransaction(db: Kysely<DB>, f: Finish): Promise<FinishOutcome> {
  const direct = directSqlite(db);
  if (!direct) throw new Error('finishSecondStep needs the service’s own SQLite handle, not a transaction’s');
  try {
    await inDirectTransaction(db, direct, () => {
      const proved =
        f.proof.kind === 'step'
          ? acceptStepQuery.now(db, direct, f.userId, f.proof.enrolledAt, f.proof.step, f.now)
          : markBackupCodeUsedQuery.now(db, direct, f.proof.codeId, f.now);
      if (!changedRows(proved)) throw new Rollback(f.proof.kind);
      if (!changedRows(consumeChallengeQuery.now(db, direct, f.challengeId))) throw new Rollback('challenge');
      if (f.device) insertDevice.now(db, direct, ...deviceValues(f.device));
      insertSession.now(db, direct, ...sessionValues(f.session));
    });
    return 'ok';
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
}

const SESSION_COLUMNS = [
  'id',
  'token_hash',
  'user_id',
  'kind',
  'created_at',
  'expires_at',
  'two_factor_at',
  'device_id',
  'ip',
] as const satisfies ReadonlyArray<keyof SessionTable>;
const DEVICE_COLUMNS = [
  'id',
  'user_id',
  'token_hash',
  'label',
  'created_at',
  'last_used_at',
  'expires_at',
] as const satisfies ReadonlyArray<keyof DeviceTable>;

type Values<T, K extends ReadonlyArray<keyof T>> = { [I in keyof K]: T[K[I]] };
const sessionValues = (s: SessionTable) =>
  SESSION_COLUMNS.map((c) => s[c]) as unknown as Values<SessionTable, typeof SESSION_COLUMNS>;
const deviceValues = (d: DeviceTable) =>
  DEVICE_COLUMNS.map((c) => d[c]) as unknown as Values<DeviceTable, typeof DEVICE_COLUMNS>;

const insertSession = precompiled<Values<SessionTable, typeof SESSION_COLUMNS>>(
  (db, ...values) =>
    db.insertInto('sessions').values(Object.fromEntries(SESSION_COLUMNS.map((c, i) => [c, values[i]])) as never),
  SESSION_COLUMNS.length,
);
const insertDevice = precompiled<Values<DeviceTable, typeof DEVICE_COLUMNS>>(
  (db, ...values) =>
    db.insertInto('devices').values(Object.fromEntries(DEVICE_COLUMNS.map((c, i) => [c, values[i]])) as never),
  DEVICE_COLUMNS.length,
);

const big = (n: number | null) => (n === null ? sql`null::bigint` : sql`${n}::bigint`);

async function finishInOneStatement(db: Kysely<DB>, f: Finish): Promise<FinishOutcome> {
  const proved =
    f.proof.kind === 'step'
      ? sql`update users set totp_last_step = ${big(f.proof.step)}, failed_attempts = 0, last_failed_at = null, next_attempt_at = null
            where id = ${f.userId} and totp_enrolled_at = ${big(f.proof.enrolledAt)}
              and (totp_last_step is null or totp_last_step < ${big(f.proof.step)})
              and locked_at is null and failed_attempts < ${LOCK_AFTER}
              and (next_attempt_at is null or next_attempt_at <= ${big(f.now)})
            returning id`
      : sql`update backup_codes set used_at = ${big(f.now)} where id = ${f.proof.codeId} and used_at is null returning id`;
  const d = f.device;
  const device = d
    ? sql`, remembered as (
        insert into devices (id, user_id, token_hash, label, created_at, last_used_at, expires_at)
        select ${d.id}, ${d.user_id}, ${d.token_hash}, ${d.label}, ${big(d.created_at)}, ${big(d.last_used_at)}, ${big(d.expires_at)}
        where exists (select 1 from consumed) returning id)`
    : sql``;
  const s = f.session;
  const result = await sql<{ proved: number; consumed: number }>`
    with proved as (${proved}),
    consumed as (delete from challenges where id = ${f.challengeId} and exists (select 1 from proved) returning id)
    ${device},
    created as (
      insert into sessions (id, token_hash, user_id, kind, created_at, expires_at, two_factor_at, device_id, ip)
      select ${s.id}, ${s.token_hash}, ${s.user_id}, ${s.kind}, ${big(s.created_at)}, ${big(s.expires_at)},
             ${big(s.two_factor_at)}, ${s.device_id}, ${s.ip}
      where exists (select 1 from consumed) returning id)
    select (select count(*) from proved)::int as proved, (select count(*) from created)::int as consumed ${PREPARED}`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row || row.proved === 0) return f.proof.kind;
  // The proof was accepted but a parallel request consumed the challenge first: the statement committed
  // only the proof (the step or code is spent), and this sign-in must start over.
  return row.consumed === 0 ? 'challenge' : 'ok';
}
