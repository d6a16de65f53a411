import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Logo } from '../components/Logo';
import { useStore } from '../store';

/** First run (create the vault) and unlock: keychain first, a passphrase where that slot is used. */
export function LockScreen() {
  const { vault, error, busy, unlock, createVault } = useStore(
    useShallow((s) => ({
      vault: s.vault,
      error: s.vaultError,
      busy: s.vaultBusy,
      unlock: s.unlock,
      createVault: s.createVault,
    })),
  );
  const [passphrase, setPassphrase] = useState('');
  if (!vault) return <div className="lock muted">Opening…</div>;
  const absent = vault.state === 'absent';
  const keychain = absent || vault.slots.includes('keychain');
  const passphraseSlot = !absent && vault.slots.includes('passphrase');

  return (
    <div className="lock">
      <div className="lock-card" data-testid="lock-screen">
        <Logo />
        <h1>{absent ? 'Create your vault' : 'Twofold is locked'}</h1>
        <p className="lead">
          {absent
            ? 'Your accounts are encrypted on this computer. The key is kept in the system keychain.'
            : 'Unlock to see your codes. Twofold locks itself after a while without use.'}
        </p>
        {error && (
          <div className="alert error" role="alert">
            {error.message}
          </div>
        )}
        {keychain && (
          <button
            type="button"
            className="btn primary"
            disabled={busy}
            onClick={() => void (absent ? createVault({ useKeychain: true }) : unlock())}
            data-testid="unlock"
          >
            {absent ? 'Create vault' : 'Unlock with system keychain'}
          </button>
        )}
        {(passphraseSlot || absent) && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (absent) void createVault({ passphrase, useKeychain: false });
              else void unlock(passphrase);
              setPassphrase('');
            }}
          >
            {keychain && <div className="or">{absent ? 'or, where no keychain works' : 'or'}</div>}
            <label className="field">
              <span>Passphrase</span>
              <input
                className="input"
                type="password"
                autoComplete="current-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                minLength={absent ? 8 : 1}
                data-testid="passphrase"
              />
            </label>
            <button type="submit" className={`btn${keychain ? '' : ' primary'}`} disabled={busy || !passphrase}>
              {absent ? 'Create with a passphrase' : 'Unlock with passphrase'}
            </button>
          </form>
        )}
        <p className="muted" style={{ fontSize: 12, marginTop: 16, marginBottom: 0, wordBreak: 'break-all' }}>
          {vault.vaultPath}
        </p>
      </div>
    </div>
  );
}
