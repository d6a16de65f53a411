import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { Modal } from './Modal';

/** Rename, move to a group, or delete (with undo from the toast). */
export function EditAccountDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { accounts, updateAccount, removeAccount } = useStore(
    useShallow((s) => ({
      accounts: s.accounts,
      updateAccount: s.updateAccount,
      removeAccount: s.removeAccount,
    })),
  );
  const account = accounts.find((a) => a.id === id);
  const [issuer, setIssuer] = useState(account?.issuer ?? '');
  const [label, setLabel] = useState(account?.label ?? '');
  const [group, setGroup] = useState(account?.group ?? '');
  const groupNames = useMemo(
    () => [...new Set(accounts.map((a) => a.group).filter((g): g is string => !!g))].sort(),
    [accounts],
  );
  if (!account) return null;
  return (
    <Modal title="Edit account" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const saved = await updateAccount({
            id,
            issuer: issuer.trim(),
            label: label.trim(),
            group: group.trim() || null,
          });
          if (saved) onClose();
        }}
      >
        <label className="field">
          <span>Issuer</span>
          <input className="input" value={issuer} onChange={(e) => setIssuer(e.target.value)} maxLength={200} />
        </label>
        <label className="field">
          <span>Label</span>
          <input className="input" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} required />
        </label>
        <label className="field">
          <span>Group</span>
          <input
            className="input"
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            list="group-names"
            placeholder="None"
            maxLength={100}
          />
          <datalist id="group-names">
            {groupNames.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
        </label>
        <div className="dialog-actions">
          <button
            type="button"
            className="btn danger"
            onClick={() => {
              void removeAccount(id);
              onClose();
            }}
          >
            Delete
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
