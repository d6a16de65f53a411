import { type Kysely, type RawBuilder, sql } from 'kysely';
import { perDatabase } from '../db/per-database';
import type { DB } from '../db/schema';
import { batchedWrites } from '../db/write-batch';
import { LOCK_AFTER } from '../domain/throttle';
import { PREPARED } from './precompiled';
import type { Finish, FinishOutcome } from './sign-in-finish';

/**
 * PostgreSQL's end of sign-in: one statement of data-modifying CTEs over a row
 * per sign-in (one round trip instead of six). The sign-ins that finish while
 * the previous statement runs share the next one (../db/write-batch); a lone
 * one, or one inside a transaction, runs in a statement of its own.
 */
export async function finishOnPostgres(db: Kysely<DB>, f: Finish): Promise<FinishOutcome> {
  return db.isTransaction ? finishOne(db, f) : batchedFinish(db)(f);
}

/** A batch is at most this many sign-ins: the statement's arrays stay small and its plan the same. */
const MAX_BATCH = 64;

const step = (f: Finish) => (f.proof.kind === 'step' ? f.proof : null);

/** The statement's input, one array per column: [name, SQL type, value of one sign-in]. */
const COLUMNS: ReadonlyArray<readonly [string, 'text' | 'bigint', (f: Finish) => string | number | null]> = [
  ['user_id', 'text', (f) => f.userId],
  ['challenge_id', 'text', (f) => f.challengeId],
  ['now', 'bigint', (f) => f.now],
  ['step', 'bigint', (f) => step(f)?.step ?? null],
  ['enrolled_at', 'bigint', (f) => step(f)?.enrolledAt ?? null],
  ['code_id', 'text', (f) => (f.proof.kind === 'backup_code' ? f.proof.codeId : null)],
  ['s_id', 'text', (f) => f.session.id],
  ['s_token_hash', 'text', (f) => f.session.token_hash],
  ['s_kind', 'text', (f) => f.session.kind],
  ['s_created_at', 'bigint', (f) => f.session.created_at],
  ['s_expires_at', 'bigint', (f) => f.session.expires_at],
  ['s_two_factor_at', 'bigint', (f) => f.session.two_factor_at],
  ['s_device_id', 'text', (f) => f.session.device_id],
  ['s_ip', 'text', (f) => f.session.ip],
  ['d_id', 'text', (f) => f.device?.id ?? null],
  ['d_token_hash', 'text', (f) => f.device?.token_hash ?? null],
  ['d_label', 'text', (f) => f.device?.label ?? null],
  ['d_created_at', 'bigint', (f) => f.device?.created_at ?? null],
  ['d_last_used_at', 'bigint', (f) => f.device?.last_used_at ?? null],
  ['d_expires_at', 'bigint', (f) => f.device?.expires_at ?? null],
];

/**
 * Every sign-in's writes depend on its own row only: its proof is accepted on its own user (a TOTP step
 * only if newer than the last and the throttle allows; a backup code only if unused), its challenge is
 * consumed only if that proof was, its device and session created only if that challenge was. At most
 * one sign-in per user (the batcher's key), so no two rows touch one user's rows. The result has a row
 * per sign-in, by its position.
 *
 * When the proof is accepted but a parallel request consumed the challenge first, the statement commits
 * only the proof (the step or code is spent), and that sign-in must start over ('challenge').
 */
async function finishMany(db: Kysely<DB>, fs: readonly Finish[]): Promise<FinishOutcome[]> {
  const arrays: RawBuilder<unknown>[] = COLUMNS.map(
    ([, type, value]) => sql`cast(${fs.map(value)} as ${sql.raw(type)}[])`,
  );
  const names = sql.raw(COLUMNS.map(([name]) => name).join(', '));
  const { rows } = await sql<{ proved: boolean; consumed: boolean }>`
    with i as (select * from unnest(${sql.join(arrays)}) with ordinality as t(${names}, n)),
    stepped as (
      update users u set totp_last_step = i.step, failed_attempts = 0, last_failed_at = null, next_attempt_at = null
      from i
      where i.step is not null and u.id = i.user_id and u.totp_enrolled_at = i.enrolled_at
        and (u.totp_last_step is null or u.totp_last_step < i.step)
        and u.locked_at is null and u.failed_attempts < ${LOCK_AFTER}
        and (u.next_attempt_at is null or u.next_attempt_at <= i.now)
      returning i.n),
    spent as (
      update backup_codes b set used_at = i.now
      from i
      where i.code_id is not null and b.id = i.code_id and b.user_id = i.user_id and b.used_at is null
      returning i.n),
    proved as (select n from stepped union all select n from spent),
    consumed as (
      delete from challenges c using i
      where c.id = i.challenge_id and c.user_id = i.user_id and i.n in (select n from proved)
      returning i.n),
    remembered as (
      insert into devices (id, user_id, token_hash, label, created_at, last_used_at, expires_at)
      select d_id, user_id, d_token_hash, d_label, d_created_at, d_last_used_at, d_expires_at
      from i where d_id is not null and i.n in (select n from consumed)
      returning id),
    created as (
      insert into sessions (id, token_hash, user_id, kind, created_at, expires_at, two_factor_at, device_id, ip)
      select s_id, s_token_hash, user_id, s_kind, s_created_at, s_expires_at, s_two_factor_at, s_device_id, s_ip
      from i where i.n in (select n from consumed)
      returning user_id)
    select i.n in (select n from proved) as proved, i.n in (select n from consumed) as consumed
    from i order by i.n ${PREPARED}`.execute(db);
  if (rows.length !== fs.length) throw new Error(`finishMany: ${rows.length} results for ${fs.length} sign-ins`);
  return rows.map((r, i) => (r.proved ? (r.consumed ? 'ok' : 'challenge') : (fs[i] as Finish).proof.kind));
}

async function finishOne(db: Kysely<DB>, f: Finish): Promise<FinishOutcome> {
  return (await finishMany(db, [f]))[0] as FinishOutcome;
}

const batchedFinish = perDatabase((db) =>
  batchedWrites<Finish, FinishOutcome>({
    key: (f) => f.userId,
    many: (fs) => finishMany(db, fs),
    one: (f) => finishOne(db, f),
    max: MAX_BATCH,
  }),
);
