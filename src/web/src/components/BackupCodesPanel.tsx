import { useId, useState } from 'react';
import { backupCodesText } from '../lib/format';
import { useFocusOnMount } from './hooks';
import { useAnnounce } from './status';

interface Props {
  readonly codes: readonly string[];
  readonly email: string;
  readonly onContinue: () => void;
}

/**
 * The new backup codes, shown this once. The person has to say they saved
 * them before moving on: the service keeps only their hashes.
 */
export function BackupCodesPanel({ codes, email, onContinue }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [saved, setSaved] = useState(false);
  const text = () => backupCodesText(codes, email, new Date());

  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      announce('Backup codes copied to the clipboard.');
    } catch {
      announce('Copying is blocked in this browser. Download or print the codes instead.');
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'twofold-backup-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    announce('Backup codes downloaded as twofold-backup-codes.txt.');
  }

  return (
    <section className="backup-codes" data-testid="backup-codes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Save your backup codes
      </h2>
      <p>
        If you lose your phone or can’t open your authenticator app, sign in with one of these codes.{' '}
        <strong>Each code works once.</strong>
      </p>
      <p className="note note-warn">
        These codes will never be shown again. Save them now, somewhere only you can reach.
      </p>
      <ol className="code-list" aria-label="Backup codes">
        {codes.map((c) => (
          <li key={c} className="mono" data-testid="backup-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy codes
        </button>
        <button type="button" className="button" onClick={download}>
          Download .txt
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <div className="check no-print">
        <input id={`${id}-saved`} type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <label htmlFor={`${id}-saved`}>I have saved these codes</label>
      </div>
      <button type="button" className="button primary no-print" disabled={!saved} onClick={onContinue}>
        Continue
      </button>
    </section>
  );
}
