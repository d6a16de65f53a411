import type { Kysely } from 'kysely';
import type { OrgKind, Role } from '../../shared/roles';
import type { DB, SessionKind, SessionTable } from '../db/schema';
import { hashToken, newId, newToken } from '../domain/tokens';
import { byKey, prepared } from './precompiled';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface NewSession {
  userId: string;
  kind: SessionKind;
  now: number;
  twoFactorAt: number | null;
  deviceId: string | null;
  ip: string | null;
}

/** A new session row and its token; the token is returned once and only its hash is stored. */
export function newSession(s: NewSession): { row: SessionTable; token: string } {
  const token = newToken();
  return {
    token,
    row: {
      id: newId(),
      token_hash: hashToken(token),
      user_id: s.userId,
      kind: s.kind,
      created_at: s.now,
      expires_at: s.now + SESSION_TTL_MS,
      two_factor_at: s.twoFactorAt,
      device_id: s.deviceId,
      ip: s.ip,
    },
  };
}

export async function createSession(db: Kysely<DB>, s: NewSession): Promise<{ id: string; token: string }> {
  const { row, token } = newSession(s);
  await db.insertInto('sessions').values(row).$call(prepared).execute();
  return { id: row.id, token };
}

export interface SessionRow {
  session_id: string;
  kind: SessionKind;
  two_factor_at: number | null;
  device_id: string | null;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  org_id: string;
  firm_id: string | null;
  org_kind: OrgKind;
}

/** The live session behind a token, with what the policy needs about its user. */
export async function findSession(db: Kysely<DB>, token: string, now: number): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      's.id as session_id',
      's.kind',
      's.two_factor_at',
      's.device_id',
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.role',
      'u.org_id',
      'u.firm_id',
      'o.kind as org_kind',
    ])
    .where('s.token_hash', '=', byKey(hashToken(token)))
    .where('s.expires_at', '>', now)
    .$call(prepared)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).$call(prepared).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).$call(prepared).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Records a fresh proof of a TOTP code (step-up), and lifts a setup session to a full one after enrolment. */
export async function markTwoFactor(db: Kysely<DB>, sessionId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ two_factor_at: now, kind: 'full' })
    .where('id', '=', sessionId)
    .$call(prepared)
    .execute();
}
