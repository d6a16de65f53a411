import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Logo } from '../../components/Logo';
import { useStore } from '../../store';
import { CodeField } from './CodeField';

/** Service address, then email and password, then the code (fillable from the vault). */
export function SignIn() {
  const s = useStore(
    useShallow((st) => ({
      status: st.consoleStatus,
      error: st.consoleError,
      busy: st.consoleBusy,
      signIn: st.signIn,
      submitCode: st.submitCode,
      signOut: st.signOut,
    })),
  );
  const [serviceUrl, setServiceUrl] = useState(s.status?.serviceUrl ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const stage = s.status?.stage ?? 'signed_out';

  return (
    <div className="signin">
      <div className="lock-card">
        <Logo />
        <h1>{stage === 'code_required' ? 'Enter your code' : 'Sign in to the admin console'}</h1>
        <p className="lead">
          {stage === 'code_required'
            ? `Enter the code from your authenticator for ${email || 'your account'}.`
            : 'Manage two-factor authentication for the people in your organisations.'}
        </p>
        {s.error && (
          <div className="alert error" role="alert">
            {s.error.message}
          </div>
        )}
        {stage === 'setup_required' ? (
          <>
            <div className="alert info">
              Your account has no two-factor authentication yet. Set it up on the account pages at{' '}
              {s.status?.serviceUrl}, then sign in here again.
            </div>
            <button type="button" className="btn" onClick={() => void s.signOut()}>
              Back
            </button>
          </>
        ) : stage === 'code_required' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void s.submitCode(code);
              setCode('');
            }}
          >
            <CodeField value={code} onChange={setCode} label="6-digit code" />
            <button type="submit" className="btn primary" disabled={s.busy || code.replace(/\s/g, '').length < 6}>
              Verify
            </button>
            <div className="or" />
            <button type="button" className="btn ghost" onClick={() => void s.signOut()}>
              Use another account
            </button>
          </form>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const url = serviceUrl.trim();
              const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
              void s.signIn({ serviceUrl: withScheme, email: email.trim(), password });
              setPassword('');
            }}
          >
            <label className="field">
              <span>Service address</span>
              <input
                className="input"
                value={serviceUrl}
                onChange={(e) => setServiceUrl(e.target.value)}
                placeholder="https://twofold.example.com"
                required
                data-testid="service-url"
              />
            </label>
            <label className="field">
              <span>Email</span>
              <input
                className="input"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
                data-testid="email"
              />
            </label>
            <label className="field">
              <span>Password</span>
              <input
                className="input"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
                data-testid="password"
              />
            </label>
            <button type="submit" className="btn primary" disabled={s.busy}>
              {s.busy ? 'Signing in…' : 'Continue'}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
