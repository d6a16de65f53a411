import { useId, useState } from 'react';
import type { Me } from '../../../shared/api/auth';
import type { Client } from '../api/client';
import { BackupCodesPanel } from '../components/BackupCodesPanel';
import { CodeActionForm } from '../components/CodeActionForm';
import { EnableFlow } from '../components/EnableFlow';
import { useAnnounce } from '../components/status';
import { formatDate } from '../lib/format';

interface Props {
  readonly client: Client;
  readonly user: Me;
  /** Something changed on the service: reload /api/me (and the remembered browsers). */
  readonly onChanged: () => void;
}

type Mode = 'idle' | 'enable' | 'regenerate' | 'disable' | { codes: string[] };

/** Backup codes come in tens; fewer than this many left earns a nudge to make new ones. */
const LOW_BACKUP_CODES = 3;

export function TwoFactorSection({ client, user, onChanged }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const [mode, setMode] = useState<Mode>('idle');
  const tf = user.twoFactor;
  const required = user.org.requires2fa === true;
  const remaining = tf.backupCodesRemaining;

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="two-factor">
      <div className="card-head">
        <h2 id={`${id}-title`}>Two-Factor Authentication</h2>
        <span className={`badge ${tf.enabled ? 'badge-on' : 'badge-off'}`} data-testid="2fa-state">
          {tf.enabled ? 'On' : 'Off'}
        </span>
      </div>
      <p className="hint">
        {tf.enabled
          ? `Signing in needs your password and a code from your authenticator app. On since ${formatDate(tf.enrolledAt)}.`
          : 'Add a second step to signing in: a 6-digit code from an authenticator app on your phone or computer.'}
        {required ? ` ${user.org.name} requires two-factor authentication for every account.` : ''}
      </p>

      {mode === 'enable' ? (
        <EnableFlow
          client={client}
          email={user.email}
          level={2}
          onDone={() => {
            setMode('idle');
            onChanged();
          }}
          onCancel={() => setMode('idle')}
        />
      ) : typeof mode === 'object' ? (
        <BackupCodesPanel
          codes={mode.codes}
          email={user.email}
          onContinue={() => {
            setMode('idle');
            onChanged();
          }}
        />
      ) : mode === 'regenerate' ? (
        <CodeActionForm
          title="Make new backup codes"
          intro="Your current backup codes stop working as soon as the new ones are made. Confirm with a code from your app."
          submitLabel="Make new codes"
          run={(code) => client.regenerateBackupCodes(code)}
          onDone={(v) => {
            setMode({ codes: v.backupCodes });
            announce('New backup codes made. The old ones no longer work.');
          }}
          onCancel={() => setMode('idle')}
        />
      ) : mode === 'disable' ? (
        <CodeActionForm
          title="Turn off two-factor authentication"
          intro="Signing in will need only your password. Your backup codes and remembered browsers stop working."
          submitLabel="Turn off 2FA"
          danger
          withPassword
          run={(code, password) => client.disable(password, code)}
          onDone={() => {
            setMode('idle');
            announce('Two-factor authentication is off.');
            onChanged();
          }}
          onCancel={() => setMode('idle')}
        />
      ) : tf.enabled ? (
        <>
          <dl className="facts">
            <div>
              <dt>Backup codes left</dt>
              <dd data-testid="backup-remaining">
                {remaining === undefined ? 'Unknown' : `${remaining} of 10`}
                {remaining !== undefined && remaining <= LOW_BACKUP_CODES ? (
                  <span className="inline-warn"> — running low; make new ones.</span>
                ) : null}
              </dd>
            </div>
          </dl>
          <div className="actions">
            <button type="button" className="button" onClick={() => setMode('regenerate')}>
              Regenerate backup codes
            </button>
            {required ? null : (
              <button type="button" className="button danger-outline" onClick={() => setMode('disable')}>
                Disable 2FA
              </button>
            )}
          </div>
          {required ? (
            <p className="note note-info" data-testid="disable-refused">
              You can’t turn off two-factor authentication: {user.org.name} requires it for every account.
            </p>
          ) : null}
        </>
      ) : (
        <button type="button" className="button primary" onClick={() => setMode('enable')}>
          Enable 2FA
        </button>
      )}
    </section>
  );
}
