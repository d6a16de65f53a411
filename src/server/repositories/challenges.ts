import { type InferResult, type Kysely, type QueryCreator, sql } from 'kysely';
import { coalesced } from '../db/coalesce';
import { isPostgres } from '../db/connect';
import { perDatabase } from '../db/per-database';
import type { DB } from '../db/schema';
import { hashToken, newId, newToken } from '../domain/tokens';
import { byKey, changedRows, precompiled, prepared } from './precompiled';
import { attemptAllowed } from './user-throttle';

/** A sign-in challenge lives 5 minutes between the password and the code. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

type IssueArgs = [userId: string, now: number, id: string, tokenHash: string, expiresAt: number];

/** The new challenge, inserted only when the user may try now; on PostgreSQL the user row is read FOR SHARE. */
const insertIfAllowed = (q: QueryCreator<DB>, postgres: boolean, [userId, now, id, tokenHash, expiresAt]: IssueArgs) =>
  q
    .insertInto('challenges')
    .columns(['id', 'token_hash', 'user_id', 'created_at', 'expires_at'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select([
          sql.val(id).as('id'),
          sql.val(tokenHash).as('token_hash'),
          'users.id as user_id',
          sql.val(now).as('created_at'),
          sql.val(expiresAt).as('expires_at'),
        ])
        .where('users.id', '=', userId)
        .where(attemptAllowed(now))
        .$if(postgres, (s) => s.forShare()),
    );

/** Old, expired challenges of this user go with each new one, so the table does not grow. */
const deleteExpired = (q: QueryCreator<DB>, userId: string, now: number) =>
  q.deleteFrom('challenges').where('user_id', '=', userId).where('expires_at', '<=', now);

// Built and compiled once (./precompiled): the password step is argon2 and these, and building them on every
// sign-in cost the event loop 0.5–1.0 ms of the 1.7–3.0 ms of CPU it spent per sign-in (docs/service.md).
const deleteExpiredQuery = precompiled<[string, number]>((db, userId, now) => deleteExpired(db, userId, now), 2);
const insertQuery = precompiled<IssueArgs>((db, ...args) => insertIfAllowed(db, false, args), 5);
/** PostgreSQL: both in one statement, one round trip. The rows it deletes have expired; the one it inserts has not. */
const issueQueryPg = precompiled<IssueArgs>(
  (db, ...args) =>
    insertIfAllowed(
      // The CTE adds a name the insert never reads, so it is built as on the plain database.
      db.with('expired', (q) => deleteExpired(q, args[0], args[1]).returning('id')) as unknown as QueryCreator<DB>,
      true,
      args,
    ),
  5,
);

/**
 * The password step's challenge, created only if the account may try now (`attemptAllowed`, checked in the
 * same statement as the insert): null when it may not, and the right password is then not revealed. A no-op
 * write to the user row used to re-check the throttle before the insert: a statement and a row version per
 * sign-in (on PostgreSQL 1,030 bytes of WAL a sign-in against 683 now). `FOR SHARE` makes the check wait for a
 * failure being recorded at that instant and read its outcome, as the write did.
 */
export async function issueChallenge(db: Kysely<DB>, userId: string, now: number): Promise<string | null> {
  const token = newToken();
  const args: IssueArgs = [userId, now, newId(), hashToken(token), now + CHALLENGE_TTL_MS];
  if (isPostgres(db)) return changedRows(await issueQueryPg(db, ...args)) ? token : null;
  await deleteExpiredQuery(db, userId, now);
  return changedRows(await insertQuery(db, ...args)) ? token : null;
}

export async function createChallenge(db: Kysely<DB>, userId: string, now: number): Promise<string> {
  const token = newToken();
  await deleteExpiredQuery(db, userId, now);
  await db
    .insertInto('challenges')
    .values({
      id: newId(),
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: now + CHALLENGE_TTL_MS,
    })
    .$call(prepared)
    .execute();
  return token;
}

/**
 * What the second step reads of the user: the API's view of them and the TOTP
 * state, not the password hash or the search text.
 */
const SECOND_STEP_COLUMNS = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.org_id',
  'u.last_reset_at',
  'u.totp_secret',
  'u.totp_enrolled_at',
  'u.totp_last_step',
] as const;

const challengeWithUserSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('challenges as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(SECOND_STEP_COLUMNS)
    .select([
      'c.id as challenge_id',
      'c.expires_at as challenge_expires_at',
      'o.name as org_name',
      'o.kind as org_kind',
      'o.partner_id as org_partner_id',
      'o.requires_2fa as org_requires_2fa',
    ]);
const challengeWithUserQuery = (db: Kysely<DB>, tokenHash: string) =>
  challengeWithUserSelect(db).where('c.token_hash', '=', byKey(tokenHash));
const challengeWithUser = precompiled<[string]>(challengeWithUserQuery, 1);

export type ChallengeWithUser = InferResult<ReturnType<typeof challengeWithUserQuery>>[number];

/** The same lookup for many challenges at once (PostgreSQL; a unique index scan with an array of keys). */
const challengesWithUsers = precompiled<[string[]]>(
  (db, hashes) =>
    challengeWithUserSelect(db)
      .select('c.token_hash')
      .where('c.token_hash', '=', sql<string>`any(cast(${hashes} as text[]))`),
  1,
);

/** PostgreSQL's lookups of one event-loop turn, made as one statement (../db/coalesce). */
const coalescedLookup = perDatabase((db) =>
  coalesced(async (hashes: string[]) => {
    const { rows } = await challengesWithUsers<ChallengeWithUser & { token_hash: string }>(db, hashes);
    return new Map(rows.map(({ token_hash, ...row }) => [token_hash, row]));
  }),
);

/**
 * The challenge with its user and org in one round trip: the hot path of sign-in. On PostgreSQL the lookups
 * of concurrent sign-ins share their round trip; SQLite answers each at once, on the connection, and a
 * transaction's lookups stay on its connection.
 */
export async function findChallengeWithUser(db: Kysely<DB>, token: string): Promise<ChallengeWithUser | undefined> {
  const hash = hashToken(token);
  if (!db.isTransaction && isPostgres(db)) return coalescedLookup(db)(hash);
  const result = await challengeWithUser<ChallengeWithUser>(db, hash);
  return result.rows[0];
}

/** consumeChallenge's statement (challenge id), for the direct end of sign-in on SQLite. */
export const consumeChallengeQuery = precompiled<[string]>(
  (db, id: string) => db.deleteFrom('challenges').where('id', '=', id),
  1,
);

/** Single use: only the request that deletes the row may finish the sign-in. */
export async function consumeChallenge(db: Kysely<DB>, id: string): Promise<boolean> {
  return changedRows(await consumeChallengeQuery(db, id));
}

export async function deleteUserChallenges(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('challenges').where('user_id', '=', userId).$call(prepared).execute();
}
