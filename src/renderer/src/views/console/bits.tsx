import type { AdminUser } from '../../../../shared/api';

export function TwoFactorBadge({ user }: { user: AdminUser }) {
  return user.twoFactor.enabled ? (
    <span className="badge on">Enabled</span>
  ) : (
    <span className="badge off">Not enrolled</span>
  );
}

/** The service's reason a reset is not allowed; null when it is. */
export function blockedReason(user: AdminUser): string | null {
  if (user.canReset2fa) return null;
  return user.resetBlockedReason ?? 'You are not allowed to reset 2FA for this user.';
}
