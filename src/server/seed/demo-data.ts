import type { OrgKind, Role } from '../../shared/roles';

/** The one shared password of every demo user (printed by seed-demo, written in docs/service.md). */
export const DEMO_PASSWORD = 'twofold-demo-password';

export interface DemoOrg {
  id: string;
  name: string;
  kind: OrgKind;
  partnerId: string | null;
}

/** One platform org, two partner firms, two clients per firm. Every demo org requires 2FA. */
export const DEMO_ORGS: readonly DemoOrg[] = [
  { id: 'org-platform', name: 'Twofold Platform', kind: 'platform', partnerId: null },
  { id: 'org-abacus', name: 'Abacus & Co', kind: 'partner', partnerId: null },
  { id: 'org-ledgerline', name: 'Ledgerline Partners', kind: 'partner', partnerId: null },
  { id: 'org-birch', name: 'Birch Bakery', kind: 'client', partnerId: 'org-abacus' },
  { id: 'org-cobalt', name: 'Cobalt Logistics', kind: 'client', partnerId: 'org-abacus' },
  { id: 'org-delta', name: 'Delta Dental', kind: 'client', partnerId: 'org-ledgerline' },
  { id: 'org-ember', name: 'Ember Studio', kind: 'client', partnerId: 'org-ledgerline' },
];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  orgId: string;
}

/**
 * Two of every role, each role in at least two organisations where it can be
 * (bot roles exist only in the one platform org), two partner admins per firm.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'ada@twofold.test', name: 'Ada Lovelace', role: 'bot_admin', orgId: 'org-platform' },
  { email: 'grace@twofold.test', name: 'Grace Hopper', role: 'bot_admin', orgId: 'org-platform' },
  { email: 'alan@twofold.test', name: 'Alan Turing', role: 'bot_ops', orgId: 'org-platform' },
  { email: 'katherine@twofold.test', name: 'Katherine Johnson', role: 'bot_ops', orgId: 'org-platform' },

  { email: 'paula@abacus.test', name: 'Paula Abbott', role: 'partner_admin', orgId: 'org-abacus' },
  { email: 'peter@abacus.test', name: 'Peter Acker', role: 'partner_admin', orgId: 'org-abacus' },
  { email: 'olive@abacus.test', name: 'Olive Adams', role: 'partner_ops', orgId: 'org-abacus' },
  { email: 'lena@ledgerline.test', name: 'Lena Lindqvist', role: 'partner_admin', orgId: 'org-ledgerline' },
  { email: 'liam@ledgerline.test', name: 'Liam Lowe', role: 'partner_admin', orgId: 'org-ledgerline' },
  { email: 'oscar@ledgerline.test', name: 'Oscar Lund', role: 'partner_ops', orgId: 'org-ledgerline' },

  { email: 'cara@birch.test', name: 'Cara Birch', role: 'client_admin', orgId: 'org-birch' },
  { email: 'colin@birch.test', name: 'Colin Bell', role: 'client_ops', orgId: 'org-birch' },
  { email: 'cole@cobalt.test', name: 'Cole Carter', role: 'client_admin', orgId: 'org-cobalt' },
  { email: 'chloe@cobalt.test', name: 'Chloe Cobb', role: 'client_ops', orgId: 'org-cobalt' },
  { email: 'dana@delta.test', name: 'Dana Dent', role: 'client_admin', orgId: 'org-delta' },
  { email: 'dev@delta.test', name: 'Dev Dutta', role: 'client_ops', orgId: 'org-delta' },
  { email: 'ella@ember.test', name: 'Ella Embers', role: 'client_admin', orgId: 'org-ember' },
  { email: 'eli@ember.test', name: 'Eli Eastwood', role: 'client_ops', orgId: 'org-ember' },
];

/** The firm an org belongs to: itself for a partner, its owner for a client, none for the platform. */
export function firmOf(org: { id: string; kind: OrgKind; partnerId: string | null }): string | null {
  if (org.kind === 'partner') return org.id;
  if (org.kind === 'client') return org.partnerId;
  return null;
}
