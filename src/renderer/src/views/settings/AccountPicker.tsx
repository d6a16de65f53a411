import type { AccountMeta } from '../../../../shared/ipc/accounts';

interface AccountPickerProps {
  readonly accounts: readonly AccountMeta[];
  readonly picked: readonly string[];
  readonly onChange: (picked: readonly string[]) => void;
}

/** Which accounts go into a plain export: all by default, untick to leave some behind. */
export function AccountPicker({ accounts, picked, onChange }: AccountPickerProps) {
  const all = picked.length === accounts.length;
  return (
    <div className="field">
      <div className="picker-head">
        <span>
          Accounts: {picked.length} of {accounts.length}
        </span>
        <button
          type="button"
          className="btn ghost small"
          onClick={() => onChange(all ? [] : accounts.map((a) => a.id))}
        >
          {all ? 'Untick all' : 'Tick all'}
        </button>
      </div>
      <ul className="pick-list compact" aria-label="Accounts to export">
        {accounts.map((a) => (
          <li key={a.id}>
            <label>
              <input
                type="checkbox"
                checked={picked.includes(a.id)}
                onChange={() => onChange(picked.includes(a.id) ? picked.filter((p) => p !== a.id) : [...picked, a.id])}
              />
              <span>
                <b>{a.issuer || a.label}</b> <span className="muted">{a.issuer ? a.label : ''}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
