import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ApiFailure, ApiResult } from '../api/client';
import type { ErrorContext } from '../api/messages';
import { CodeField } from './CodeField';
import { ErrorNote } from './ErrorNote';
import { useFocusOnMount, useRetryCountdown } from './hooks';

interface Props<T> {
  readonly title: string;
  readonly intro: ReactNode;
  readonly submitLabel: string;
  readonly danger?: boolean;
  /** Also ask for the password (turning 2FA off). */
  readonly withPassword?: boolean;
  readonly run: (code: string, password: string) => Promise<ApiResult<T>>;
  readonly onDone: (value: T) => void;
  readonly onCancel: () => void;
}

/** A profile action that a current code must confirm: regenerating backup codes, turning 2FA off. */
export function CodeActionForm<T>({
  title,
  intro,
  submitLabel,
  danger,
  withPassword,
  run,
  onDone,
  onCancel,
}: Props<T>) {
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const codeRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const retryLeft = useRetryCountdown(failure);
  const context: ErrorContext = withPassword ? 'disable' : 'code';

  async function go(value: string) {
    if (busy || retryLeft > 0) return;
    if (withPassword && password === '') {
      setFailure({ code: 'bad_request', message: 'Enter your password as well as the code.', status: 0 });
      return;
    }
    setBusy(true);
    setFailure(null);
    const res = await run(value, password);
    if (res.ok) {
      onDone(res.value);
      return;
    }
    const error = res.error;
    flushSync(() => {
      setBusy(false);
      setFailure(error);
      setCode('');
    });
    codeRef.current?.focus();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (code.length === 6) void go(code);
    else setFailure({ code: 'bad_request', message: 'Enter all 6 digits of the code from your app.', status: 0 });
  }

  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <div className="hint">{intro}</div>
      {withPassword ? (
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={password}
            disabled={busy}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={`${id}-error`}
          />
        </div>
      ) : null}
      <CodeField
        label="6-digit code from your app"
        value={code}
        onChange={setCode}
        // With a password to type too, submitting is left to the button.
        onComplete={withPassword ? undefined : (c) => void go(c)}
        disabled={busy}
        invalid={failure !== null}
        describedBy={`${id}-error`}
        inputRef={codeRef}
      />
      <ErrorNote id={`${id}-error`} failure={failure} context={context} retryLeft={retryLeft} />
      <div className="actions">
        <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy || retryLeft > 0}>
          {busy ? 'Checking…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
