import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema';
import { batchedWrites } from '../db/write-batch';
import { LOCK_AFTER } from '../domain/throttle';
import { PREPARED } from './precompiled';
import type { Finish, FinishOutcome } from './sign-in-finish';

/**
 * PostgreSQL's end of sign-in. Alone, one statement of data-modifying CTEs (one
 * round trip instead of six). Under load, the TOTP sign-ins that finish while
 * the previous statement runs share the next one (../db/write-batch): the same
 * CTEs over a row per sign-in, each row's writes conditional on its own proof.
 */
export async function finishOnPostgres(db: Kysely<DB>, f: Finish): Promise<FinishOutcome> {
  if (db.isTransaction || f.proof.kind !== 'step') return finishInOneStatement(db, f);
  return batchedFinish(db)(f as StepFinish);
}

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

/** A batch is at most this many sign-ins: the statement's arrays stay small and its plan the same. */
const MAX_BATCH = 64;

type StepFinish = Finish & { proof: Extract<Finish['proof'], { kind: 'step' }> };

/** The batched statement's input, one array per column: [name, SQL type, value of one sign-in]. */
const COLUMNS: ReadonlyArray<readonly [string, 'text' | 'bigint', (f: StepFinish) => string | number | null]> = [
  ['user_id', 'text', (f) => f.userId],
  ['challenge_id', 'text', (f) => f.challengeId],
  ['step', 'bigint', (f) => f.proof.step],
  ['enrolled_at', 'bigint', (f) => f.proof.enrolledAt],
  ['now', 'bigint', (f) => f.now],
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
 * Every sign-in's writes depend on its own row only: its step is accepted on its own user (one row per
 * user in a batch), its challenge consumed only if that step was, its device and session created only if
 * that challenge was. The result has a row per sign-in, by its position.
 */
async function finishMany(db: Kysely<DB>, fs: StepFinish[]): Promise<FinishOutcome[]> {
  const arrays: RawBuilder<unknown>[] = COLUMNS.map(
    ([, type, value]) => sql`cast(${fs.map(value)} as ${sql.raw(type)}[])`,
  );
  const names = sql.raw(COLUMNS.map(([name]) => name).join(', '));
  const { rows } = await sql<{ n: string; proved: boolean; consumed: boolean }>`
    with i as (select * from unnest(${sql.join(arrays)}) with ordinality as t(${names}, n)),
    proved as (
      update users u set totp_last_step = i.step, failed_attempts = 0, last_failed_at = null, next_attempt_at = null
      from i
      where u.id = i.user_id and u.totp_enrolled_at = i.enrolled_at
        and (u.totp_last_step is null or u.totp_last_step < i.step)
        and u.locked_at is null and u.failed_attempts < ${LOCK_AFTER}
        and (u.next_attempt_at is null or u.next_attempt_at <= i.now)
      returning i.n),
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
    select i.n, i.n in (select n from proved) as proved, i.n in (select n from consumed) as consumed
    from i order by i.n ${PREPARED}`.execute(db);
  if (rows.length !== fs.length) throw new Error(`finishMany: ${rows.length} results for ${fs.length} sign-ins`);
  return rows.map((r, i) => (r.proved ? (r.consumed ? 'ok' : 'challenge') : fs[i]?.proof.kind) as FinishOutcome);
}

const batchedByDb = new WeakMap<Kysely<DB>, (f: StepFinish) => Promise<FinishOutcome>>();

function batchedFinish(db: Kysely<DB>) {
  let finish = batchedByDb.get(db);
  if (!finish) {
    finish = batchedWrites<StepFinish, FinishOutcome>({
      key: (f) => f.userId,
      many: (fs) => finishMany(db, fs),
      one: (f) => finishInOneStatement(db, f),
      max: MAX_BATCH,
    });
    batchedByDb.set(db, finish);
  }
  return finish;
}
