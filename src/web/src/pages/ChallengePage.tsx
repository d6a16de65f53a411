import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Me } from '../../../shared/api/auth';
import type { ApiFailure, Client } from '../api/client';
import { CodeField } from '../components/CodeField';
import { ErrorNote } from '../components/ErrorNote';
import { useRetryCountdown } from '../components/hooks';
import { useAnnounce } from '../components/status';
import { normalizeBackupCode } from '../lib/format';

interface Props {
  readonly client: Client;
  readonly challengeToken: string;
  readonly email: string;
  readonly onSignedIn: (user: Me) => void;
  /** The challenge is dead (expired, or the account locked): back to email and password. */
  readonly onRestart: (notice: string) => void;
}

type Mode = 'code' | 'backup';

export function ChallengePage({ client, challengeToken, email, onSignedIn, onRestart }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const codeRef = useRef<HTMLInputElement>(null);
  const backupRef = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<Mode>('code');
  const [code, setCode] = useState('');
  const [backupCode, setBackupCode] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const retryLeft = useRetryCountdown(failure);
  const errorId = `${id}-error`;

  useEffect(() => {
    codeRef.current?.focus();
  }, []);

  async function verify(args: { code?: string; backupCode?: string }) {
    if (busy || retryLeft > 0) return;
    setBusy(true);
    setFailure(null);
    const res = await client.submitCode({ challengeToken, ...args, rememberDevice: remember });
    if (res.ok) {
      onSignedIn(res.value.user);
      return;
    }
    if (res.error.code === 'challenge_expired') {
      onRestart('This sign-in has expired. Enter your email and password again.');
      return;
    }
    const error = res.error;
    // A refused code is cleared and its field focused (rendered first, so it is enabled), ready for the next one.
    flushSync(() => {
      setBusy(false);
      setFailure(error);
      setCode('');
      setBackupCode('');
    });
    (mode === 'code' ? codeRef : backupRef).current?.focus();
  }

  function switchMode(next: Mode) {
    flushSync(() => {
      setMode(next);
      setFailure(null);
    });
    (next === 'code' ? codeRef : backupRef).current?.focus();
    announce(next === 'backup' ? 'Enter one of your backup codes.' : 'Enter the 6-digit code from your app.');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (mode === 'code') {
      if (code.length === 6) void verify({ code });
      else setFailure({ code: 'invalid_code', message: 'Enter all 6 digits.', status: 0 });
    } else if (backupCode !== '') {
      void verify({ backupCode });
    }
  }

  const blocked = busy || retryLeft > 0;
  return (
    <section className="card auth-card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Two-factor authentication</h1>
      <p className="lead">
        {mode === 'code'
          ? 'Open your authenticator app and enter the 6-digit code for '
          : 'Enter one of the backup codes you saved for '}
        <strong>{email || 'your account'}</strong>.
      </p>
      <form onSubmit={submit}>
        {mode === 'code' ? (
          <CodeField
            label="6-digit code"
            value={code}
            onChange={setCode}
            onComplete={(c) => void verify({ code: c })}
            disabled={busy}
            invalid={failure !== null}
            describedBy={errorId}
            inputRef={codeRef}
          />
        ) : (
          <div className="field">
            <label htmlFor={`${id}-backup`}>Backup code</label>
            <p id={`${id}-backup-hint`} className="hint">
              Each backup code works once.
            </p>
            <input
              id={`${id}-backup`}
              ref={backupRef}
              className="mono"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={backupCode}
              disabled={busy}
              aria-invalid={failure !== null || undefined}
              aria-describedby={`${id}-backup-hint ${errorId}`}
              onChange={(e) => setBackupCode(normalizeBackupCode(e.target.value))}
            />
          </div>
        )}
        <div className="check">
          <input
            id={`${id}-remember`}
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          <label htmlFor={`${id}-remember`}>Remember this browser for 30 days</label>
        </div>
        <ErrorNote id={errorId} failure={failure} context={mode === 'code' ? 'code' : 'backup'} retryLeft={retryLeft} />
        <button type="submit" className="button primary wide" disabled={blocked}>
          {busy ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <div className="alt-actions">
        {mode === 'code' ? (
          <button type="button" className="button link" onClick={() => switchMode('backup')}>
            Use a backup code
          </button>
        ) : (
          <button type="button" className="button link" onClick={() => switchMode('code')}>
            Use your authenticator app instead
          </button>
        )}
        <button type="button" className="button link" onClick={() => onRestart('')}>
          Sign in as someone else
        </button>
      </div>
    </section>
  );
}
