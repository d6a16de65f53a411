import type { AdminUser, AuditEvent, Device, Me, Org } from '../../shared/api';
import { type PolicySubject, resetBlockedReason } from '../../shared/policy';
import type { OrgTable } from '../db/schema';
import type { AdminUserRow } from '../repositories/admin-users';
import { countUnusedBackupCodes } from '../repositories/backup-codes';
import { findUserById, policySubject, type UserWithOrg } from '../repositories/users';
import type { Ctx } from './context';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toOrg(o: Pick<OrgTable, 'id' | 'name' | 'kind' | 'partner_id'>): Org {
  return { id: o.id, name: o.name, kind: o.kind, partnerId: o.partner_id };
}

/** The columns of a user row (joined with its org) that the API's description of a user reads. */
export type MeColumns = Pick<
  UserWithOrg,
  | 'id'
  | 'email'
  | 'name'
  | 'role'
  | 'org_id'
  | 'org_name'
  | 'org_kind'
  | 'org_partner_id'
  | 'org_requires_2fa'
  | 'totp_enrolled_at'
  | 'last_reset_at'
>;

/** The signed-in user as the API describes them, from a user row joined with its org. */
export function toMe(u: MeColumns, backupCodesRemaining?: number): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    org: {
      id: u.org_id,
      name: u.org_name,
      kind: u.org_kind,
      partnerId: u.org_partner_id,
      requires2fa: u.org_requires_2fa === 1,
    },
    twoFactor: {
      enabled: u.totp_enrolled_at !== null,
      enrolledAt: iso(u.totp_enrolled_at),
      lastResetAt: iso(u.last_reset_at),
      ...(backupCodesRemaining === undefined ? {} : { backupCodesRemaining }),
    },
  };
}

/** /api/me: the user with how many backup codes remain. */
export async function loadMe(ctx: Ctx, userId: string): Promise<Me> {
  const u = await findUserById(ctx.db, userId);
  if (!u) throw new Error('session user vanished');
  return toMe(u, u.totp_enrolled_at === null ? 0 : await countUnusedBackupCodes(ctx.db, u.id));
}

/** canReset2fa comes from the query's CASE; the sentence for a refusal from the policy. */
export function toAdminUser(actor: PolicySubject, row: AdminUserRow): AdminUser {
  const canReset2fa = Number(row.can_reset) === 1;
  const target = policySubject(row);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    org: { id: row.org_id, name: row.org_name, kind: row.org_kind, partnerId: row.org_partner_id },
    twoFactor: {
      enabled: row.totp_enrolled_at !== null,
      enrolledAt: iso(row.totp_enrolled_at),
      lastResetAt: iso(row.last_reset_at),
    },
    canReset2fa,
    resetBlockedReason: canReset2fa ? null : resetBlockedReason(actor, target),
  };
}

export function toDevice(
  row: { id: string; label: string; created_at: number; last_used_at: number | null; expires_at: number },
  currentId: string | null,
): Device {
  return {
    id: row.id,
    label: row.label,
    createdAt: iso(row.created_at) as string,
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at) as string,
    current: row.id === currentId,
  };
}

interface AuditRow {
  id: string;
  at: number;
  action: string;
  outcome: string;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  target_id: string | null;
  target_email: string | null;
  target_name: string | null;
}

const party = (id: string | null, email: string | null, name: string | null) =>
  id === null ? null : { id, email: email ?? '', name: name ?? '' };

export function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    at: iso(r.at) as string,
    action: r.action,
    outcome: r.outcome,
    actor: party(r.actor_id, r.actor_email, r.actor_name),
    target: party(r.target_id, r.target_email, r.target_name),
    reason: r.reason,
    ip: r.ip,
    requestId: r.request_id,
  };
}
