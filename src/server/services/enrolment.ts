import QRCode from 'qrcode';
import { newBackupCodes } from '../domain/backup-codes';
import { verifyPassword } from '../domain/passwords';
import { matchStep, newTotpSecret, otpauthUri, secretFromBytes } from '../domain/totp';
import { fail } from '../http/errors';
import { writeAudit } from '../repositories/audit';
import { deleteBackupCodes, replaceBackupCodes } from '../repositories/backup-codes';
import { deleteUserDevices } from '../repositories/devices';
import { markTwoFactor } from '../repositories/sessions';
import { clearSecret, enableSecret, setPendingSecret } from '../repositories/user-totp';
import { findUserById, type UserWithOrg } from '../repositories/users';
import type { Ctx, RequestMeta } from './context';
import { proveTotp } from './second-factor';
import { failAttempt, throttleError } from './throttle';

/** A pending enrolment must be verified within this time, or setup starts over. */
export const PENDING_TTL_MS = 30 * 60 * 1000;

async function currentUser(ctx: Ctx, userId: string): Promise<UserWithOrg> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw fail.unauthorized();
  return user;
}

/** Starts (or restarts) an enrolment: a new 160-bit secret, kept sealed and pending until verified. */
export async function startSetup(ctx: Ctx, userId: string) {
  const user = await currentUser(ctx, userId);
  if (user.totp_enrolled_at !== null) throw fail.alreadyEnrolled();
  const secret = newTotpSecret();
  await setPendingSecret(ctx.db, user.id, ctx.box.seal(user.id, new Uint8Array(secret.buffer)), ctx.now());
  const uri = otpauthUri(secret, user.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return { secret: secret.base32, otpauthUri: uri, qrSvg };
}

/** The first valid code enables 2FA and yields 10 backup codes; this session then counts as 2FA-proven. */
export async function enable(ctx: Ctx, userId: string, sessionId: string, code: string, meta: RequestMeta) {
  const user = await currentUser(ctx, userId);
  if (user.totp_enrolled_at !== null) throw fail.alreadyEnrolled();
  const now = ctx.now();
  if (user.totp_pending === null || user.totp_pending_at === null || now - user.totp_pending_at > PENDING_TTL_MS) {
    throw fail.noPendingEnrolment();
  }
  const sealed = user.totp_pending;
  const step = matchStep(secretFromBytes(ctx.box.open(user.id, sealed)), code, now);
  if (step === null) throw fail.invalidCode();
  const codes = newBackupCodes();
  const enabled = await ctx.db.transaction().execute(async (trx) => {
    if (!(await enableSecret(trx, user.id, sealed, step, now))) return false;
    await replaceBackupCodes(trx, user.id, codes, now);
    await markTwoFactor(trx, sessionId, now);
    await writeAudit(trx, auditOf('user.2fa.enable', user.id, now, meta));
    return true;
  });
  if (!enabled) throw fail.conflict('The enrolment changed meanwhile. Start the setup again.');
  return { backupCodes: codes };
}

/** New backup codes for a current TOTP code; the old codes die in the same transaction. */
export async function regenerateBackupCodes(ctx: Ctx, userId: string, code: string, meta: RequestMeta) {
  const user = await currentUser(ctx, userId);
  if (user.totp_enrolled_at === null) throw fail.notEnrolled();
  await proveTotp(ctx, user, code);
  const codes = newBackupCodes();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceBackupCodes(trx, user.id, codes, now);
    await writeAudit(trx, auditOf('user.2fa.backup_codes', user.id, now, meta));
  });
  return { backupCodes: codes };
}

/** Self-service disable: password and a current code; refused while the organisation requires 2FA. */
export async function disable(ctx: Ctx, userId: string, password: string, code: string, meta: RequestMeta) {
  const user = await currentUser(ctx, userId);
  if (user.org_requires_2fa === 1) throw fail.requiredByOrg();
  if (user.totp_enrolled_at === null) throw fail.notEnrolled();
  const early = throttleError(user, ctx.now());
  if (early) throw early;
  if (!(await verifyPassword(user.password_hash, password))) {
    return failAttempt(ctx, user.id, fail.invalidCredentials());
  }
  await proveTotp(ctx, user, code);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await clearSecret(trx, user.id);
    await deleteBackupCodes(trx, user.id);
    await deleteUserDevices(trx, user.id);
    await writeAudit(trx, auditOf('user.2fa.disable', user.id, now, meta));
  });
}

function auditOf(action: string, userId: string, at: number, meta: RequestMeta) {
  return {
    at,
    action,
    outcome: 'success',
    actor_id: userId,
    target_id: userId,
    reason: null,
    ip: meta.ip,
    request_id: meta.requestId,
  };
}
