import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Modal } from '../../components/Modal';
import { useStore } from '../../store';
import { CodeField } from './CodeField';

/** Names the user, takes an optional reason; on step_up_required asks for a fresh code and retries. */
export function ResetDialog() {
  const s = useStore(
    useShallow((st) => ({
      target: st.resetTarget,
      stage: st.resetStage,
      error: st.resetError,
      busy: st.resetBusy,
      cancel: st.cancelReset,
      confirm: st.confirmReset,
      stepUp: st.stepUpAndReset,
    })),
  );
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  if (!s.target) return null;
  const who = `${s.target.name} (${s.target.email})`;
  return (
    <Modal
      title={s.stage === 'step_up' ? 'Confirm it is you' : 'Reset 2FA?'}
      onClose={s.cancel}
      describedBy="reset-lead"
    >
      {s.error && (
        <div className="alert error" role="alert">
          {s.error.message}
        </div>
      )}
      {s.stage === 'confirm' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void s.confirm(reason);
          }}
        >
          <p className="lead" id="reset-lead">
            Reset two-factor authentication for <b>{who}</b>? Their authenticator, backup codes and remembered devices
            stop working, they are signed out everywhere, and they set up 2FA again at their next sign-in.
          </p>
          <label className="field">
            <span>Reason (optional)</span>
            <textarea
              className="textarea"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              placeholder="For example: lost phone, ticket #1234"
              data-testid="reset-reason"
            />
          </label>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={s.cancel}>
              Cancel
            </button>
            <button type="submit" className="btn danger" disabled={s.busy} data-testid="confirm-reset">
              Reset
            </button>
          </div>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void s.stepUp(code, reason);
            setCode('');
          }}
        >
          <p className="lead" id="reset-lead">
            Resetting 2FA for <b>{who}</b> needs a fresh code from your authenticator.
          </p>
          <CodeField value={code} onChange={setCode} label="Your 6-digit code" />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={s.cancel}>
              Cancel
            </button>
            <button
              type="submit"
              className="btn danger"
              disabled={s.busy || code.replace(/\s/g, '').length < 6}
              data-testid="step-up-submit"
            >
              Verify and reset
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
