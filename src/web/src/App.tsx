import { useCallback, useEffect, useRef, useState } from 'react';
import type { Me } from '../../shared/api/auth';
import type { Client } from './api/client';
import { Brand } from './components/Brand';
import { EnableFlow } from './components/EnableFlow';
import { useAnnounce } from './components/status';
import { ChallengePage } from './pages/ChallengePage';
import { ProfilePage } from './pages/ProfilePage';
import { SignInPage } from './pages/SignInPage';
import { announcementFor, type View, viewAfterBoot, viewAfterLogin, viewForUser } from './session';

export function App({ client }: { readonly client: Client }) {
  const announce = useAnnounce();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const booted = useRef(false);

  const go = useCallback(
    (next: View) => {
      setView(next);
      const message = announcementFor(next);
      if (message) announce(message);
    },
    [announce],
  );

  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    void client.me().then((me) => go(viewAfterBoot(me)));
  }, [client, go]);

  /** Re-reads the signed-in user after a change; a session that ended sends the person back to sign in. */
  const refresh = useCallback(async () => {
    const me = await client.me();
    if (me.ok) setView(viewForUser(me.value));
    else if (me.error.status === 401 || me.error.code === 'setup_required')
      go({ kind: 'signed_out', email: '', notice: 'Your session has ended. Sign in again to continue.' });
  }, [client, go]);

  /**
   * After a sign-in, the profile is read from /api/me: the sign-in answer is a
   * summary (it may leave out counts such as the backup codes left).
   */
  function arrive(user: Me) {
    go(viewForUser(user));
    void refresh();
  }

  async function signOut() {
    await client.logout();
    go({ kind: 'signed_out', email: '', notice: 'You’ve signed out.' });
  }

  const signedIn = view.kind === 'profile' || view.kind === 'setup';
  const email =
    view.kind === 'profile' ? view.user.email : view.kind === 'setup' || view.kind === 'challenge' ? view.email : '';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Brand />
        {signedIn ? (
          <div className="topbar-user">
            {email ? <span className="topbar-email">{email}</span> : null}
            <button type="button" className="button small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <main id="main" className={view.kind === 'profile' || view.kind === 'setup' ? 'page-wide' : 'page-narrow'}>
        {view.kind === 'loading' ? (
          <p aria-busy="true">Loading…</p>
        ) : view.kind === 'signed_out' ? (
          <SignInPage
            client={client}
            initialEmail={view.email}
            notice={view.notice}
            onAnswer={(answer, signedInEmail) => {
              if (answer.status === 'signed_in') arrive(answer.user);
              else go(viewAfterLogin(answer, signedInEmail));
            }}
          />
        ) : view.kind === 'challenge' ? (
          <ChallengePage
            client={client}
            challengeToken={view.challengeToken}
            email={view.email}
            onSignedIn={arrive}
            onRestart={(notice) => go({ kind: 'signed_out', email, notice: notice || null })}
          />
        ) : view.kind === 'setup' ? (
          <section className="card setup-card">
            <p className="note note-info">
              Two-factor authentication is required for your account. Set it up now to finish signing in.
            </p>
            <EnableFlow client={client} email={view.email} level={1} onDone={() => void refresh()} />
          </section>
        ) : (
          <ProfilePage client={client} user={view.user} onRefresh={refresh} />
        )}
      </main>
      <footer className="footer">Twofold · account security</footer>
    </>
  );
}
