import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AdminUser } from '../../../../shared/api';
import { ROLE_LABELS, ROLES } from '../../../../shared/roles';
import { Icon } from '../../components/Icon';
import { useStore } from '../../store';
import { blockedReason, TwoFactorBadge } from './bits';

const DEBOUNCE_MS = 250;

/** Search as you type (debounced), filter by role and organisation, keyset pages by infinite scroll. */
export function UsersView() {
  const s = useStore(
    useShallow((st) => ({
      filters: st.filters,
      users: st.users,
      nextCursor: st.nextCursor,
      loading: st.usersLoading,
      orgs: st.orgs,
      setFilters: st.setFilters,
      search: st.searchUsers,
      loadMore: st.loadMoreUsers,
      openProfile: st.openProfile,
    })),
  );
  const [q, setQ] = useState(s.filters.q);
  const sentinel = useRef<HTMLTableRowElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      s.setFilters({ q });
      void s.search();
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, s.setFilters, s.search]);

  // Infinite scroll: the row after the last one asks for the next keyset page when it comes into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-observe after each page, so a sentinel still in view asks again.
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void s.loadMore();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [s.loadMore, s.users.length]);

  return (
    <>
      <div className="filters">
        <label className="search">
          <span className="search-icon">
            <Icon name="search" size={16} />
          </span>
          <span className="sr-only">Search users by name or email</span>
          <input
            className="input"
            type="search"
            placeholder="Search by name or email"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="user-search"
          />
        </label>
        <select
          className="select"
          aria-label="Role"
          value={s.filters.role}
          onChange={(e) => {
            s.setFilters({ role: e.target.value as (typeof ROLES)[number] | '' });
            void s.search();
          }}
          data-testid="role-filter"
        >
          <option value="">All roles</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <select
          className="select"
          aria-label="Organisation"
          value={s.filters.orgId}
          onChange={(e) => {
            s.setFilters({ orgId: e.target.value });
            void s.search();
          }}
          data-testid="org-filter"
        >
          <option value="">All organisations</option>
          {s.orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="table-wrap">
        <table className="users">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Organisation</th>
              <th>2FA</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.users.map((u) => (
              <UserRow key={u.id} user={u} onOpen={() => void s.openProfile(u.id)} />
            ))}
            <tr ref={sentinel}>
              <td colSpan={6} className="load-more">
                {s.loading
                  ? 'Loading…'
                  : s.users.length === 0
                    ? 'No user matches these filters.'
                    : s.nextCursor
                      ? ' '
                      : `${s.users.length} ${s.users.length === 1 ? 'user' : 'users'}`}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

function UserRow({ user, onOpen }: { user: AdminUser; onOpen: () => void }) {
  return (
    <tr onClick={onOpen} data-testid="user-row" data-email={user.email}>
      <td className="user-name">{user.name}</td>
      <td>{user.email}</td>
      <td>{ROLE_LABELS[user.role]}</td>
      <td>{user.org.name}</td>
      <td>
        <TwoFactorBadge user={user} />
      </td>
      <td className="cell-actions">
        <RowMenu user={user} />
      </td>
    </tr>
  );
}

/** The ellipsis menu: "Reset 2FA", enabled exactly when the service says canReset2fa. */
function RowMenu({ user }: { user: AdminUser }) {
  const { openReset, refreshUser } = useStore(
    useShallow((s) => ({ openReset: s.openReset, refreshUser: s.refreshUser })),
  );
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const reason = blockedReason(user);
  const reasonId = `reset-reason-${user.id}`;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: stops the row's click; the buttons inside carry the semantics.
    <div ref={ref} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="icon-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Actions for ${user.name}`}
        onClick={() => {
          // The row may be stale, and only a profile read carries the reason: refresh as the menu opens.
          if (!open) void refreshUser(user.id);
          setOpen(!open);
        }}
        data-testid="row-menu"
      >
        <Icon name="more" size={18} />
      </button>
      {open && (
        <div className="menu" role="menu">
          <span title={reason ?? undefined}>
            <button
              type="button"
              role="menuitem"
              disabled={!user.canReset2fa}
              aria-describedby={reason ? reasonId : undefined}
              title={reason ?? undefined}
              onClick={() => {
                setOpen(false);
                openReset(user);
              }}
            >
              Reset 2FA
            </button>
          </span>
          {reason && (
            <div className="reason" id={reasonId}>
              {reason}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
