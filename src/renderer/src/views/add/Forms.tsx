import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';

/** Paste an otpauth link (or several), or an image from the clipboard. */
export function PasteForm() {
  const { parseText, scanClipboard, scanFiles, setMode, busy } = useStore(
    useShallow((s) => ({
      parseText: s.parseText,
      scanClipboard: s.scanClipboard,
      scanFiles: s.scanFiles,
      setMode: s.setAddMode,
      busy: s.addBusy,
    })),
  );
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void parseText(text.trim());
      }}
    >
      <label className="field">
        <span>otpauth:// or otpauth-migration:// link</span>
        <textarea
          className="textarea mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPaste={(e) => {
            const images = [...e.clipboardData.files].filter((f) => f.type.startsWith('image/'));
            if (images.length > 0) {
              e.preventDefault();
              void scanFiles(images);
            }
          }}
          placeholder="otpauth://totp/Example:alice@example.com?secret=…&issuer=Example"
          data-testid="paste-text"
        />
      </label>
      <p className="muted">You can also paste a screenshot here, or read whatever is on the clipboard now.</p>
      <div className="dialog-actions">
        <button type="button" className="btn ghost" onClick={() => setMode('menu')}>
          Back
        </button>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void scanClipboard()} disabled={busy}>
          Read clipboard
        </button>
        <button type="submit" className="btn primary" disabled={busy || !text.trim()}>
          Continue
        </button>
      </div>
    </form>
  );
}

/** An encrypted Twofold backup and its passphrase. */
export function BackupForm() {
  const { readBackup, setMode, busy } = useStore(
    useShallow((s) => ({ readBackup: s.readBackup, setMode: s.setAddMode, busy: s.addBusy })),
  );
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (file && passphrase) void readBackup(file, passphrase);
      }}
    >
      <label className="field">
        <span>Backup file</span>
        <input className="input" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </label>
      <label className="field">
        <span>Backup passphrase</span>
        <input
          className="input"
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          required
        />
      </label>
      <div className="dialog-actions">
        <button type="button" className="btn ghost" onClick={() => setMode('menu')}>
          Back
        </button>
        <span className="spacer" />
        <button type="submit" className="btn primary" disabled={busy || !file || !passphrase}>
          Read backup
        </button>
      </div>
    </form>
  );
}
