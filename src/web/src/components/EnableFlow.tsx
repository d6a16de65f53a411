import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ApiFailure, Client } from '../api/client';
import type { Setup } from '../api/schemas';
import { groupKey, svgDataUrl } from '../lib/format';
import { BackupCodesPanel } from './BackupCodesPanel';
import { CodeField } from './CodeField';
import { ErrorNote } from './ErrorNote';
import { useFocusOnMount, useRetryCountdown } from './hooks';
import { useAnnounce } from './status';

/** Apps that read the otpauth QR code; Twofold first, since it can scan the code straight off this screen. */
export const AUTHENTICATOR_APPS = [
  'Twofold for desktop (Import → Scan screen)',
  'Google Authenticator',
  'Microsoft Authenticator',
  'Authy',
  '1Password',
] as const;

interface Props {
  readonly client: Client;
  readonly email: string;
  /** Heading level: the page title when setup is required, a section heading on the profile. */
  readonly level: 1 | 2;
  readonly onDone: () => void;
  readonly onCancel?: () => void;
}

type Step = { kind: 'loading' } | { kind: 'scan'; setup: Setup } | { kind: 'codes'; codes: string[] };

export function EnableFlow({ client, email, level, onDone, onCancel }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const started = useRef(false);

  async function start() {
    setStep({ kind: 'loading' });
    setFailure(null);
    const res = await client.setup();
    if (res.ok) {
      setStep({ kind: 'scan', setup: res.value });
      announce('Scan the QR code with your authenticator app, then enter the 6-digit code it shows.');
    } else {
      setFailure(res.error);
    }
  }

  // One setup per mount: a second call would replace the pending secret the QR code shows.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start();
  });

  if (step.kind === 'codes') {
    return <BackupCodesPanel codes={step.codes} email={email} onContinue={onDone} />;
  }
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <section className="enable-flow" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>Set up two-factor authentication</Heading>
      {step.kind === 'loading' ? (
        failure ? (
          <>
            <ErrorNote id={`${id}-load-error`} failure={failure} context="general" />
            <button type="button" className="button" onClick={() => void start()}>
              Try again
            </button>
          </>
        ) : (
          <p aria-busy="true">Preparing your key…</p>
        )
      ) : (
        <ScanStep
          client={client}
          setup={step.setup}
          onEnabled={(codes) => {
            setStep({ kind: 'codes', codes });
            announce('Two-factor authentication is on. Save your backup codes.');
          }}
          onRestart={() => void start()}
        />
      )}
      {onCancel && step.kind !== 'loading' ? (
        <button type="button" className="button link" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </section>
  );
}

interface ScanProps {
  readonly client: Client;
  readonly setup: Setup;
  readonly onEnabled: (codes: string[]) => void;
  readonly onRestart: () => void;
}

function ScanStep({ client, setup, onEnabled, onRestart }: ScanProps) {
  const id = useId();
  const announce = useAnnounce();
  const intro = useFocusOnMount<HTMLHeadingElement>();
  const codeRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const retryLeft = useRetryCountdown(failure);
  const key = groupKey(setup.secret);

  async function verify(value: string) {
    if (busy || retryLeft > 0) return;
    setBusy(true);
    setFailure(null);
    const res = await client.enable(value);
    if (res.ok) {
      onEnabled(res.value.backupCodes);
      return;
    }
    if (res.error.code === 'no_pending_enrolment') {
      onRestart();
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
    if (code.length === 6) void verify(code);
    else setFailure({ code: 'invalid_code', message: 'Enter all 6 digits.', status: 0 });
  }

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(setup.secret);
      announce('Key copied to the clipboard.');
    } catch {
      announce('Copying is blocked in this browser. Select the key and copy it instead.');
    }
  }

  return (
    <ol className="steps">
      <li>
        <h3 ref={intro} tabIndex={-1}>
          Scan this QR code with your authenticator app
        </h3>
        <div className="scan">
          <div className="qr-frame">
            <img
              className="qr"
              src={svgDataUrl(setup.qrSvg)}
              alt={`QR code to add Twofold (${labelOf(setup.otpauthUri)}) to an authenticator app`}
              data-testid="qr"
            />
          </div>
          <div>
            <p className="hint">Apps that work with this code:</p>
            <ul className="apps">
              {AUTHENTICATOR_APPS.map((app) => (
                <li key={app}>{app}</li>
              ))}
              <li>or any app that supports time-based codes (TOTP)</li>
            </ul>
          </div>
        </div>
        <div className="manual">
          <p className="manual-title">Can’t scan it? Enter this key instead:</p>
          <div className="key-row">
            <code className="key mono" data-testid="manual-key">
              {key}
            </code>
            <button type="button" className="button small" onClick={() => void copyKey()}>
              Copy key
            </button>
          </div>
          <p className="hint">If your app asks: time-based, 6 digits, every 30 seconds.</p>
        </div>
      </li>
      <li>
        <form onSubmit={submit}>
          <h3>Enter the 6-digit verification code</h3>
          <CodeField
            label="Verification code from your app"
            value={code}
            onChange={setCode}
            onComplete={(c) => void verify(c)}
            disabled={busy}
            invalid={failure !== null}
            describedBy={`${id}-error`}
            inputRef={codeRef}
          />
          <ErrorNote id={`${id}-error`} failure={failure} context="code" retryLeft={retryLeft} />
          <button type="submit" className="button primary" disabled={busy || retryLeft > 0}>
            {busy ? 'Checking…' : 'Verify Code'}
          </button>
        </form>
      </li>
    </ol>
  );
}

/** The account label from the otpauth URI ("Twofold:ana@example.com" → "ana@example.com"), for the image's alt text. */
function labelOf(uri: string): string {
  try {
    const path = decodeURIComponent(new URL(uri).pathname.replace(/^\/+/, ''));
    return path.includes(':') ? path.slice(path.indexOf(':') + 1) : path;
  } catch {
    return 'your account';
  }
}
