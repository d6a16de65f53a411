import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';

const rejectedKey = (r: {
  reason: string;
  issuer?: string;
  label?: string;
  position: { image: number; x: number; y: number } | null;
}) =>
  `${r.reason}|${r.issuer ?? ''}|${r.label ?? ''}|${r.position ? `${r.position.image}:${r.position.x}:${r.position.y}` : ''}`;

const STATUS_TEXT = { new: 'New', duplicate: 'Already in your vault', conflict: 'Conflicts with an existing account' };

/** What a scan found: pick the accounts to bring in; incomplete Google exports list their missing pages. */
export function ScanResult() {
  const s = useStore(
    useShallow((st) => ({
      report: st.report,
      picked: st.picked,
      busy: st.addBusy,
      togglePick: st.togglePick,
      review: st.reviewImport,
      openAdd: st.openAdd,
      discard: st.discardBatches,
    })),
  );
  const report = s.report;
  if (!report) return null;
  const incomplete = report.batches.filter((b) => !b.complete);
  return (
    <>
      <p className="lead">
        {report.qrCodes === 0 && report.candidates.length === 0 && report.rejected.length === 0
          ? `No QR code or account was found in ${report.images === 1 ? 'the image' : `${report.images} images`}. Make sure the whole code is visible and sharp.`
          : `Found ${report.candidates.length === 1 ? '1 account' : `${report.candidates.length} accounts`}. Pick the ones to add.`}
      </p>
      {report.candidates.length > 0 && (
        <ul className="pick-list" aria-label="Accounts found">
          {report.candidates.map((c) => (
            <li key={c.id}>
              <label>
                <input type="checkbox" checked={s.picked.includes(c.id)} onChange={() => s.togglePick(c.id)} />
                <span>
                  <b>{c.issuer || c.label}</b> <span className="muted">{c.issuer ? c.label : ''}</span>
                </span>
              </label>
              <span className="muted">
                {c.type.toUpperCase()} · {c.digits} digits
              </span>
            </li>
          ))}
        </ul>
      )}
      {incomplete.map((b) => (
        <div className="alert warn" key={b.batchId} role="status">
          Google Authenticator export: {b.collected.length} of {b.size} pages collected. Still missing page
          {b.missing.length > 1 ? 's' : ''} {b.missing.map((m) => m + 1).join(', ')}.
          <p>Show the next QR code on your phone and scan again; the pages are kept until the export is whole.</p>
        </div>
      ))}
      {report.rejected.length > 0 && (
        <div className="alert error">
          {report.rejected.map((r) => (
            <div key={rejectedKey(r)}>
              {r.issuer || r.label ? <b>{r.issuer || r.label}: </b> : null}
              {r.reason}
            </div>
          ))}
        </div>
      )}
      <div className="dialog-actions">
        {incomplete.length > 0 && (
          <button type="button" className="btn ghost" onClick={() => void s.discard()}>
            Discard pages
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => s.openAdd()}>
          Scan more
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={s.busy || s.picked.length === 0}
          onClick={() => void s.review()}
        >
          Review {s.picked.length > 0 ? s.picked.length : ''}
        </button>
      </div>
    </>
  );
}

/** The core's dry run: what importing would do. Nothing is saved until Import. */
export function PreviewList() {
  const s = useStore(
    useShallow((st) => ({
      preview: st.preview,
      picked: st.previewPicked,
      busy: st.addBusy,
      toggle: st.togglePreviewPick,
      commit: st.commitImport,
      close: st.closeAdd,
    })),
  );
  if (!s.preview) return null;
  return (
    <>
      <p className="lead">Nothing has been saved yet. Untick anything you do not want.</p>
      <ul className="pick-list" aria-label="Import preview">
        {s.preview.items.map((item) => (
          <li key={item.candidateId}>
            <label>
              <input
                type="checkbox"
                checked={s.picked.includes(item.candidateId)}
                onChange={() => s.toggle(item.candidateId)}
              />
              <span>
                <b>{item.issuer || item.label}</b> <span className="muted">{item.issuer ? item.label : ''}</span>
              </span>
            </label>
            <span className={`status-${item.status}`} title={item.detail ?? undefined}>
              {STATUS_TEXT[item.status]}
            </span>
          </li>
        ))}
      </ul>
      {s.preview.rejected.map((r) => (
        <div className="alert error" key={rejectedKey(r)}>
          {r.reason}
        </div>
      ))}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={s.close}>
          Cancel
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={s.busy || s.picked.length === 0}
          onClick={() => void s.commit()}
          data-testid="import-confirm"
        >
          Import {s.picked.length === 1 ? '1 account' : `${s.picked.length} accounts`}
        </button>
      </div>
    </>
  );
}

/** Where screen capture needs a permission, say how to grant it. */
export function CaptureHelp({ code }: { code: string }) {
  if (!/capture|permission|portal|screen/.test(code)) return null;
  const mac = navigator.userAgent.includes('Mac');
  return mac ? (
    <p>
      On macOS, open System Settings → Privacy &amp; Security → Screen Recording, switch Twofold on, then quit and
      reopen Twofold.
    </p>
  ) : (
    <p>
      On Linux with Wayland, your desktop asks through a sharing dialog: choose each screen and press Share. If no
      dialog appears, install xdg-desktop-portal for your desktop (for example xdg-desktop-portal-gnome) and sign in
      again. You can also open a screenshot file instead.
    </p>
  );
}
