import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';

/**
 * A 6–8 digit code input that offers the matching vault account's current
 * code in one click (console:vault-code). The vault answers only a code,
 * never the secret.
 */
export function CodeField({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const vaultCode = useStore((s) => s.vaultCode);
  const [offer, setOffer] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    let live = true;
    void vaultCode().then((code) => live && setOffer(code !== null));
    return () => {
      live = false;
    };
  }, [vaultCode]);
  return (
    <>
      {offer && (
        <button
          type="button"
          className="btn vault-fill"
          onClick={async () => {
            const code = await vaultCode();
            if (code) onChange(code);
          }}
          data-testid="fill-from-vault"
        >
          Fill code from Twofold
        </button>
      )}
      <label className="field">
        <span>{label}</span>
        <input
          ref={input}
          className="input code-input mono"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={10}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/[^\d ]/g, ''))}
          data-testid="code-input"
          required
        />
      </label>
    </>
  );
}
