import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChallenge } from '../../../src/server/repositories/challenges';
import { DEMO_PASSWORD } from '../../../src/server/seed/demo-data';
import { apiErrorBody } from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { type Enrolled, enrolDirect, giveCredentials, sessionFor, snapshot, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

const codeOf = (body: unknown) => apiErrorBody.parse(body).error.code;

describe.each(ENGINES)('attacks on %s', (engine) => {
  let h: Harness;
  const users = new Map<string, { id: string; totp: Enrolled }>();

  /** A fresh enrolled demo user per scenario, so throttle counts never leak between tests. */
  const enrolled = async (email: string) => {
    const id = await userIdByEmail(h.ctx.db, email);
    const totp = await enrolDirect(h.ctx, id);
    users.set(email, { id, totp });
    return { id, totp };
  };
  const challengeFor = (userId: string) => createChallenge(h.ctx.db, userId, h.clock.t);
  const answer = (challengeToken: string, body: Record<string, unknown>) =>
    h.post('/api/auth/2fa', { challengeToken, ...body });
  /** A six-digit code that is none of the three the window accepts now. */
  const wrongCode = (totp: Enrolled) => {
    const valid = new Set([-1, 0, 1].map((o) => totp.code(h.clock.t, o)));
    for (let n = 0; ; n++) {
      const candidate = String(n).padStart(6, '0');
      if (!valid.has(candidate)) return candidate;
    }
  };

  beforeAll(async () => {
    h = await startHarness(engine, 'attacks');
  });
  afterAll(() => h.close());

  it('a replayed code is refused, as is an older step, and nothing beyond one step of drift is accepted', async () => {
    const { id, totp } = await enrolled('colin@birch.test');
    expect((await answer(await challengeFor(id), { code: totp.code(h.clock.t) })).status).toBe(200);

    const replay = await answer(await challengeFor(id), { code: totp.code(h.clock.t) });
    expect([replay.status, codeOf(replay.body)]).toEqual([401, 'code_already_used']);
    expect(replay.body).toMatchObject({ error: { message: 'That code was already used. Wait for the next code.' } });
    const older = await answer(await challengeFor(id), { code: totp.code(h.clock.t, -1) });
    expect(codeOf(older.body)).toBe('code_already_used');
    const tooFar = await answer(await challengeFor(id), { code: totp.code(h.clock.t, 2) });
    expect(codeOf(tooFar.body)).toBe('invalid_code');
    expect((await answer(await challengeFor(id), { code: totp.code(h.clock.t, 1) })).status).toBe(200);
  });

  it('ten parallel sign-ins with one code: exactly one passes', async () => {
    const { id, totp } = await enrolled('chloe@cobalt.test');
    const challenges = await Promise.all(Array.from({ length: 10 }, () => challengeFor(id)));
    const code = totp.code(h.clock.t);
    const replies = await Promise.all(challenges.map((c) => answer(c, { code })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(['code_already_used', 'too_many_attempts']).toContain(codeOf(r.body));
    }
  });

  it('twenty parallel uses of one backup code: exactly one passes', async () => {
    const { id, totp } = await enrolled('dev@delta.test');
    const challenges = await Promise.all(Array.from({ length: 20 }, () => challengeFor(id)));
    const replies = await Promise.all(challenges.map((c) => answer(c, { backupCode: totp.backupCodes[3] })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(['invalid_code', 'too_many_attempts']).toContain(codeOf(r.body));
    }
    const used = await h.ctx.db
      .selectFrom('backup_codes')
      .select('used_at')
      .where('user_id', '=', id)
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(1);
  });

  it('password guessing reaches 429 after five failures, with the wait in the answer', async () => {
    const email = 'eli@ember.test';
    for (let i = 0; i < 5; i++) {
      const r = await h.post('/api/auth/login', { email, password: `wrong-${i}` });
      expect([r.status, codeOf(r.body)]).toEqual([401, 'invalid_credentials']);
    }
    const throttled = await h.post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect([throttled.status, codeOf(throttled.body)]).toEqual([429, 'too_many_attempts']);
    expect(apiErrorBody.parse(throttled.body).error.retryAfter).toBe(1);
    expect(throttled.headers['retry-after']).toBe('1');
    h.clock.advance(1000);
    expect((await h.post('/api/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('code guessing backs off exponentially, never reveals a right code while throttled, and locks at 100', async () => {
    const { id, totp } = await enrolled('ella@ember.test');
    let challenge = await challengeFor(id);
    for (let i = 1; i <= 5; i++)
      expect(codeOf((await answer(challenge, { code: wrongCode(totp) })).body)).toBe('invalid_code');
    const right = await answer(challenge, { code: totp.code(h.clock.t) });
    expect([right.status, codeOf(right.body)]).toEqual([429, 'too_many_attempts']);

    const waits: number[] = [];
    let last = right;
    for (let failures = 5; failures < 100; failures++) {
      const retryAfter = apiErrorBody.parse(last.body).error.retryAfter ?? 0;
      h.clock.advance(retryAfter * 1000);
      challenge = await challengeFor(id); // earlier ones may have expired while waiting
      last = await answer(challenge, { code: wrongCode(totp) });
      if (failures < 99) {
        expect(codeOf(last.body)).toBe('invalid_code');
        last = await answer(challenge, { code: wrongCode(totp) });
        expect(codeOf(last.body)).toBe('too_many_attempts');
        waits.push(apiErrorBody.parse(last.body).error.retryAfter ?? 0);
      }
    }
    expect(waits.slice(0, 6)).toEqual([2, 4, 8, 16, 32, 64]);
    expect(Math.max(...waits)).toBe(900);
    expect([last.status, codeOf(last.body)]).toEqual([423, 'account_locked']);

    // Locked: the right password and the right code are both refused, however long one waits.
    h.clock.advance(24 * 3600 * 1000);
    const login = await h.post('/api/auth/login', { email: 'ella@ember.test', password: DEMO_PASSWORD });
    expect(codeOf(login.body)).toBe('account_locked');
    expect(codeOf((await answer(await challengeFor(id), { code: totp.code(h.clock.t) })).body)).toBe('account_locked');

    // An admin reset clears the lock with the rest of the 2FA state.
    const admin = await userIdByEmail(h.ctx.db, 'ada@twofold.test');
    await enrolDirect(h.ctx, admin);
    expect((await h.post(`/api/admin/users/${id}/2fa/reset`, {}, await sessionFor(h.ctx, admin))).status).toBe(200);
    const after = await h.post('/api/auth/login', { email: 'ella@ember.test', password: DEMO_PASSWORD });
    expect(after.body.status).toBe('2fa_setup_required');
  });

  it('a reset without a fresh step-up is refused and changes nothing; a step-up code then allows it', async () => {
    const { id: target } = await enrolled('cara@birch.test');
    await giveCredentials(h.ctx, target);
    const admin = await enrolled('peter@abacus.test');
    const never = await sessionFor(h.ctx, admin.id, null);
    const stale = await sessionFor(h.ctx, admin.id, h.clock.t - 10 * 60 * 1000 - 1);
    const before = await snapshot(h.ctx.db, target);

    for (const token of [never, stale]) {
      const r = await h.post(`/api/admin/users/${target}/2fa/reset`, { reason: 'x' }, token);
      expect([r.status, codeOf(r.body)]).toEqual([401, 'step_up_required']);
    }
    expect(await snapshot(h.ctx.db, target)).toEqual(before);

    const stepUp = await h.post('/api/auth/step-up', { code: admin.totp.code(h.clock.t) }, stale);
    expect(stepUp.status).toBe(200);
    expect((await h.post(`/api/admin/users/${target}/2fa/reset`, { reason: 'x' }, stale)).status).toBe(200);
  });

  it('a reset of a user outside the caller’s firm answers 404, exactly like an unknown id, and changes nothing', async () => {
    const { id: target } = await enrolled('olive@abacus.test');
    const outsider = await enrolled('lena@ledgerline.test');
    const token = await sessionFor(h.ctx, outsider.id);
    const before = await snapshot(h.ctx.db, target);

    const outOfScope = await h.post(`/api/admin/users/${target}/2fa/reset`, { reason: 'x' }, token);
    const unknown = await h.post(
      '/api/admin/users/00000000-0000-4000-8000-000000000000/2fa/reset',
      { reason: 'x' },
      token,
    );
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.body).toEqual(unknown.body);
    expect((await h.get(`/api/admin/users/${target}`, token)).body).toEqual(unknown.body);
    expect(await snapshot(h.ctx.db, target)).toEqual(before);
  });

  it('a challenge expires after five minutes', async () => {
    const { id, totp } = await enrolled('dana@delta.test');
    const challenge = await challengeFor(id);
    h.clock.advance(5 * 60 * 1000 + 1);
    const r = await answer(challenge, { code: totp.code(h.clock.t) });
    expect([r.status, codeOf(r.body)]).toEqual([401, 'challenge_expired']);
  });
});
