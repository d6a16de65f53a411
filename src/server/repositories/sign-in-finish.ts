import type { Kysely } from 'kysely';
import type { Engine } from '../db/connect';
import type { DB, DeviceTable, SessionTable } from '../db/schema';
import { directSqlite, inDirectTransaction } from '../db/sqlite-direct';
import { markBackupCodeUsedQuery } from './backup-codes';
import { consumeChallengeQuery } from './challenges';
import { changedRows, precompiled } from './precompiled';
import { finishOnPostgres } from './sign-in-finish-pg';
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
 * instead of six), shared by the sign-ins that finish together
 * (./sign-in-finish-pg); SQLite, where a statement costs no round trip, in a
 * transaction run synchronously on the connection.
 */
export async function finishSecondStep(db: Kysely<DB>, engine: Engine, f: Finish): Promise<FinishOutcome> {
  return engine === 'postgres' ? finishOnPostgres(db, f) : finishInTransaction(db, f);
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
