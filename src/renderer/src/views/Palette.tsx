import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Modal } from '../components/Modal';
import { groupCode, matchesQuery } from '../lib/format';
import { useStore } from '../store';

/** The global shortcut's quick search: type, Enter, code copied. */
export function Palette() {
  const { accounts, codes, copy, setPaletteOpen } = useStore(
    useShallow((s) => ({ accounts: s.accounts, codes: s.codes, copy: s.copy, setPaletteOpen: s.setPaletteOpen })),
  );
  const close = () => setPaletteOpen(false);
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const hits = useMemo(
    () => accounts.filter((a) => matchesQuery(q, [a.issuer, a.label, a.group])).slice(0, 8),
    [accounts, q],
  );
  const pick = (id: string | undefined) => {
    if (!id) return;
    void copy(id);
    close();
  };
  return (
    <Modal title="Quick search" onClose={close} className="palette">
      <input
        className="input"
        placeholder="Type to find an account, Enter to copy its code"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setAt(Math.min(hits.length - 1, at + 1));
          else if (e.key === 'ArrowUp') setAt(Math.max(0, at - 1));
          else if (e.key === 'Enter') pick(hits[at]?.id);
          else return;
          e.preventDefault();
        }}
        aria-label="Quick search"
        data-testid="palette-input"
      />
      <div className="palette-list" role="listbox" aria-label="Matches">
        {hits.map((a, i) => (
          <div key={a.id} role="option" tabIndex={-1} aria-selected={i === at} onMouseDown={() => pick(a.id)}>
            <span>
              <b>{a.issuer || a.label}</b> <span className="muted">{a.issuer ? a.label : ''}</span>
            </span>
            <span className="mono">{codes[a.id] ? groupCode(codes[a.id]?.code ?? '') : ''}</span>
          </div>
        ))}
        {hits.length === 0 && <div className="muted">No account matches.</div>}
      </div>
    </Modal>
  );
}
