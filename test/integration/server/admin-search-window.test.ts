import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_WINDOW } from '../../../src/server/repositories/admin-users';
import { insertUsers, userRow } from '../../../src/server/repositories/users';
import { type UserList, userListSchema } from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { sessionFor, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

/**
 * A search first filters the first SEARCH_WINDOW users in name order and only
 * then asks the trigram index. Whichever path answers, the pages must be the
 * same as a plain filter-and-sort: this checks it with terms that fill a page
 * inside the window, straddle it, lie wholly beyond it, or are too short for
 * trigrams, paging through every result. A term that runs from a name into its
 * email is in neither, and matches nobody.
 */
const COUNT = SEARCH_WINDOW + 600;
const pad = (n: number) => String(n).padStart(4, '0');

describe.each(ENGINES)('search pages across the window on %s', (engine) => {
  let h: Harness;
  let token: string;
  let all: Array<{ name: string; email: string }>;

  beforeAll(async () => {
    h = await startHarness(engine, 'window');
    const now = h.clock.t;
    // Letters and digits of one case only, so every collation sorts them as JavaScript does.
    const rows = Array.from({ length: COUNT }, (_, i) =>
      userRow({
        email: `window${pad(i)}@win.test`,
        name: `Window${pad(i)}`,
        role: 'client_ops',
        orgId: 'org-birch',
        firmId: 'org-abacus',
        passwordHash: 'x',
        now,
      }),
    );
    await insertUsers(h.ctx.db, rows);
    all = rows.map((r) => ({ name: r.name, email: r.email }));
    token = await sessionFor(h.ctx, await userIdByEmail(h.ctx.db, 'paula@abacus.test'));
  });
  afterAll(() => h.close());

  async function everyPage(q: string, limit: number): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `?q=${encodeURIComponent(q)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await h.get(`/api/admin/users${query}`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page: UserList = userListSchema.parse(res.body);
      names.push(...page.users.map((u) => u.name));
      cursor = page.nextCursor;
    } while (cursor);
    return names;
  }

  it.each([
    ['every user (fills pages inside the window)', 'win', 100],
    ['one in ten, spread evenly', '7@', 50],
    ['one in a hundred, straddling the window', '99@', 20],
    ['only beyond the window', `window${pad(COUNT - 50).slice(0, 3)}`, 50],
    ['one user', `window${pad(SEARCH_WINDOW + 1)}`, 50],
    ['nobody', 'window9999', 50],
    ['two characters, below trigram length', '3@', 50],
    ['nobody for a term across name and email, common', '1 w', 50],
    ['nobody for a term across name and email, rare', `${pad(SEARCH_WINDOW + 1)} window`, 50],
  ])('%s (%s)', async (_, q, limit) => {
    const inField = (text: string) => text.toLowerCase().includes(q.toLowerCase());
    const expected = all
      .filter((u) => inField(u.name) || inField(u.email))
      .map((u) => u.name)
      .sort();
    const got = await everyPage(q, limit);
    expect(got.filter((n) => n.startsWith('Window'))).toEqual(expected);
  });
});
