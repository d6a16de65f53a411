import { useState } from 'react';

/** The core refuses shorter passphrases too (zod in the contract); checking here only saves a round trip. */
export const MIN_PASSPHRASE = 8;

export interface NewPassphrase {
  readonly passphrase: string;
  readonly confirm: string;
  readonly setPassphrase: (value: string) => void;
  readonly setConfirm: (value: string) => void;
  /** Typed, but shorter than the minimum. */
  readonly short: boolean;
  /** The repeat differs from the passphrase. */
  readonly mismatch: boolean;
  /** Long enough and typed the same twice. */
  readonly valid: boolean;
  readonly clear: () => void;
}

/** A new passphrase typed twice, as the backup export and the vault's passphrase slot both ask for. */
export function useNewPassphrase(): NewPassphrase {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  return {
    passphrase,
    confirm,
    setPassphrase,
    setConfirm,
    short: passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE,
    mismatch: confirm.length > 0 && confirm !== passphrase,
    valid: passphrase.length >= MIN_PASSPHRASE && confirm === passphrase,
    clear: () => {
      setPassphrase('');
      setConfirm('');
    },
  };
}

interface FieldsProps {
  readonly state: NewPassphrase;
  readonly labels: { readonly passphrase: string; readonly confirm: string };
  readonly testIds: { readonly passphrase: string; readonly confirm: string };
}

export function NewPassphraseFields({ state, labels, testIds }: FieldsProps) {
  return (
    <div className="field-row">
      <label className="field">
        <span>{labels.passphrase}</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          value={state.passphrase}
          onChange={(e) => state.setPassphrase(e.target.value)}
          aria-invalid={state.short}
          data-testid={testIds.passphrase}
        />
      </label>
      <label className="field">
        <span>{labels.confirm}</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          value={state.confirm}
          onChange={(e) => state.setConfirm(e.target.value)}
          aria-invalid={state.mismatch}
          data-testid={testIds.confirm}
        />
      </label>
    </div>
  );
}

/** Says what is wrong with the pair, if anything; `what` names the passphrase ("A backup passphrase"). */
export function NewPassphraseError({ state, what }: { state: NewPassphrase; what: string }) {
  if (!state.short && !state.mismatch) return null;
  return (
    <p className="field-error" role="alert">
      {state.short
        ? `${what} needs at least ${MIN_PASSPHRASE} characters.`
        : 'The two passphrases differ. Type the same passphrase twice.'}
    </p>
  );
}
