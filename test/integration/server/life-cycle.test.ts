import { Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeForStep, stepAt } from '../../../src/server/domain/totp';
import { OUTBOX_DIR } from '../../../src/server/mail/transport';
import { DEMO_PASSWORD } from '../../../src/server/seed/demo-data';
import {
  apiErrorBody,
  auditListSchema,
  backupCodesResponseSchema,
  loginResponseSchema,
  meSchema,
  setupResponseSchema,
  twoFactorResponseSchema,
} from '../../../src/shared/api';
import { readOutbox } from '../../support/service';
import { ENGINES } from './support/engines';
import { enrolDirect, sessionFor, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

const USER = 'cole@cobalt.test'; // client_admin of Cobalt Logistics (Abacus & Co)
const ADMIN = 'paula@abacus.test'; // partner_admin of Abacus & Co

describe.each(ENGINES)('2FA life cycle on %s', (engine) => {
  let h: Harness;
  let secret: Secret;
  let backupCodes: string[];
  let deviceToken: string;
  const oldSessions: string[] = [];
  const step = (offset = 0) => codeForStep(secret, stepAt(h.clock.t) + offset);

  const login = async (extra: Record<string, unknown> = {}) => {
    const res = await h.post('/api/auth/login', { email: USER, password: DEMO_PASSWORD, ...extra });
    expect(res.status).toBe(200);
    return loginResponseSchema.parse(res.body);
  };
  const challenge = async () => {
    const res = await login();
    if (res.status !== '2fa_required') throw new Error(`expected a challenge, got ${res.status}`);
    return res.challengeToken;
  };

  beforeAll(async () => {
    h = await startHarness(engine, 'lifecycle');
  });
  afterAll(() => h.close());

  it('asks a first-time user of a 2FA-requiring org to set up, and the setup token may only enrol', async () => {
    const res = await login();
    expect(res.status).toBe('2fa_setup_required');
    if (res.status !== '2fa_setup_required') return;
    expect((await h.get('/api/admin/users', res.token)).body).toMatchObject({ error: { code: 'setup_required' } });
    expect((await h.post('/api/me/2fa/backup-codes', { code: '123456' }, res.token)).status).toBe(403);

    const setup = setupResponseSchema.parse((await h.post('/api/me/2fa/setup', undefined, res.token)).body);
    const uri = new URL(setup.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe('Twofold');
    expect(decodeURIComponent(uri.pathname)).toContain(USER);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(setup.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    secret = Secret.fromBase32(setup.secret);
    expect(secret.bytes).toHaveLength(20);
    // The secret is sealed at rest: the database holds no base32 or raw form of it.
    const row = await h.ctx.db.selectFrom('users').select('totp_pending').where('email', '=', USER).executeTakeFirst();
    expect(row?.totp_pending).toMatch(/^v1\./);
    expect(row?.totp_pending).not.toContain(setup.secret);

    expect((await h.post('/api/me/2fa/enable', { code: '000000' }, res.token)).body).toMatchObject({
      error: { code: 'invalid_code' },
    });
    const enabled = backupCodesResponseSchema.parse(
      (await h.post('/api/me/2fa/enable', { code: step() }, res.token)).body,
    );
    expect(enabled.backupCodes).toHaveLength(10);
    expect(new Set(enabled.backupCodes).size).toBe(10);
    backupCodes = enabled.backupCodes;

    const me = meSchema.parse((await h.get('/api/me', res.token)).body);
    expect(me.twoFactor).toMatchObject({ enabled: true, backupCodesRemaining: 10 });
    expect(JSON.stringify(me)).not.toContain(setup.secret);
    // Once enrolled, a new setup is refused instead of re-issuing (or revealing) a secret.
    expect((await h.post('/api/me/2fa/setup', undefined, res.token)).body).toMatchObject({
      error: { code: 'already_enrolled' },
    });
    oldSessions.push(res.token);
  });

  it('signs in with the next code, then with a backup code once only', async () => {
    const signedIn = await h.post('/api/auth/2fa', { challengeToken: await challenge(), code: step(1) });
    expect(signedIn.status).toBe(200);
    oldSessions.push(twoFactorResponseSchema.parse(signedIn.body).token);

    const first = await h.post('/api/auth/2fa', { challengeToken: await challenge(), backupCode: backupCodes[0] });
    expect(first.status).toBe(200);
    oldSessions.push(twoFactorResponseSchema.parse(first.body).token);
    const again = await h.post('/api/auth/2fa', { challengeToken: await challenge(), backupCode: backupCodes[0] });
    expect(again.status).toBe(401);
    expect(apiErrorBody.parse(again.body).error.code).toBe('invalid_code');
    expect(meSchema.parse((await h.get('/api/me', oldSessions[0])).body).twoFactor.backupCodesRemaining).toBe(9);
  });

  it('remembers a device for 30 days: its token skips the code', async () => {
    h.clock.advance(60_000);
    const res = await h.post('/api/auth/2fa', {
      challengeToken: await challenge(),
      code: step(),
      rememberDevice: true,
    });
    const body = twoFactorResponseSchema.parse(res.body);
    expect(body.deviceToken).toMatch(/^[\w-]{43}$/);
    deviceToken = body.deviceToken as string;
    oldSessions.push(body.token);

    const skipped = await login({ deviceToken });
    expect(skipped.status).toBe('signed_in');
    if (skipped.status === 'signed_in') oldSessions.push(skipped.token);
    // Someone else's password with this device token still needs their own code.
    const other = await h.post('/api/auth/login', { email: 'cara@birch.test', password: DEMO_PASSWORD, deviceToken });
    expect(other.body.status).toBe('2fa_setup_required');
  });

  it('an admin reset revokes the device token, backup codes and sessions, and asks for setup again', async () => {
    const userId = await userIdByEmail(h.ctx.db, USER);
    const pendingChallenge = await challenge();
    const admin = await userIdByEmail(h.ctx.db, ADMIN);
    await enrolDirect(h.ctx, admin);
    const adminToken = await sessionFor(h.ctx, admin);

    const reset = await h.post(`/api/admin/users/${userId}/2fa/reset`, { reason: 'Lost phone' }, adminToken);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ twoFactor: { enabled: false, lastResetAt: new Date(h.clock.t).toISOString() } });

    for (const token of oldSessions) expect((await h.get('/api/me', token)).status).toBe(401);
    const withBackup = await h.post('/api/auth/2fa', { challengeToken: pendingChallenge, backupCode: backupCodes[1] });
    expect(apiErrorBody.parse(withBackup.body).error.code).toBe('challenge_expired');
    const withDevice = await login({ deviceToken });
    expect(withDevice.status).toBe('2fa_setup_required');
    const codes = await h.ctx.db.selectFrom('backup_codes').select('id').where('user_id', '=', userId).execute();
    expect(codes).toHaveLength(0);

    const audit = await h.get(`/api/admin/audit?targetId=${userId}`, adminToken);
    const events = auditListSchema.parse(audit.body).events;
    // Newest first: the reset, then the user's own enrolment.
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'user.2fa.reset:success',
      'user.2fa.enable:success',
    ]);
    expect(events[0]).toMatchObject({
      reason: 'Lost phone',
      target: { email: USER },
      actor: { email: ADMIN },
      ip: '127.0.0.1', // what the harness's injected requests come from
      requestId: expect.stringMatching(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/),
    });
    await h.ctx.mail.flush();
    const mail = await readOutbox(`${h.scratch.dir}/${OUTBOX_DIR}`);
    expect(mail).toEqual([expect.objectContaining({ to: USER, subject: expect.stringMatching(/reset/) })]);
    expect(mail[0]?.text).toContain('Lost phone');
  });

  it('lets the user enrol again after the reset, where the old backup codes and device token stay dead', async () => {
    const res = await login();
    if (res.status !== '2fa_setup_required') throw new Error(res.status);
    const setup = setupResponseSchema.parse((await h.post('/api/me/2fa/setup', undefined, res.token)).body);
    secret = Secret.fromBase32(setup.secret);
    const enabled = await h.post('/api/me/2fa/enable', { code: step() }, res.token);
    expect(backupCodesResponseSchema.parse(enabled.body).backupCodes).toHaveLength(10);
    expect((await login()).status).toBe('2fa_required');

    // Now that a challenge can be had again, each old backup code is refused as a wrong one.
    for (const old of backupCodes.slice(1)) {
      const res = await h.post('/api/auth/2fa', { challengeToken: await challenge(), backupCode: old });
      expect([res.status, apiErrorBody.parse(res.body).error.code]).toEqual([401, 'invalid_code']);
      h.clock.advance(5 * 60_000); // past the failure back-off, which this loop would otherwise reach
    }
    expect((await login({ deviceToken })).status).toBe('2fa_required');
  });
});
