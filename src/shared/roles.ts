/**
 * Roles and organisation kinds of the accounting platform. This file and
 * `policy/` are the single source of truth for who may see and reset whom; the
 * server enforces them, clients only mirror them.
 */
export const ORG_KINDS = ['platform', 'partner', 'client'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['bot_admin', 'bot_ops', 'partner_admin', 'partner_ops', 'client_admin', 'client_ops'] as const;
export type Role = (typeof ROLES)[number];

/** The organisation kind each role belongs to. */
export const ROLE_ORG_KIND: Readonly<Record<Role, OrgKind>> = {
  bot_admin: 'platform',
  bot_ops: 'platform',
  partner_admin: 'partner',
  partner_ops: 'partner',
  client_admin: 'client',
  client_ops: 'client',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  bot_admin: 'Bot Admin',
  bot_ops: 'BotOps',
  partner_admin: 'Partner Admin',
  partner_ops: 'Partner Ops',
  client_admin: 'Client Admin',
  client_ops: 'Client Ops',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
