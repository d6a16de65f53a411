import { burnPasswordCheck, verifyPassword } from '../domain/passwords';
import { summariseUserAgent } from '../domain/user-agent';
import { fail } from '../http/errors';
import { consumeChallenge, findChallengeWithUser, issueChallenge } from '../repositories/challenges';
import { findDevice, newDevice, touchDevice } from '../repositories/devices';
import { createSession, newSession } from '../repositories/sessions';
import { finishSecondStep } from '../repositories/sign-in-finish';
import { recordSuccess } from '../repositories/user-throttle';
import { findUserByEmail, type UserWithOrg } from '../repositories/users';
import type { Ctx, RequestMeta } from './context';
import { checkBackupCode, checkTotp, explainRefusedStep } from './second-factor';
import { failAttempt, throttled, throttleError } from './throttle';
import type { MeColumns } from './views';

export type LoginOutcome =
  | { status: 'signed_in'; token: string; user: UserWithOrg }
  | { status: '2fa_required'; challengeToken: string }
  | { status: '2fa_setup_required'; token: string; user: UserWithOrg };

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
      return { status: 'signed_in', token: session.token, user };
    }
    const challengeToken = await issueChallenge(ctx.db, user.id, now);
    if (!challengeToken) return throttled(ctx, user.id);
    return { status: '2fa_required', challengeToken };
  }

  if (!(await recordSuccess(ctx.db, user.id, now))) return throttled(ctx, user.id);
  const kind = needsSetup(user) ? 'setup' : 'full';
  const session = await createSession(ctx.db, { userId: user.id, kind, now, twoFactorAt: null, deviceId: null, ip });
  return kind === 'setup'
    ? { status: '2fa_setup_required', token: session.token, user }
    : { status: 'signed_in', token: session.token, user };
}

export interface SecondStepInput {
  challengeToken: string;
  code?: string | undefined;
  backupCode?: string | undefined;
  rememberDevice?: boolean | undefined;
}

export interface SecondStepOutcome {
  token: string;
  user: MeColumns;
  device: { token: string; expiresAt: number } | null;
}

/**
 * Step two: a TOTP code or a backup code against a live challenge. The code is
 * checked here; accepting it, consuming the single-use challenge and creating
 * the session then happen atomically in the database (finishSecondStep).
 */
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
  const row = await findChallengeWithUser(ctx.db, input.challengeToken);
  if (!row || row.challenge_expires_at <= ctx.now()) throw fail.challengeExpired();
  const { challenge_id: challengeId, challenge_expires_at: _, ...user } = row;
  if (user.totp_enrolled_at === null) {
    // Reset since the password step: the user must sign in again and will be asked to enrol.
    await consumeChallenge(ctx.db, challengeId);
    throw fail.challengeExpired();
  }
  const checkedStep = input.code ? await checkTotp(ctx, user, input.code) : null;
  const backupCodeId = checkedStep ? null : await checkBackupCode(ctx, user.id, input.backupCode as string);

  const now = ctx.now();
  const device = input.rememberDevice ? newDevice(user.id, summariseUserAgent(meta.userAgent), now) : null;
  const session = newSession({
    userId: user.id,
    kind: 'full',
    now,
    twoFactorAt: now,
    deviceId: device?.row.id ?? null,
    ip: meta.ip,
  });
  const outcome = await finishSecondStep(ctx.db, ctx.engine, {
    userId: user.id,
    challengeId,
    now,
    proof: checkedStep
      ? { kind: 'step', step: checkedStep.step, enrolledAt: checkedStep.enrolledAt }
      : { kind: 'backup_code', codeId: backupCodeId as string },
    session: session.row,
    device: device?.row ?? null,
  });
  if (outcome === 'challenge') throw fail.challengeExpired();
  if (outcome === 'backup_code') return failAttempt(ctx, user.id, fail.invalidBackupCode());
  if (outcome === 'step') return explainRefusedStep(ctx, user.id);
  return {
    token: session.token,
    user,
    device: device ? { token: device.token, expiresAt: device.row.expires_at } : null,
  };
}
