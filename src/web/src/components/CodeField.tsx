import { type RefObject, useEffect, useId, useRef } from 'react';
import { normalizeCode } from '../lib/format';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (code: string) => void;
  /** Called once when the sixth digit arrives, typed or pasted: the form submits itself. */
  readonly onComplete?: (code: string) => void;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string;
  readonly hint?: string;
  readonly inputRef?: RefObject<HTMLInputElement | null>;
  readonly autoFocus?: boolean;
}

/**
 * The 6-digit code: a numeric keyboard on phones, the one-time-code autofill
 * hint, and pasting "123 456" or "123-456" works because only digits are kept.
 */
export function CodeField({
  label,
  value,
  onChange,
  onComplete,
  disabled,
  invalid,
  describedBy,
  hint,
  inputRef,
  autoFocus,
}: Props) {
  const id = useId();
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;
  // Focus by effect rather than the autofocus attribute, so it also happens when the field is swapped in.
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus, ref]);
  const hintId = `${id}-hint`;
  const described = [hint ? hintId : null, describedBy ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        ref={ref}
        className="code-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        spellCheck={false}
        placeholder="000000"
        value={value}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={described}
        onChange={(e) => {
          const next = normalizeCode(e.target.value);
          onChange(next);
          if (next.length === 6 && next !== value) onComplete?.(next);
        }}
      />
    </div>
  );
}
