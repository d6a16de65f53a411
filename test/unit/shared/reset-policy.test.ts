import { describe, expect, it } from 'vitest';
import {
  canReset2fa,
  canSee,
  decideReset,
  hasConsoleAccess,
  type PolicySubject,
  type ResetDecision,
  resetBlockedReason,
} from '../../../src/shared/policy';
import { ROLE_ORG_KIND, ROLES, type Role } from '../../../src/shared/roles';

/**
 * Two partner firms (A, B), each with one client (A1, B1), plus the platform.
 * "same" puts the target in the actor's own tree, "other" in firm B's tree (or,
 * for platform actors, firm B's tree too; platform staff have one org).
 */
const FIRM = { A: 'firm-a', B: 'firm-b' } as const;
const ORG = { platform: 'org-platform', A: FIRM.A, B: FIRM.B, A1: 'client-a1', B1: 'client-b1' } as const;

type Placement = 'same' | 'other' | 'self';

function subject(id: string, role: Role, firm: 'A' | 'B'): PolicySubject {
  const kind = ROLE_ORG_KIND[role];
  if (kind === 'platform') return { id, role, orgId: ORG.platform, orgKind: kind, partnerId: null };
  if (kind === 'partner') return { id, role, orgId: ORG[firm], orgKind: kind, partnerId: FIRM[firm] };
  return { id, role, orgId: ORG[`${firm}1`], orgKind: kind, partnerId: FIRM[firm] };
}

/** The expected outcome, written out as the issue states the rules, not derived from the code. */
function expected(actor: Role, target: Role, where: Placement): ResetDecision['allowed'] | string {
  if (where === 'self') return 'self_reset_not_allowed';
  const platformActor = actor === 'bot_admin' || actor === 'bot_ops';
  const targetIsPlatform = ROLE_ORG_KIND[target] === 'platform';
  // Visibility: platform sees all; partner roles see their firm tree; client_admin its own client; client_ops nothing.
  let visible: boolean;
  if (platformActor) visible = true;
  else if (actor === 'partner_admin' || actor === 'partner_ops') visible = !targetIsPlatform && where === 'same';
  else if (actor === 'client_admin') visible = ROLE_ORG_KIND[target] === 'client' && where === 'same';
  else visible = false;
  if (!visible) return 'not_visible';
  if (actor === 'bot_admin') return true;
  if (actor === 'partner_admin' && !targetIsPlatform && where === 'same') return true;
  return 'forbidden';
}

const cases = ROLES.flatMap((actor) =>
  ROLES.flatMap((target) =>
    (['same', 'other', 'self'] as const)
      .filter((where) => where !== 'self' || actor === target)
      .map((where) => ({ actor, target, where })),
  ),
);

describe('role policy: every role × every role × same / other tenant × self', () => {
  it.each(cases)('$actor → $target ($where)', ({ actor, target, where }) => {
    const a = subject('actor', actor, 'A');
    const t = where === 'self' ? a : subject('target', target, where === 'same' ? 'A' : 'B');
    const decision = decideReset(a, t);
    const want = expected(actor, target, where);
    if (want === true) {
      expect(decision).toEqual({ allowed: true });
      expect(canReset2fa(a, t)).toBe(true);
      expect(resetBlockedReason(a, t)).toBeNull();
    } else {
      expect(decision).toEqual({ allowed: false, reason: want });
      expect(canReset2fa(a, t)).toBe(false);
      expect(resetBlockedReason(a, t)).toMatch(/\w/);
    }
  });

  it('covers the whole matrix', () => {
    // 6 roles × 6 roles × (same, other) plus 6 self cases.
    expect(cases).toHaveLength(6 * 6 * 2 + 6);
  });
});

describe('visibility scope', () => {
  const table: Array<[Role, Role, 'same' | 'other', boolean]> = [
    ['bot_ops', 'client_ops', 'other', true],
    ['bot_admin', 'bot_ops', 'same', true],
    ['partner_ops', 'client_admin', 'same', true],
    ['partner_ops', 'client_admin', 'other', false],
    ['partner_admin', 'bot_admin', 'same', false],
    ['client_admin', 'client_ops', 'same', true],
    ['client_admin', 'partner_admin', 'same', false],
    ['client_admin', 'client_ops', 'other', false],
    ['client_ops', 'client_ops', 'same', false],
  ];
  it.each(table)('%s sees %s in the %s tenant: %s', (actor, target, where, visible) => {
    expect(canSee(subject('a', actor, 'A'), subject('t', target, where === 'same' ? 'A' : 'B'))).toBe(visible);
  });

  it.each(ROLES.map((r) => [r, r !== 'client_ops'] as const))('%s has console access: %s', (role, access) => {
    expect(hasConsoleAccess(subject('a', role, 'A'))).toBe(access);
  });

  it('a client admin does not see a sibling client of the same firm', () => {
    const admin = subject('a', 'client_admin', 'A');
    const sibling: PolicySubject = {
      id: 't',
      role: 'client_ops',
      orgId: 'client-a2',
      orgKind: 'client',
      partnerId: FIRM.A,
    };
    expect(canSee(admin, sibling)).toBe(false);
  });

  it('a partner admin resets users of every client of the own firm, not only one', () => {
    const admin = subject('a', 'partner_admin', 'A');
    const other: PolicySubject = {
      id: 't',
      role: 'client_ops',
      orgId: 'client-a2',
      orgKind: 'client',
      partnerId: FIRM.A,
    };
    expect(decideReset(admin, other)).toEqual({ allowed: true });
  });
});
