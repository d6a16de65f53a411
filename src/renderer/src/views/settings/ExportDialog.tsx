import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Modal } from '../../components/Modal';
import { useStore } from '../../store';
import type { ExportDone, ExportFormat } from '../../store/settings-slice';
import { AccountPicker } from './AccountPicker';
import { NewPassphraseError, NewPassphraseFields, useNewPassphrase } from './NewPassphrase';

const FORMATS: readonly { value: ExportFormat; title: string; hint: string }[] = [
  {
    value: 'backup',
    title: 'Encrypted backup',
    hint: 'Every account, locked with a passphrase. For Twofold on any computer.',
  },
  {
    value: 'otpauth',
    title: 'otpauth:// links',
    hint: 'A text file, one link per account, for other authenticator apps.',
  },
  {
    value: 'migration-qr',
    title: 'Google Authenticator QR codes',
    hint: 'Images to scan with a phone: Transfer accounts → Import.',
  },
];

/** Export: an encrypted backup, or plain links / QR codes after a warning. Main writes the file; only its path comes back. */
export function ExportDialog() {
  const s = useStore(
    useShallow((st) => ({
      busy: st.panelBusy,
      error: st.panelError,
      exported: st.exported,
      accounts: st.accounts,
      close: st.closePanel,
      exportBackup: st.exportBackup,
      exportPlain: st.exportPlain,
    })),
  );
  const [format, setFormat] = useState<ExportFormat>('backup');
  const pass = useNewPassphrase();
  const [understood, setUnderstood] = useState(false);
  const [picked, setPicked] = useState<readonly string[]>(() => s.accounts.map((a) => a.id));

  if (s.exported) return <ExportWritten done={s.exported} onClose={s.close} />;

  const canSave =
    !s.busy && s.accounts.length > 0 && (format === 'backup' ? pass.valid : understood && picked.length > 0);
  const save = () => {
    if (!canSave) return;
    if (format === 'backup') void s.exportBackup(pass.passphrase);
    else void s.exportPlain(format, picked.length === s.accounts.length ? undefined : picked);
  };

  return (
    <Modal title="Export accounts" onClose={s.close} className="wide">
      {s.error && (
        <div className="alert error" role="alert">
          {s.error.message}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset className="choices">
          <legend className="sr-only">Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="choice">
              <input
                type="radio"
                name="export-format"
                value={f.value}
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />
              <span>
                <b>{f.title}</b>
                <small>{f.hint}</small>
              </span>
            </label>
          ))}
        </fieldset>
        {s.accounts.length === 0 && (
          <p className="muted">The vault holds no accounts yet: there is nothing to export.</p>
        )}
        {format === 'backup' ? (
          <NewPassphraseFields
            state={pass}
            labels={{ passphrase: 'Backup passphrase', confirm: 'Repeat the passphrase' }}
            testIds={{ passphrase: 'export-passphrase', confirm: 'export-confirm' }}
          />
        ) : (
          <>
            <div className="alert warn" role="note">
              <b>This file is not encrypted.</b>
              <p>
                Anyone who opens it can make your codes. Move it straight to the new device, then delete it; do not
                email it or keep it in a synced folder.
              </p>
            </div>
            <AccountPicker accounts={s.accounts} picked={picked} onChange={setPicked} />
            <label className="toggle ack">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />I
              understand that this file holds my secret keys unprotected.
            </label>
          </>
        )}
        {format === 'backup' && <NewPassphraseError state={pass} what="A backup passphrase" />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={s.close}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={!canSave} data-testid="export-save">
            {s.busy ? 'Saving…' : 'Save file…'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

const AFTER: Record<ExportFormat, string> = {
  backup: 'Keep the passphrase somewhere safe: without it the backup cannot be opened.',
  otpauth: 'This file holds your secret keys in plain text. Delete it as soon as the accounts are moved.',
  'migration-qr':
    'Scan each image with Google Authenticator (Transfer accounts → Import accounts). Large vaults are split into several images, saved beside this one as …-2.png, …-3.png. Delete them once scanned: they hold your secret keys.',
};

function ExportWritten({ done, onClose }: { done: ExportDone; onClose: () => void }) {
  const what = done.accounts === 1 ? '1 account' : `${done.accounts} accounts`;
  return (
    <Modal title="Export saved" onClose={onClose} className="wide">
      <p className="lead">Saved {what} to:</p>
      <p className="path mono" data-testid="export-path">
        {done.path}
      </p>
      <div className={`alert ${done.format === 'backup' ? 'info' : 'warn'}`} role="note">
        {AFTER[done.format]}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
