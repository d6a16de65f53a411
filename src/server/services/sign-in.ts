import { burnPasswordCheck, verifyPassword } from '../domain/passwords';
import { summariseUserAgent } from '../domain/user-agent';
import { fail } from '../http/errors';
import { consumeChallenge, createChallenge, findChallenge } from '../repositories/challenges';
import { createDevice, findDevice, touchDevice } from '../repositories/devices';
import { createSession } from '../repositories/sessions';
import { recordPass, recordSuccess } from '../repositories/user-throttle';
import { findUserByEmail, findUserById, type UserWithOrg } from '../repositories/users';
import type { Ctx, RequestMeta } from './context';
import { proveBackupCode, proveTotp } from './second-factor';
import { failAttempt, throttled, throttleError } from './throttle';

export type LoginOutcome =
  | { status: 'signed_in'; token: string; userId: string }
  | { status: '2fa_required'; challengeToken: string }
  | { status: '2fa_setup_required'; token: string; userId: string };

export function needsSetup(user: Pick<UserWithOrg, 'org_requires_2fa' | 'must_enrol_2fa'>): boolean {
  return user.org_requires_2fa === 1 || user.must_enrol_2fa === 1;
}

/**
 * Step one: the password. An enrolled user gets a challenge, unless a live
 * remembered-device token of theirs comes along; a user who must enrol gets a
 * session that may only enrol.
 */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string; deviceToken?: string | undefined },
  meta: RequestMeta,
): Promise<LoginOutcome> {
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    throw fail.invalidCredentials();
  }
  // A cheap early refusal saves the argon2 work; the writes below re-check atomically.
  const early = throttleError(user, ctx.now());
  if (early) throw early;
  if (!(await verifyPassword(user.password_hash, input.password))) {
    return failAttempt(ctx, user.id, fail.invalidCredentials());
  }
  const now = ctx.now();
  const ip = meta.ip;

  if (user.totp_enrolled_at !== null) {
    const device = input.deviceToken ? await findDevice(ctx.db, user.id, input.deviceToken, now) : undefined;
    if (device) {
      if (!(await recordSuccess(ctx.db, user.id, now))) return throttled(ctx, user.id);
      await touchDevice(ctx.db, device.id, now);
      const session = await createSession(ctx.db, {
        userId: user.id,
        kind: 'full',
        now,
        twoFactorAt: null,
        deviceId: device.id,
        ip,
      });
      return { status: 'signed_in', token: session.token, userId: user.id };
    }
    if (!(await recordPass(ctx.db, user.id, now))) return throttled(ctx, user.id);
    return { status: '2fa_required', challengeToken: await createChallenge(ctx.db, user.id, now) };
  }

  if (!(await recordSuccess(ctx.db, user.id, now))) return throttled(ctx, user.id);
  const kind = needsSetup(user) ? 'setup' : 'full';
  const session = await createSession(ctx.db, { userId: user.id, kind, now, twoFactorAt: null, deviceId: null, ip });
  return kind === 'setup'
    ? { status: '2fa_setup_required', token: session.token, userId: user.id }
    : { status: 'signed_in', token: session.token, userId: user.id };
}

export interface SecondStepInput {
  challengeToken: string;
  code?: string | undefined;
  backupCode?: string | undefined;
  rememberDevice?: boolean | undefined;
}

export interface SecondStepOutcome {
  token: string;
  userId: string;
  device: { token: string; expiresAt: number } | null;
}

/** Step two: a TOTP code or a backup code against a live challenge; the challenge is single-use. */
export async function completeSecondStep(
  ctx: Ctx,
  input: SecondStepInput,
  meta: RequestMeta,
): Promise<SecondStepOutcome> {
  const hasCode = !!input.code;
  const hasBackup = !!input.backupCode;
  if (hasCode === hasBackup) {
    throw fail.badRequest(hasCode ? 'backupCode' : 'code', 'Send either a 6-digit code or a backup code, not both.');
  }
  const challenge = await findChallenge(ctx.db, input.challengeToken);
  if (!challenge || challenge.expires_at <= ctx.now()) throw fail.challengeExpired();
  const user = await findUserById(ctx.db, challenge.user_id);
  if (!user || user.totp_enrolled_at === null) {
    // Reset since the password step: the user must sign in again and will be asked to enrol.
    await consumeChallenge(ctx.db, challenge.id);
    throw fail.challengeExpired();
  }
  if (input.code) await proveTotp(ctx, user, input.code);
  else await proveBackupCode(ctx, user.id, input.backupCode as string);

  if (!(await consumeChallenge(ctx.db, challenge.id))) throw fail.challengeExpired();
  const now = ctx.now();
  const device = input.rememberDevice
    ? await createDevice(ctx.db, user.id, summariseUserAgent(meta.userAgent), now)
    : null;
  const session = await createSession(ctx.db, {
    userId: user.id,
    kind: 'full',
    now,
    twoFactorAt: now,
    deviceId: device?.id ?? null,
    ip: meta.ip,
  });
  return {
    token: session.token,
    userId: user.id,
    device: device ? { token: device.token, expiresAt: device.expiresAt } : null,
  };
}
