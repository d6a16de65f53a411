import { describe, expect, it } from 'vitest';
import { groupCode, matchesQuery } from '../../../src/renderer/src/lib/format';
import { buildItems, HEADER_HEIGHT, offsetsOf, ROW_HEIGHT, visibleRange } from '../../../src/renderer/src/lib/virtual';
import type { AccountMeta } from '../../../src/shared/ipc/accounts';

const account = (i: number, group: string | null = null): AccountMeta => ({
  id: `a${i}`,
  issuer: `Service ${i}`,
  label: `user${i}@example.com`,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: null,
  group,
  sortOrder: i,
  createdAt: '',
  updatedAt: '',
});

describe('code grouping', () => {
  it.each([
    ['123456', '123 456'],
    ['12345678', '1234 5678'],
    ['1234567', '123 4567'],
  ])('%s reads as %s', (code, shown) => expect(groupCode(code)).toBe(shown));
});

describe('search', () => {
  it.each([
    ['', true],
    ['service 1', true],
    ['USER1@', true],
    ['work', true],
    ['service work', true],
    ['globex', false],
  ])('"%s" matches Service 1 in group Work: %s', (q, hit) => {
    expect(matchesQuery(q, ['Service 1', 'user1@example.com', 'Work'])).toBe(hit);
  });
});

describe('virtual list', () => {
  const thousand = Array.from({ length: 1000 }, (_, i) => account(i));

  it('renders only the rows around the viewport of 1,000 accounts', () => {
    const items = buildItems(thousand, '');
    const offsets = offsetsOf(items);
    expect(offsets[items.length]).toBe(1000 * ROW_HEIGHT);
    const { start, end } = visibleRange(offsets, 500 * ROW_HEIGHT, 600, 0);
    expect(start).toBe(500);
    expect(end - start).toBe(Math.ceil(600 / ROW_HEIGHT));
  });

  it('puts a header above each group, ungrouped first, and flattens while searching', () => {
    const items = buildItems([account(1, 'Work'), account(2), account(3, 'Home')], '');
    expect(items.map((i) => (i.kind === 'header' ? `# ${i.group}` : i.key))).toEqual([
      '# Ungrouped',
      'a2',
      '# Home',
      'a3',
      '# Work',
      'a1',
    ]);
    expect(offsetsOf(items)[3]).toBe(2 * HEADER_HEIGHT + ROW_HEIGHT);
    expect(buildItems([account(1, 'Work'), account(2)], 'service').every((i) => i.kind === 'account')).toBe(true);
  });

  it('an empty list has an empty range', () => {
    expect(visibleRange(offsetsOf([]), 0, 600)).toEqual({ start: 0, end: 0 });
  });
});
