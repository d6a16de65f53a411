import { useShallow } from 'zustand/react/shallow';
import { Modal } from '../../components/Modal';
import { useStore } from '../../store';
import { NewPassphraseError, NewPassphraseFields, useNewPassphrase } from './NewPassphrase';

const AUTO_LOCK: readonly { seconds: number; label: string }[] = [
  { seconds: 60, label: 'After 1 minute' },
  { seconds: 300, label: 'After 5 minutes' },
  { seconds: 900, label: 'After 15 minutes' },
  { seconds: 3600, label: 'After 1 hour' },
  { seconds: 0, label: 'Never' },
];

function autoLockOptions(current: number) {
  if (AUTO_LOCK.some((o) => o.seconds === current)) return AUTO_LOCK;
  // A value set elsewhere (the CLI, an older version) is shown as it is rather than silently changed.
  const label =
    current < 60 ? `After ${current} second${current === 1 ? '' : 's'}` : `After ${Math.round(current / 60)} minutes`;
  return [...AUTO_LOCK, { seconds: current, label }];
}

/** Settings: when the vault locks itself, screen-sharing protection, and the passphrase slot. */
export function SettingsDialog() {
  const s = useStore(
    useShallow((st) => ({
      vault: st.vault,
      busy: st.panelBusy,
      error: st.panelError,
      close: st.closePanel,
      setAutoLock: st.setAutoLock,
      contentProtection: st.contentProtection,
      setContentProtection: st.setContentProtection,
    })),
  );
  if (!s.vault) return null;
  return (
    <Modal title="Settings" onClose={s.close} className="wide">
      {s.error && (
        <div className="alert error" role="alert">
          {s.error.message}
        </div>
      )}
      <section className="settings-section">
        <h3>Auto-lock</h3>
        <label className="field">
          <span>Lock Twofold when it has not been used</span>
          <select
            className="select"
            value={s.vault.autoLockSeconds}
            disabled={s.busy}
            onChange={(e) => void s.setAutoLock(Number(e.target.value))}
            data-testid="auto-lock"
          >
            {autoLockOptions(s.vault.autoLockSeconds).map((o) => (
              <option key={o.seconds} value={o.seconds}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <p className="muted hint">Locking drops the key and every code from memory. Copying a code counts as use.</p>
      </section>
      {s.contentProtection !== null && (
        <section className="settings-section">
          <h3>Privacy</h3>
          <label className="toggle strong">
            <input
              type="checkbox"
              checked={s.contentProtection}
              onChange={(e) => void s.setContentProtection(e.target.checked)}
              data-testid="settings-content-protection"
            />
            Hide this window from screenshots and screen sharing
          </label>
        </section>
      )}
      <PassphraseSection has={s.vault.slots.includes('passphrase')} />
      <p className="muted path-line">Vault file: {s.vault.vaultPath}</p>
      <div className="dialog-actions">
        <button type="button" className="btn primary" onClick={s.close}>
          Done
        </button>
      </div>
    </Modal>
  );
}

function PassphraseSection({ has }: { has: boolean }) {
  const { busy, save } = useStore(useShallow((st) => ({ busy: st.panelBusy, save: st.setVaultPassphrase })));
  const pass = useNewPassphrase();
  const ready = !busy && pass.valid;
  return (
    <form
      className="settings-section"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!ready) return;
        if (await save(pass.passphrase)) pass.clear();
      }}
    >
      <h3>Passphrase</h3>
      <p className="muted hint">
        {has
          ? 'The vault can be unlocked with a passphrase as well as with the system keychain. Setting a new one replaces the old.'
          : 'Add a passphrase to unlock the vault where the system keychain is locked or missing.'}
      </p>
      <NewPassphraseFields
        state={pass}
        labels={{ passphrase: has ? 'New passphrase' : 'Passphrase', confirm: 'Repeat it' }}
        testIds={{ passphrase: 'new-passphrase', confirm: 'new-passphrase-confirm' }}
      />
      <NewPassphraseError state={pass} what="A passphrase" />
      <div className="dialog-actions inline">
        <button type="submit" className="btn" disabled={!ready}>
          {has ? 'Change passphrase' : 'Add passphrase'}
        </button>
      </div>
    </form>
  );
}
