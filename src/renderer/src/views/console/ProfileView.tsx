import { useShallow } from 'zustand/react/shallow';
import { ROLE_LABELS } from '../../../../shared/roles';
import { formatDate } from '../../lib/format';
import { useStore } from '../../store';
import { blockedReason, TwoFactorBadge } from './bits';

/** A user's profile, with the Access card on the right and "Reset 2FA" at its bottom. */
export function ProfileView() {
  const { user, close, openReset } = useStore(
    useShallow((s) => ({ user: s.profile, close: s.closeProfile, openReset: s.openReset })),
  );
  if (!user) return null;
  const reason = blockedReason(user);
  const initials = user.name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="profile" data-testid="profile">
      <div>
        <button type="button" className="btn ghost small" onClick={close} style={{ marginBottom: 12 }}>
          ← All users
        </button>
        <div className="card">
          <div className="profile-head">
            <div className="avatar" aria-hidden="true">
              {initials}
            </div>
            <div>
              <h2>{user.name}</h2>
              <div className="muted">{user.email}</div>
            </div>
          </div>
          <dl className="facts" style={{ marginTop: 20 }}>
            <dt>Organisation type</dt>
            <dd style={{ textTransform: 'capitalize' }}>{user.org.kind}</dd>
            <dt>User id</dt>
            <dd className="mono">{user.id}</dd>
          </dl>
        </div>
      </div>
      <section className="card" aria-labelledby="access-title" style={{ marginTop: 42 }}>
        <h3 id="access-title">Access</h3>
        <dl className="facts">
          <dt>Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>Organisation</dt>
          <dd>{user.org.name}</dd>
          <dt>2FA</dt>
          <dd>
            <TwoFactorBadge user={user} />
          </dd>
          <dt>Enrolled</dt>
          <dd data-testid="enrolled-at">{formatDate(user.twoFactor.enrolledAt)}</dd>
          <dt>Last reset</dt>
          <dd data-testid="last-reset-at">{formatDate(user.twoFactor.lastResetAt)}</dd>
        </dl>
        <div className="access-action">
          {/* A disabled button gets no hover events in some engines: the wrapper carries the tooltip too. */}
          <span title={reason ?? undefined} style={{ display: 'block' }}>
            <button
              type="button"
              className="btn danger"
              disabled={!user.canReset2fa}
              title={reason ?? undefined}
              aria-describedby={reason ? 'profile-reset-reason' : undefined}
              onClick={() => openReset(user)}
              data-testid="profile-reset"
            >
              Reset 2FA
            </button>
          </span>
          {reason && (
            <p className="blocked-reason" id="profile-reset-reason">
              {reason}
            </p>
          )}
        </div>
      </section>
    </div>
  );
}
