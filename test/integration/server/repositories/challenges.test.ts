import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChallenge, findChallengeWithUser } from '../../../../src/server/repositories/challenges';
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
