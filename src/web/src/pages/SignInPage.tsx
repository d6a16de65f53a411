import { type FormEvent, useId, useState } from 'react';
import type { ApiFailure, Client } from '../api/client';
import type { WebLogin } from '../api/schemas';
import { ErrorNote } from '../components/ErrorNote';
import { useFocusOnMount, useRetryCountdown } from '../components/hooks';

interface Props {
  readonly client: Client;
  readonly initialEmail: string;
  /** Why the person is back here (signed out, expired sign-in), shown above the form. */
  readonly notice: string | null;
  readonly onAnswer: (answer: WebLogin, email: string) => void;
}

export function SignInPage({ client, initialEmail, notice, onAnswer }: Props) {
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const retryLeft = useRetryCountdown(failure);
  const errorId = `${id}-error`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || retryLeft > 0) return;
    setBusy(true);
    setFailure(null);
    const res = await client.login(email.trim(), password);
    setBusy(false);
    if (res.ok) {
      setPassword('');
      onAnswer(res.value, email.trim());
    } else {
      setFailure(res.error);
    }
  }

  return (
    <section className="card auth-card" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Sign in
      </h1>
      <p className="lead">Use your Twofold account’s email and password.</p>
      {notice ? (
        <p className="note note-info" data-testid="notice">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate={false}>
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-describedby={errorId}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={errorId}
            aria-invalid={failure?.code === 'invalid_credentials' || undefined}
          />
        </div>
        <ErrorNote id={errorId} failure={failure} context="password" retryLeft={retryLeft} />
        <button type="submit" className="button primary wide" disabled={busy || retryLeft > 0}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
