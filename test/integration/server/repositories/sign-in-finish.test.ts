import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../../../src/server/domain/tokens';
import { createChallenge } from '../../../../src/server/repositories/challenges';
import { newDevice } from '../../../../src/server/repositories/devices';
import { newSession } from '../../../../src/server/repositories/sessions';
import { type Finish, finishSecondStep } from '../../../../src/server/repositories/sign-in-finish';
import { ENGINES } from '../support/engines';
import { type Harness, startHarness } from '../support/harness';

const ENROLLED_AT = 1_000;
const STEP = 50_000_000;

/**
 * The end of sign-in, all or nothing for each sign-in. On PostgreSQL the
 * sign-ins that finish together share one statement (src/server/db/write-batch.ts):
 * each must get exactly the outcome it would get alone, and a neighbour's
 * failure must not become its own.
 */
describe.each(ENGINES)('the end of sign-in on %s', (engine) => {
  let h: Harness;
  let userIds: string[];
  beforeAll(async () => {
    h = await startHarness(engine, 'finish');
    userIds = (await h.ctx.db.selectFrom('users').select('id').orderBy('id').limit(11).execute()).map((u) => u.id);
    await h.ctx.db
      .updateTable('users')
      .set({ totp_enrolled_at: ENROLLED_AT, totp_last_step: null, failed_attempts: 0, locked_at: null })
      .where('id', 'in', userIds)
      .execute();
  });
  afterAll(() => h.close());

  /** A sign-in of a user with a live challenge, proving `step` (or a backup code). */
  async function signIn(
    userId: string,
    step: number,
    opts: { remember?: boolean; enrolledAt?: number; backupCodeId?: string } = {},
  ) {
    const token = await createChallenge(h.ctx.db, userId, h.clock.now());
    const challenge = await h.ctx.db
      .selectFrom('challenges')
      .select('id')
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    const now = h.clock.now();
    const device = opts.remember ? newDevice(userId, 'Firefox on Linux', now).row : null;
    const session = newSession({
      userId,
      kind: 'full',
      now,
      twoFactorAt: now,
      deviceId: device?.id ?? null,
      ip: '::1',
    });
    const finish: Finish = {
      userId,
      challengeId: challenge.id,
      now,
      proof: opts.backupCodeId
        ? { kind: 'backup_code', codeId: opts.backupCodeId }
        : { kind: 'step', step, enrolledAt: opts.enrolledAt ?? ENROLLED_AT },
      session: session.row,
      device,
    };
    return finish;
  }
  const sessionsOf = (userId: string) =>
    h.ctx.db.selectFrom('sessions').select(['id', 'device_id']).where('user_id', '=', userId).execute();

  it('gives each of many parallel sign-ins its own outcome, as it would have alone', async () => {
    type Eight = [string, string, string, string, string, string, string, string];
    const [fresh, twice, stale, remembered, consumed, locked, coded, spentCode] = userIds as Eight;
    const backupCode = (id: string, userId: string, usedAt: number | null) => ({
      id,
      user_id: userId,
      salt: 'salt',
      code_hash: 'hash',
      used_at: usedAt,
      created_at: h.clock.now(),
    });
    await h.ctx.db
      .insertInto('backup_codes')
      .values([backupCode('bc-unused', coded, null), backupCode('bc-used', spentCode, h.clock.now() - 1000)])
      .execute();
    await h.ctx.db
      .updateTable('users')
      .set({ totp_last_step: STEP + 5 })
      .where('id', '=', stale)
      .execute();
    await h.ctx.db.updateTable('users').set({ locked_at: h.clock.now() }).where('id', '=', locked).execute();
    const finishes = [
      await signIn(fresh, STEP),
      await signIn(twice, STEP),
      await signIn(twice, STEP), // the same code in parallel: one wins
      await signIn(stale, STEP), // older than the step accepted last
      await signIn(remembered, STEP, { remember: true }),
      await signIn(consumed, STEP),
      await signIn(locked, STEP),
      await signIn(fresh, STEP + 1, { enrolledAt: ENROLLED_AT + 1 }), // enrolled anew since the code was checked
      await signIn(coded, 0, { backupCodeId: 'bc-unused' }),
      await signIn(spentCode, 0, { backupCodeId: 'bc-used' }), // used up since it was checked
    ];
    await h.ctx.db
      .deleteFrom('challenges')
      .where('id', '=', (finishes[5] as Finish).challengeId)
      .execute();

    const executor = h.ctx.db.getExecutor();
    const spy = vi.spyOn(executor, 'executeQuery');
    let outcomes: string[];
    try {
      outcomes = await Promise.all(finishes.map((f) => finishSecondStep(h.ctx.db, engine, f)));
      // PostgreSQL: one statement for the nine users, then the second sign-in of one user, which waited
      // to see the first one's step. SQLite runs each on its connection, past the executor.
      expect(spy.mock.calls.length).toBe(engine === 'postgres' ? 2 : 0);
    } finally {
      spy.mockRestore();
    }
    expect(outcomes).toEqual(['ok', 'ok', 'step', 'step', 'ok', 'challenge', 'step', 'step', 'ok', 'backup_code']);

    expect(await sessionsOf(fresh)).toHaveLength(1);
    expect(await sessionsOf(twice)).toHaveLength(1);
    expect(await sessionsOf(stale)).toHaveLength(0);
    expect(await sessionsOf(locked)).toHaveLength(0);
    expect(await sessionsOf(coded)).toHaveLength(1);
    expect(await sessionsOf(spentCode)).toHaveLength(0);
    const unused = await h.ctx.db.selectFrom('backup_codes').select('used_at').where('id', '=', 'bc-unused').execute();
    expect(unused.map((c) => Number(c.used_at))).toEqual([h.clock.now()]);
    const [kept] = await sessionsOf(remembered);
    const device = await h.ctx.db.selectFrom('devices').select('id').where('user_id', '=', remembered).execute();
    expect(device).toHaveLength(1);
    expect(kept?.device_id).toBe(device[0]?.id);
    // No session came of the consumed challenge. PostgreSQL's statement spends its step all the same (the
    // code was used once); SQLite’s transaction rolls back whole.
    expect(await sessionsOf(consumed)).toHaveLength(0);
    const steps = await h.ctx.db
      .selectFrom('users')
      .select(['id', 'totp_last_step'])
      .where('id', 'in', userIds)
      .execute();
    const stepOf = new Map(steps.map((s) => [s.id, Number(s.totp_last_step)]));
    expect([fresh, twice, stale, consumed].map((u) => stepOf.get(u))).toEqual([
      STEP,
      STEP,
      STEP + 5,
      engine === 'postgres' ? STEP : 0,
    ]);
    // The remaining challenges are those of the refused sign-ins.
    const left = await h.ctx.db
      .selectFrom('challenges')
      .select('id')
      .where(
        'id',
        'in',
        finishes.map((f) => f.challengeId),
      )
      .execute();
    expect(new Set(left.map((c) => c.id))).toEqual(
      new Set([2, 3, 6, 7, 9].map((i) => (finishes[i] as Finish).challengeId)),
    );
  });

  it('fails only the sign-in whose write fails, never its neighbours', async () => {
    const [a, b, c] = userIds.slice(8) as [string, string, string];
    await h.ctx.db
      .updateTable('users')
      .set({ totp_last_step: null, locked_at: null })
      .where('id', 'in', [a, b, c])
      .execute();
    const finishes = [await signIn(a, STEP + 10), await signIn(b, STEP + 10), await signIn(c, STEP + 10)];
    // b's session collides with a session that exists (a unique token hash): its write fails.
    const [existing] = await h.ctx.db.selectFrom('sessions').select('token_hash').limit(1).execute();
    (finishes[1] as Finish).session.token_hash = existing?.token_hash as string;
    const outcomes = await Promise.all(
      finishes.map((f) =>
        finishSecondStep(h.ctx.db, engine, f).then(
          (outcome) => outcome,
          () => 'failed',
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'failed', 'ok']);
    expect(await sessionsOf(b)).toHaveLength(0);
    // Nothing of b's sign-in was committed: its step is still to be accepted, its challenge still live.
    const user = await h.ctx.db.selectFrom('users').select('totp_last_step').where('id', '=', b).executeTakeFirst();
    expect(user?.totp_last_step).toBeNull();
    expect(await signIn(b, STEP + 10).then((f) => finishSecondStep(h.ctx.db, engine, f))).toBe('ok');
  });
});
