import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';

/** Type an account in by hand; the advanced fields keep the usual defaults (TOTP, SHA1, 6 digits, 30 s). */
export function ManualForm() {
  const { addManual, setMode, busy } = useStore(
    useShallow((s) => ({ addManual: s.addManual, setMode: s.setAddMode, busy: s.addBusy })),
  );
  const [f, setF] = useState({
    issuer: '',
    label: '',
    secret: '',
    type: 'totp' as 'totp' | 'hotp',
    algorithm: 'SHA1' as 'SHA1' | 'SHA256' | 'SHA512',
    digits: 6,
    period: 30,
    counter: 0,
  });
  const set = <K extends keyof typeof f>(key: K, value: (typeof f)[K]) => setF({ ...f, [key]: value });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void addManual({ ...f, issuer: f.issuer.trim(), label: f.label.trim(), secret: f.secret.replace(/\s+/g, '') });
      }}
    >
      <label className="field">
        <span>Issuer</span>
        <input
          className="input"
          value={f.issuer}
          onChange={(e) => set('issuer', e.target.value)}
          placeholder="GitHub"
        />
      </label>
      <label className="field">
        <span>Label</span>
        <input
          className="input"
          value={f.label}
          onChange={(e) => set('label', e.target.value)}
          placeholder="you@example.com"
          required
        />
      </label>
      <label className="field">
        <span>Secret key</span>
        <input
          className="input mono"
          value={f.secret}
          onChange={(e) => set('secret', e.target.value)}
          placeholder="JBSW Y3DP EHPK 3PXP"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </label>
      <details>
        <summary>Advanced</summary>
        <div className="field-row">
          <label className="field">
            <span>Type</span>
            <select className="select" value={f.type} onChange={(e) => set('type', e.target.value as 'totp' | 'hotp')}>
              <option value="totp">Time-based (TOTP)</option>
              <option value="hotp">Counter-based (HOTP)</option>
            </select>
          </label>
          <label className="field">
            <span>Algorithm</span>
            <select
              className="select"
              value={f.algorithm}
              onChange={(e) => set('algorithm', e.target.value as 'SHA1' | 'SHA256' | 'SHA512')}
            >
              <option>SHA1</option>
              <option>SHA256</option>
              <option>SHA512</option>
            </select>
          </label>
          <label className="field">
            <span>Digits</span>
            <select className="select" value={f.digits} onChange={(e) => set('digits', Number(e.target.value))}>
              <option value={6}>6</option>
              <option value={7}>7</option>
              <option value={8}>8</option>
            </select>
          </label>
          {f.type === 'totp' ? (
            <label className="field">
              <span>Period (s)</span>
              <input
                className="input"
                type="number"
                min={1}
                max={3600}
                value={f.period}
                onChange={(e) => set('period', Number(e.target.value))}
              />
            </label>
          ) : (
            <label className="field">
              <span>Counter</span>
              <input
                className="input"
                type="number"
                min={0}
                value={f.counter}
                onChange={(e) => set('counter', Number(e.target.value))}
              />
            </label>
          )}
        </div>
      </details>
      <div className="dialog-actions">
        <button type="button" className="btn ghost" onClick={() => setMode('menu')}>
          Back
        </button>
        <span className="spacer" />
        <button type="submit" className="btn primary" disabled={busy}>
          Continue
        </button>
      </div>
    </form>
  );
}
