import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AccountList } from '../components/AccountList';
import { EditAccountDialog } from '../components/EditAccountDialog';
import { Icon } from '../components/Icon';
import { buildItems } from '../lib/virtual';
import { useStore } from '../store';
import { AddDialog } from './add/AddDialog';

/** The codes view: search, the list, and the Add surface. */
export function Authenticator() {
  const { accounts, query, selectedId, setQuery, select, copy, openAdd, addOpen, openPanel } = useStore(
    useShallow((s) => ({
      accounts: s.accounts,
      query: s.query,
      selectedId: s.selectedId,
      setQuery: s.setQuery,
      select: s.select,
      copy: s.copy,
      openAdd: s.openAdd,
      addOpen: s.addOpen,
      openPanel: s.openPanel,
    })),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const items = useMemo(() => buildItems(accounts, query), [accounts, query]);
  const accountIds = useMemo(() => items.flatMap((i) => (i.kind === 'account' ? [i.key] : [])), [items]);

  // "/" focuses the search from anywhere outside a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable]');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const move = (delta: number) => {
    if (accountIds.length === 0) return;
    const at = selectedId ? accountIds.indexOf(selectedId) : -1;
    const next =
      at < 0 ? (delta > 0 ? 0 : accountIds.length - 1) : Math.max(0, Math.min(accountIds.length - 1, at + delta));
    select(accountIds[next] ?? null);
  };
  const onNavKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
      if (e.currentTarget === searchRef.current) listRef.current?.focus();
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      move(e.key === 'PageDown' ? 8 : -8);
    } else if (e.key === 'Enter') {
      const id = selectedId && accountIds.includes(selectedId) ? selectedId : accountIds[0];
      if (id) {
        e.preventDefault();
        void copy(id);
      }
    } else if (e.key === 'Escape' && query) {
      setQuery('');
    }
  };

  return (
    <>
      <div className="toolbar">
        <label className="search">
          <span className="search-icon">
            <Icon name="search" size={16} />
          </span>
          <span className="sr-only">Search accounts</span>
          <input
            ref={searchRef}
            className="input"
            type="search"
            placeholder="Search accounts"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              select(null);
            }}
            onKeyDown={onNavKey}
            data-testid="search"
          />
        </label>
        <span className="muted" aria-hidden="true">
          <span className="kbd">/</span> search · <span className="kbd">↑↓</span> move ·{' '}
          <span className="kbd">Enter</span> copy
        </span>
        <button
          type="button"
          className="btn"
          onClick={() => openPanel('export')}
          disabled={accounts.length === 0}
          data-testid="export"
        >
          <Icon name="export" size={16} /> Export
        </button>
        <button type="button" className="btn primary" onClick={() => openAdd()} data-testid="add-account">
          + Add account
        </button>
      </div>
      <div className="list-wrap">
        {accounts.length === 0 ? (
          <div className="list">
            <div className="empty">
              <h2>No accounts yet</h2>
              <p>Scan a QR code on your screen, open an image, paste an otpauth link, or type a key in by hand.</p>
              <button type="button" className="btn primary" onClick={() => openAdd()}>
                Add your first account
              </button>
            </div>
          </div>
        ) : items.length === 0 ? (
          <div className="list">
            <div className="empty">
              <h2>No match</h2>
              <p>Nothing matches “{query}”. Try fewer letters.</p>
            </div>
          </div>
        ) : (
          <AccountList items={items} onEdit={setEditing} listRef={listRef} onKeyDown={onNavKey} />
        )}
      </div>
      {editing && <EditAccountDialog id={editing} onClose={() => setEditing(null)} />}
      {addOpen && <AddDialog />}
    </>
  );
}
