import type { Kysely } from 'kysely';
import { Secret } from 'otpauth';
import type { DB } from '../../../../src/server/db/schema';
import { newBackupCodes } from '../../../../src/server/domain/backup-codes';
import { codeForStep, stepAt } from '../../../../src/server/domain/totp';
import { replaceBackupCodes } from '../../../../src/server/repositories/backup-codes';
import { createChallenge } from '../../../../src/server/repositories/challenges';
import { createDevice } from '../../../../src/server/repositories/devices';
import { insertOrg } from '../../../../src/server/repositories/orgs';
import { createSession } from '../../../../src/server/repositories/sessions';
import { insertUsers, userRow } from '../../../../src/server/repositories/users';
import type { Ctx } from '../../../../src/server/services/context';
import { ROLE_ORG_KIND, ROLES, type Role } from '../../../../src/shared/roles';

export type Firm = 'A' | 'B';

/** Orgs of the matrix: the platform, firms A and B, and one client of each. */
const MATRIX_ORGS = [
  { id: 'mx-platform', kind: 'platform', partner: null, firm: null },
  { id: 'mx-firm-a', kind: 'partner', partner: null, firm: 'mx-firm-a' },
  { id: 'mx-firm-b', kind: 'partner', partner: null, firm: 'mx-firm-b' },
  { id: 'mx-client-a', kind: 'client', partner: 'mx-firm-a', firm: 'mx-firm-a' },
  { id: 'mx-client-b', kind: 'client', partner: 'mx-firm-b', firm: 'mx-firm-b' },
] as const;

function orgOf(role: Role, firm: Firm) {
  const kind = ROLE_ORG_KIND[role];
  if (kind === 'platform') return MATRIX_ORGS[0];
  if (kind === 'partner') return firm === 'A' ? MATRIX_ORGS[1] : MATRIX_ORGS[2];
  return firm === 'A' ? MATRIX_ORGS[3] : MATRIX_ORGS[4];
}

/** The matrix user `n` (1 acts, 2 is acted on) of a role in a firm's tree; platform roles sit in the platform org. */
export const matrixKey = (role: Role, firm: Firm, n: 1 | 2) => `${role}-${firm}-${n}`;

/** 6 roles × 2 firms × 2 users, inserted in one batch with a shared precomputed hash. */
export async function seedMatrix(db: Kysely<DB>, passwordHash: string, now: number): Promise<Map<string, string>> {
  for (const o of MATRIX_ORGS) {
    await insertOrg(db, {
      id: o.id,
      name: `Matrix ${o.id}`,
      kind: o.kind,
      partner_id: o.partner,
      firm_id: o.firm,
      requires_2fa: 1,
      created_at: now,
    });
  }
  const ids = new Map<string, string>();
  const rows = ROLES.flatMap((role) =>
    (['A', 'B'] as const).flatMap((firm) =>
      ([1, 2] as const).map((n) => {
        const org = orgOf(role, firm);
        const key = matrixKey(role, firm, n);
        const row = userRow({
          email: `${key}@matrix.test`,
          name: `Matrix ${key}`,
          role,
          orgId: org.id,
          firmId: org.firm,
          passwordHash,
          now,
        });
        ids.set(key, row.id);
        return row;
      }),
    ),
  );
  await insertUsers(db, rows);
  return ids;
}

export interface Enrolled {
  secret: Secret;
  backupCodes: string[];
  /** The code for a step offset from the clock's current step (0 = current, 1 = next). */
  code(nowMs: number, offset?: number): string;
}

/** Enrols a user directly in the database (as a verified enable would leave it), without HTTP or argon2. */
export async function enrolDirect(ctx: Ctx, userId: string): Promise<Enrolled> {
  const secret = new Secret({ size: 20 });
  const now = ctx.now();
  await ctx.db
    .updateTable('users')
    .set({
      totp_secret: ctx.box.seal(userId, new Uint8Array(secret.buffer)),
      totp_enrolled_at: now,
      totp_last_step: stepAt(now) - 1,
      totp_pending: null,
      totp_pending_at: null,
      must_enrol_2fa: 0,
    })
    .where('id', '=', userId)
    .execute();
  const backupCodes = newBackupCodes();
  await replaceBackupCodes(ctx.db, userId, backupCodes, now);
  return { secret, backupCodes, code: (nowMs, offset = 0) => codeForStep(secret, stepAt(nowMs) + offset) };
}

/** A full session whose proof of 2FA is `twoFactorAt` (fresh by default). */
export async function sessionFor(ctx: Ctx, userId: string, twoFactorAt: number | null = ctx.now()): Promise<string> {
  const s = await createSession(ctx.db, {
    userId,
    kind: 'full',
    now: ctx.now(),
    twoFactorAt,
    deviceId: null,
    ip: null,
  });
  return s.token;
}

/** Gives a user what a reset must revoke: a remembered device, a session and a pending challenge. */
export async function giveCredentials(ctx: Ctx, userId: string) {
  const device = await createDevice(ctx.db, userId, 'Test browser', ctx.now());
  const session = await sessionFor(ctx, userId);
  const challenge = await createChallenge(ctx.db, userId, ctx.now());
  return { deviceToken: device.token, sessionToken: session, challengeToken: challenge };
}

/** Everything about a user's 2FA (their whole row, their credentials, mail to them), for "nothing changed" checks. */
export async function snapshot(db: Kysely<DB>, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const count = async (table: 'sessions' | 'devices' | 'challenges' | 'backup_codes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const unused = Number(
    (
      await db
        .selectFrom('backup_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const mail = Number(
    (
      await db
        .selectFrom('mail_queue')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('to_address', '=', user.email)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    user,
    mail,
    sessions: await count('sessions'),
    devices: await count('devices'),
    challenges: await count('challenges'),
    backupCodes: await count('backup_codes'),
    unusedBackupCodes: unused,
  };
}

export async function userIdByEmail(db: Kysely<DB>, email: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
