import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { HEADER_HEIGHT, type ListItem, offsetsOf, ROW_HEIGHT, visibleRange } from '../lib/virtual';
import { useStore } from '../store';
import { AccountRow } from './AccountRow';

interface ListProps {
  readonly items: readonly ListItem[];
  readonly onEdit: (id: string) => void;
  readonly listRef: React.RefObject<HTMLDivElement | null>;
  readonly onKeyDown: (e: React.KeyboardEvent) => void;
}

/**
 * The account list, virtualised: only the rows in (and just around) the
 * viewport are in the DOM, positioned by transform, so 1,000 accounts scroll
 * as smoothly as ten.
 */
export function AccountList({ items, onEdit, listRef, onKeyDown }: ListProps) {
  const { codes, selectedId, query, copy, nextHotp, reorder, updateAccount, accounts } = useStore(
    useShallow((s) => ({
      codes: s.codes,
      selectedId: s.selectedId,
      query: s.query,
      copy: s.copy,
      nextHotp: s.nextHotp,
      reorder: s.reorder,
      updateAccount: s.updateAccount,
      accounts: s.accounts,
    })),
  );
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [dragId, setDragId] = useState<string | null>(null);
  const [dropHint, setDropHint] = useState<{ id: string; after: boolean } | null>(null);
  const offsets = useMemo(() => offsetsOf(items), [items]);
  const { start, end } = visibleRange(offsets, scrollTop, height);

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [listRef]);

  // Keep the keyboard selection in view.
  useEffect(() => {
    const el = listRef.current;
    const index = items.findIndex((i) => i.key === selectedId);
    if (!el || index < 0) return;
    const top = offsets[index] ?? 0;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedId, items, offsets, listRef]);

  const onDrop = useCallback(
    (targetId: string) => {
      const hint = dropHint;
      setDropHint(null);
      setDragId(null);
      if (!dragId || dragId === targetId || !hint) return;
      const ids = accounts.map((a) => a.id).filter((id) => id !== dragId);
      const at = ids.indexOf(targetId) + (hint.after ? 1 : 0);
      ids.splice(at, 0, dragId);
      const target = accounts.find((a) => a.id === targetId);
      const dragged = accounts.find((a) => a.id === dragId);
      // Dropping beside an account of another group moves it into that group.
      if (target && dragged && target.group !== dragged.group) {
        void updateAccount({ id: dragId, group: target.group }).then(() => reorder(ids));
      } else {
        void reorder(ids);
      }
    },
    [accounts, dragId, dropHint, reorder, updateAccount],
  );
  const onDragOver = useCallback((id: string, after: boolean) => {
    setDropHint((h) => (h?.id === id && h.after === after ? h : { id, after }));
  }, []);

  const rows = [];
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (!item) continue;
    const top = offsets[i] ?? 0;
    if (item.kind === 'header') {
      rows.push(
        <div key={item.key} className="group-header" role="presentation" style={{ top, height: HEADER_HEIGHT }}>
          {item.group}
        </div>,
      );
      continue;
    }
    rows.push(
      <AccountRow
        key={item.key}
        account={item.account}
        code={codes[item.account.id]}
        top={top}
        selected={selectedId === item.account.id}
        draggable={!query.trim()}
        drop={dropHint?.id === item.account.id && dragId ? (dropHint.after ? 'after' : 'before') : null}
        onCopy={copy}
        onEdit={onEdit}
        onNextHotp={nextHotp}
        onDragStart={setDragId}
        onDragOver={onDragOver}
        onDrop={onDrop}
      />,
    );
  }

  return (
    <div
      ref={listRef}
      className="list"
      role="listbox"
      aria-label="Accounts"
      aria-activedescendant={selectedId ? `account-${selectedId}` : undefined}
      tabIndex={0}
      data-testid="account-list"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onDragEnd={() => {
        setDragId(null);
        setDropHint(null);
      }}
    >
      <div className="list-inner" style={{ height: offsets[items.length] ?? 0 }}>
        {rows}
      </div>
    </div>
  );
}
