import { useShallow } from 'zustand/react/shallow';
import { ROLE_LABELS } from '../../../../shared/roles';
import { useStore } from '../../store';
import { AuditView } from './AuditView';
import { ProfileView } from './ProfileView';
import { ResetDialog } from './ResetDialog';
import { SignIn } from './SignIn';
import { UsersView } from './UsersView';

export function ConsoleView() {
  const s = useStore(
    useShallow((st) => ({
      status: st.consoleStatus,
      error: st.consoleError,
      tab: st.consoleTab,
      profile: st.profile,
      resetTarget: st.resetTarget,
      setTab: st.setConsoleTab,
      signOut: st.signOut,
    })),
  );
  if (s.status?.stage !== 'signed_in') return <SignIn />;
  const user = s.status.user;
  return (
    <div className="console">
      <div className="console-bar">
        <div className="subtabs" role="tablist">
          <button
            type="button"
            role="tab"
            className="subtab"
            aria-selected={s.tab === 'users'}
            onClick={() => s.setTab('users')}
          >
            Users
          </button>
          <button
            type="button"
            role="tab"
            className="subtab"
            aria-selected={s.tab === 'audit'}
            onClick={() => s.setTab('audit')}
          >
            Audit
          </button>
        </div>
        {user && (
          <div className="who">
            <b>{user.name}</b>
            <div className="muted">
              {ROLE_LABELS[user.role]} · {user.org.name}
            </div>
          </div>
        )}
        <button type="button" className="btn small" onClick={() => void s.signOut()}>
          Sign out
        </button>
      </div>
      {s.error && (
        <div className="alert error" role="alert" style={{ margin: '12px 18px 0' }}>
          {s.error.message}
        </div>
      )}
      {s.tab === 'audit' ? <AuditView /> : s.profile ? <ProfileView /> : <UsersView />}
      {s.resetTarget && <ResetDialog />}
    </div>
  );
}
