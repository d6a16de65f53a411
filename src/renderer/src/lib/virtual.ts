import type { AccountMeta } from '../../../shared/ipc/accounts';
import { matchesQuery } from './format';

export const ROW_HEIGHT = 68;
export const HEADER_HEIGHT = 34;

export type ListItem =
  | { readonly kind: 'header'; readonly key: string; readonly group: string }
  | { readonly kind: 'account'; readonly key: string; readonly account: AccountMeta };

/**
 * The rows to show: accounts matching the query, in the vault's order, under
 * a header per group when any account has one (ungrouped ones first). A
 * search flattens the groups so the best matches sit together.
 */
export function buildItems(accounts: readonly AccountMeta[], query: string): ListItem[] {
  const shown = accounts.filter((a) => matchesQuery(query, [a.issuer, a.label, a.group]));
  const grouped = !query.trim() && shown.some((a) => a.group);
  if (!grouped) return shown.map((account) => ({ kind: 'account', key: account.id, account }));
  const groups = new Map<string, AccountMeta[]>();
  for (const a of shown) {
    const name = a.group ?? '';
    const list = groups.get(name) ?? [];
    list.push(a);
    groups.set(name, list);
  }
  const names = [...groups.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  const items: ListItem[] = [];
  for (const name of names) {
    items.push({ kind: 'header', key: `group:${name}`, group: name || 'Ungrouped' });
    for (const account of groups.get(name) ?? []) items.push({ kind: 'account', key: account.id, account });
  }
  return items;
}

/** Top offset of every item, plus the total height as the last entry. */
export function offsetsOf(items: readonly ListItem[]): number[] {
  const offsets = new Array<number>(items.length + 1);
  let y = 0;
  for (let i = 0; i < items.length; i++) {
    offsets[i] = y;
    y += items[i]?.kind === 'header' ? HEADER_HEIGHT : ROW_HEIGHT;
  }
  offsets[items.length] = y;
  return offsets;
}

/** The index range [start, end) of items intersecting the viewport, widened by `overscan` pixels each side. */
export function visibleRange(offsets: readonly number[], scrollTop: number, height: number, overscan = 300) {
  const count = offsets.length - 1;
  const top = Math.max(0, scrollTop - overscan);
  const bottom = scrollTop + height + overscan;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid + 1] ?? 0) <= top) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < count && (offsets[end] ?? 0) < bottom) end++;
  return { start: lo, end };
}
