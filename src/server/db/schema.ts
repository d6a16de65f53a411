import type { OrgKind, Role } from '../../shared/roles';

/**
 * Table shapes as Kysely sees them. Times are epoch milliseconds (bigint in
 * PostgreSQL, integer in SQLite) and flags are 0/1 integers, so one set of
 * migrations and one set of queries serve both engines.
 */
export interface OrgTable {
  id: string;
  name: string;
  kind: OrgKind;
  /** The owning partner firm of a client organisation; null for platform and partner orgs. */
  partner_id: string | null;
  /** The firm whose tree the org belongs to: itself for a partner, the owner for a client, null for the platform. */
  firm_id: string | null;
  requires_2fa: number;
  created_at: number;
}

export interface UserTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: Role;
  org_id: string;
  /** Copied from the org at insert so scoped keyset pages read one index (users never move between orgs). */
  firm_id: string | null;
  /** lower(name + '\n' + email): the haystack of the admin search (migration 006). */
  search: string;
  password_hash: string;
  /** AES-256-GCM sealed TOTP secret, associated data = user id. */
  totp_secret: string | null;
  totp_enrolled_at: number | null;
  /** The last accepted TOTP time step (RFC 6238 §5.2: it and older steps are refused). */
  totp_last_step: number | null;
  totp_pending: string | null;
  totp_pending_at: number | null;
  /** Set by an admin reset: the next sign-in asks for setup even where the org does not require 2FA. */
  must_enrol_2fa: number;
  last_reset_at: number | null;
  failed_attempts: number;
  last_failed_at: number | null;
  next_attempt_at: number | null;
  locked_at: number | null;
  created_at: number;
}

export type SessionKind = 'full' | 'setup';

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: SessionKind;
  created_at: number;
  expires_at: number;
  /** When this session last proved a TOTP code (sign-in or step-up); null when it never did. */
  two_factor_at: number | null;
  /** The remembered device that signed this session in or was created with it. */
  device_id: string | null;
  ip: string | null;
}

export interface ChallengeTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface DeviceTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number;
}

export interface BackupCodeTable {
  id: string;
  user_id: string;
  salt: string;
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

export interface AuditEventTable {
  id: string;
  at: number;
  action: string;
  outcome: string;
  actor_id: string | null;
  target_id: string | null;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
}

/** Transactional outbox: a row is written with the change it announces and sent after commit. */
export interface MailQueueTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: number;
  claimed_at: number | null;
  sent_at: number | null;
  attempts: number;
  last_error: string | null;
}

export interface DB {
  orgs: OrgTable;
  users: UserTable;
  sessions: SessionTable;
  challenges: ChallengeTable;
  devices: DeviceTable;
  backup_codes: BackupCodeTable;
  audit_events: AuditEventTable;
  mail_queue: MailQueueTable;
}
