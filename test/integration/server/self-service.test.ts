import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/server/seed/demo-data';
import { apiErrorBody, backupCodesResponseSchema, meSchema, stepUpResponseSchema } from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { enrolDirect, giveCredentials, sessionFor, snapshot, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

const codeOf = (body: unknown) => apiErrorBody.parse(body).error.code;

describe.each(ENGINES)('self-service 2FA on %s', (engine) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(engine, 'self');
  });
  afterAll(() => h.close());

  it('regenerates backup codes for a current code; the old ones stop working', async () => {
    const id = await userIdByEmail(h.ctx.db, 'lena@ledgerline.test');
    const totp = await enrolDirect(h.ctx, id);
    const token = await sessionFor(h.ctx, id);
    expect(codeOf((await h.post('/api/me/2fa/backup-codes', { code: '000000' }, token)).body)).toMatch(
      /invalid_code|code_already_used/,
    );
    const res = await h.post('/api/me/2fa/backup-codes', { code: totp.code(h.clock.t) }, token);
    const fresh = backupCodesResponseSchema.parse(res.body).backupCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => totp.backupCodes.includes(c))).toBe(false);
    expect(meSchema.parse((await h.get('/api/me', token)).body).twoFactor.backupCodesRemaining).toBe(10);

    const login = await h.post('/api/auth/login', { email: 'lena@ledgerline.test', password: DEMO_PASSWORD });
    const old = await h.post('/api/auth/2fa', {
      challengeToken: login.body.challengeToken,
      backupCode: totp.backupCodes[0],
    });
    expect(codeOf(old.body)).toBe('invalid_code');
    const works = await h.post('/api/auth/2fa', { challengeToken: login.body.challengeToken, backupCode: fresh[0] });
    expect(works.status).toBe(200);
  });

  it('refuses to disable 2FA while the organisation requires it, and changes nothing', async () => {
    const id = await userIdByEmail(h.ctx.db, 'liam@ledgerline.test');
    const totp = await enrolDirect(h.ctx, id);
    const token = await sessionFor(h.ctx, id);
    const before = await snapshot(h.ctx.db, id);
    const me = meSchema.parse((await h.get('/api/me', token)).body);
    expect(me.org.requires2fa).toBe(true);
    const r = await h.post('/api/me/2fa/disable', { password: DEMO_PASSWORD, code: totp.code(h.clock.t) }, token);
    expect([r.status, codeOf(r.body)]).toEqual([403, 'two_factor_required_by_org']);
    expect(await snapshot(h.ctx.db, id)).toEqual(before);
  });

  it('disables 2FA with password and code where the organisation allows it', async () => {
    await h.ctx.db.updateTable('orgs').set({ requires_2fa: 0 }).where('id', '=', 'org-ember').execute();
    const email = 'eli@ember.test';
    const id = await userIdByEmail(h.ctx.db, email);
    const totp = await enrolDirect(h.ctx, id);
    await giveCredentials(h.ctx, id);
    const token = await sessionFor(h.ctx, id);

    const wrongPassword = await h.post(
      '/api/me/2fa/disable',
      { password: 'nope-nope', code: totp.code(h.clock.t) },
      token,
    );
    expect(codeOf(wrongPassword.body)).toBe('invalid_credentials');
    const ok = await h.post('/api/me/2fa/disable', { password: DEMO_PASSWORD, code: totp.code(h.clock.t) }, token);
    expect(ok.status).toBe(200);
    const after = await snapshot(h.ctx.db, id);
    expect(after.user).toMatchObject({ totp_secret: null, totp_enrolled_at: null });
    expect(after).toMatchObject({ devices: 0, backupCodes: 0 });
    // Without 2FA and without an org requirement, the password alone signs in.
    expect((await h.post('/api/auth/login', { email, password: DEMO_PASSWORD })).body.status).toBe('signed_in');
  });

  it('step-up renews the proof of 2FA for ten minutes', async () => {
    const id = await userIdByEmail(h.ctx.db, 'grace@twofold.test');
    const totp = await enrolDirect(h.ctx, id);
    const token = await sessionFor(h.ctx, id, null);
    const r = await h.post('/api/auth/step-up', { code: totp.code(h.clock.t) }, token);
    expect(stepUpResponseSchema.parse(r.body).validUntil).toBe(new Date(h.clock.t + 10 * 60 * 1000).toISOString());
    const replay = await h.post('/api/auth/step-up', { code: totp.code(h.clock.t) }, token);
    expect(codeOf(replay.body)).toBe('code_already_used');
  });
});
