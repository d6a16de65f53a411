import type { OrgKind, Role } from '../roles';

/**
 * What the policy needs to know about a user. `partnerId` is the id of the
 * partner firm the user's organisation belongs to: the firm itself for
 * partner users, the owning firm for client users, null for platform staff.
 */
export interface PolicySubject {
  readonly id: string;
  readonly role: Role;
  readonly orgId: string;
  readonly orgKind: OrgKind;
  readonly partnerId: string | null;
}

/** Why a reset is refused; `null` reasons never appear, a permitted reset has none. */
export type ResetDenial = 'self_reset_not_allowed' | 'not_visible' | 'forbidden';

export type ResetDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: ResetDenial };

/**
 * Visibility scope of an actor in the user list and profiles.
 * - platform roles see everyone;
 * - partner roles see their own firm and its clients;
 * - a client_admin sees their own client;
 * - client_ops has no console access at all.
 */
export type VisibilityScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'partner'; readonly partnerId: string }
  | { readonly kind: 'org'; readonly orgId: string }
  | { readonly kind: 'none' };

export function visibilityScope(actor: PolicySubject): VisibilityScope {
  switch (actor.role) {
    case 'bot_admin':
    case 'bot_ops':
      return { kind: 'all' };
    case 'partner_admin':
    case 'partner_ops':
      return actor.partnerId ? { kind: 'partner', partnerId: actor.partnerId } : { kind: 'none' };
    case 'client_admin':
      return { kind: 'org', orgId: actor.orgId };
    case 'client_ops':
      return { kind: 'none' };
  }
}

export function hasConsoleAccess(actor: PolicySubject): boolean {
  return visibilityScope(actor).kind !== 'none';
}

export function canSee(actor: PolicySubject, target: PolicySubject): boolean {
  const scope = visibilityScope(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'partner':
      return target.partnerId === scope.partnerId;
    case 'org':
      return target.orgId === scope.orgId;
    case 'none':
      return false;
  }
}

/** Roles a partner admin may reset inside their own firm's tree. */
const PARTNER_ADMIN_TARGETS: ReadonlySet<Role> = new Set<Role>([
  'partner_admin',
  'partner_ops',
  'client_admin',
  'client_ops',
]);

/**
 * The reset rule, in the order the service answers it:
 * 1. the caller's own account → self_reset_not_allowed (self-service lives on the account pages);
 * 2. a target outside the caller's visibility → not_visible (answered as 404, like an unknown id);
 * 3. a visible target the caller may not reset → forbidden.
 */
export function decideReset(actor: PolicySubject, target: PolicySubject): ResetDecision {
  if (actor.id === target.id) return { allowed: false, reason: 'self_reset_not_allowed' };
  if (!canSee(actor, target)) return { allowed: false, reason: 'not_visible' };
  if (roleMayReset(actor, target)) return { allowed: true };
  return { allowed: false, reason: 'forbidden' };
}

export function canReset2fa(actor: PolicySubject, target: PolicySubject): boolean {
  return decideReset(actor, target).allowed;
}

/** True when the actor's role lets it reset anyone at all (and so read the audit log). */
export function mayResetAnyone(actor: PolicySubject): boolean {
  return actor.role === 'bot_admin' || (actor.role === 'partner_admin' && actor.partnerId !== null);
}

function roleMayReset(actor: PolicySubject, target: PolicySubject): boolean {
  switch (actor.role) {
    case 'bot_admin':
      return true;
    case 'partner_admin':
      return actor.partnerId !== null && target.partnerId === actor.partnerId && PARTNER_ADMIN_TARGETS.has(target.role);
    default:
      return false;
  }
}

/** Human sentence for a refused reset, shown on hover in the console. */
export function resetBlockedReason(actor: PolicySubject, target: PolicySubject): string | null {
  const decision = decideReset(actor, target);
  if (decision.allowed) return null;
  switch (decision.reason) {
    case 'self_reset_not_allowed':
      return 'You cannot reset your own 2FA here. Use your account page to manage your own sign-in.';
    case 'not_visible':
      return 'This user is outside your organisation.';
    case 'forbidden':
      return resetForbiddenReason(actor);
  }
}

function resetForbiddenReason(actor: PolicySubject): string {
  switch (actor.role) {
    case 'partner_admin':
      return 'Partner Admins can reset only users of their own firm and its clients.';
    case 'bot_ops':
      return 'BotOps cannot reset 2FA. Ask a Bot Admin.';
    case 'partner_ops':
      return 'Partner Ops cannot reset 2FA. Ask a Partner Admin of your firm.';
    case 'client_admin':
      return 'Client Admins cannot reset 2FA. Ask your accounting firm’s Partner Admin.';
    default:
      return 'Your role cannot reset 2FA.';
  }
}
