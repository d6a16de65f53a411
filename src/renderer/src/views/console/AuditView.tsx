import { useShallow } from 'zustand/react/shallow';
import { formatDate } from '../../lib/format';
import { useStore } from '../../store';

const ACTIONS: Record<string, string> = { 'user.2fa.reset': 'Reset 2FA' };

/** Recent resets and denials in the caller's scope. */
export function AuditView() {
  const { events, cursor, loadAudit } = useStore(
    useShallow((s) => ({ events: s.audit, cursor: s.auditCursor, loadAudit: s.loadAudit })),
  );
  return (
    <div className="table-wrap" style={{ marginTop: 14 }}>
      <table className="audit" data-testid="audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Action</th>
            <th>Outcome</th>
            <th>By</th>
            <th>For</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{formatDate(e.at)}</td>
              <td>{ACTIONS[e.action] ?? e.action}</td>
              <td>
                <span className={`badge ${e.outcome === 'success' || e.outcome === 'allowed' ? 'on' : 'off'}`}>
                  {e.outcome}
                </span>
              </td>
              <td>{e.actor ? e.actor.name : '—'}</td>
              <td>{e.target ? `${e.target.name} · ${e.target.email}` : '—'}</td>
              <td className="muted">{e.reason ?? ''}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={6} className="load-more">
              {events.length === 0 ? (
                'No resets or denials yet.'
              ) : cursor ? (
                <button type="button" className="btn small" onClick={() => void loadAudit(true)}>
                  Load more
                </button>
              ) : (
                ' '
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
