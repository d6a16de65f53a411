import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHALLENGE_TTL_MS,
  createChallenge,
  findChallengeWithUser,
  issueChallenge,
} from '../../../../src/server/repositories/challenges';
import { ENGINES } from '../support/engines';
import { type Harness, startHarness } from '../support/harness';

/**
 * The sign-in's challenge lookup. On PostgreSQL the lookups of one event-loop
 * turn share one statement (src/server/db/coalesce.ts): each caller must still
 * get its own challenge and user, never a neighbour's.
 */
describe.each(ENGINES)('challenge lookups on %s', (engine) => {
  let h: Harness;
  let users: Array<{ id: string; email: string }>;
  beforeAll(async () => {
    h = await startHarness(engine, 'challenges');
    users = await h.ctx.db.selectFrom('users').select(['id', 'email']).orderBy('id').limit(5).execute();
  });
  afterAll(() => h.close());

  it('answers parallel lookups each with its own challenge and user, and unknown tokens with nothing', async () => {
    const tokens = await Promise.all(users.map((u) => createChallenge(h.ctx.db, u.id, h.clock.now())));
    const asked = [...tokens, 'no-such-challenge', tokens[0] as string];
    const spy = vi.spyOn(h.ctx.db, 'executeQuery');
    try {
      const found = await Promise.all(asked.map((t) => findChallengeWithUser(h.ctx.db, t)));
      expect(found.map((row) => row && { id: row.id, email: row.email })).toEqual([...users, undefined, users[0]]);
      expect(found.every((row) => row === undefined || !('token_hash' in row))).toBe(true);
      // One statement for the seven lookups on PostgreSQL; SQLite runs each on the connection, past the executor.
      expect(spy.mock.calls.length).toBe(engine === 'postgres' ? 1 : 0);
    } finally {
      spy.mockRestore();
    }
    // A later turn looks up again.
    expect((await findChallengeWithUser(h.ctx.db, tokens[1] as string))?.id).toBe(users[1]?.id);
  });
});

/** The password step's challenge: issued only while the account may try, in the statement that inserts it. */
describe.each(ENGINES)('issuing a challenge after the password on %s', (engine) => {
  let h: Harness;
  let id: string;
  let other: string;
  const challengesOf = (userId: string) =>
    h.ctx.db.selectFrom('challenges').select(['id', 'expires_at']).where('user_id', '=', userId).execute();
  const setThrottle = (values: { locked_at?: number | null; next_attempt_at?: number | null }) =>
    h.ctx.db.updateTable('users').set(values).where('id', '=', id).execute();

  beforeAll(async () => {
    h = await startHarness(engine, 'issue-challenge');
    [id, other] = (await h.ctx.db.selectFrom('users').select('id').orderBy('id').limit(2).execute()).map(
      (u) => u.id,
    ) as [string, string];
  });
  afterAll(() => h.close());

  it('issues one the second step can find, and clears only this user’s expired ones', async () => {
    const stale = await createChallenge(h.ctx.db, id, h.clock.now() - CHALLENGE_TTL_MS - 1);
    await createChallenge(h.ctx.db, other, h.clock.now() - CHALLENGE_TTL_MS - 1);
    const token = await issueChallenge(h.ctx.db, id, h.clock.now());
    expect(token).toEqual(expect.any(String));
    expect((await findChallengeWithUser(h.ctx.db, token as string))?.id).toBe(id);
    expect(await findChallengeWithUser(h.ctx.db, stale)).toBeUndefined();
    expect(await challengesOf(id)).toEqual([{ id: expect.any(String), expires_at: h.clock.now() + CHALLENGE_TTL_MS }]);
    expect(await challengesOf(other)).toHaveLength(1);
  });

  it.each([
    ['locked', { locked_at: 1 }],
    ['backing off', { next_attempt_at: Number.MAX_SAFE_INTEGER }],
  ])('issues none while the account is %s', async (_, throttle) => {
    await setThrottle(throttle);
    try {
      const before = await challengesOf(id);
      expect(await issueChallenge(h.ctx.db, id, h.clock.now())).toBeNull();
      expect(await challengesOf(id)).toEqual(before);
    } finally {
      await setThrottle({ locked_at: null, next_attempt_at: null });
    }
  });

  // PostgreSQL only: SQLite runs one writer at a time on the service's one connection, so no failure can be
  // half-written beside the insert there.
  if (engine !== 'postgres') return;
  it('waits for a lock being written at that instant and honours it', async () => {
    let updated!: () => void;
    let commit!: () => void;
    const locking = h.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ locked_at: h.clock.now() }).where('id', '=', id).execute();
      updated();
      await new Promise<void>((resolve) => {
        commit = resolve;
      });
    });
    await new Promise<void>((resolve) => {
      updated = resolve;
    });
    let settled = false;
    const issuing = issueChallenge(h.ctx.db, id, h.clock.now()).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    commit();
    await locking;
    try {
      expect(await issuing).toBeNull();
    } finally {
      await setThrottle({ locked_at: null });
    }
  });
});
