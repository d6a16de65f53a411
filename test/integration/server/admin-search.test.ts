import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_USERS } from '../../../src/server/seed/demo-data';
import { apiErrorBody, auditListSchema, orgListSchema, type UserList, userListSchema } from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { enrolDirect, sessionFor, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

describe.each(ENGINES)('admin search, orgs and audit on %s', (engine) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const as = (email: string) => tokens[email] as string;
  const list = async (email: string, query = '') => {
    const r = await h.get(`/api/admin/users${query}`, as(email));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return userListSchema.parse(r.body);
  };

  beforeAll(async () => {
    h = await startHarness(engine, 'search');
    for (const u of DEMO_USERS) tokens[u.email] = await sessionFor(h.ctx, await userIdByEmail(h.ctx.db, u.email));
  });
  afterAll(() => h.close());

  it('pages through everyone with keyset cursors, in (name, id) order, without gaps or repeats', async () => {
    const seen: UserList['users'] = [];
    let cursor: string | null = null;
    do {
      const page: UserList = await list('ada@twofold.test', `?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.users.length).toBeLessThanOrEqual(5);
      seen.push(...page.users);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    const names = seen.map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('matches q anywhere in the name or email, case-insensitively, with no wildcard leaks', async () => {
    expect((await list('ada@twofold.test', '?q=ABACUS')).users.map((u) => u.email).sort()).toEqual([
      'olive@abacus.test',
      'paula@abacus.test',
      'peter@abacus.test',
    ]);
    expect((await list('ada@twofold.test', '?q=bbot')).users.map((u) => u.name)).toEqual(['Paula Abbott']);
    expect((await list('ada@twofold.test', '?q=%25')).users).toEqual([]);
    expect((await list('ada@twofold.test', '?q=_')).users).toEqual([]);
    // In neither the name nor the email: it runs from Ada Lovelace's name into ada@twofold.test.
    expect((await list('ada@twofold.test', `?q=${encodeURIComponent('lovelace ada@')}`)).users).toEqual([]);
    expect((await list('ada@twofold.test', '?q=lovelace')).users.map((u) => u.email)).toEqual(['ada@twofold.test']);
  });

  it('filters by role and organisation, inside the caller’s scope only', async () => {
    const admins = await list('ada@twofold.test', '?role=partner_admin');
    expect(admins.users).toHaveLength(4);
    const birch = await list('paula@abacus.test', '?orgId=org-birch');
    expect(birch.users.map((u) => u.email).sort()).toEqual(['cara@birch.test', 'colin@birch.test']);
    expect((await list('paula@abacus.test', '?orgId=org-delta')).users).toEqual([]);
  });

  it('scopes partner roles to their firm tree and client admins to their client; client ops has no console', async () => {
    const firm = await list('olive@abacus.test');
    const abacusTree = DEMO_USERS.filter((u) => ['org-abacus', 'org-birch', 'org-cobalt'].includes(u.orgId));
    expect(firm.users.map((u) => u.email).sort()).toEqual(abacusTree.map((u) => u.email).sort());
    expect(firm.users.every((u) => !u.canReset2fa && !!u.resetBlockedReason)).toBe(true);

    const client = await list('cara@birch.test');
    expect(client.users.map((u) => u.email).sort()).toEqual(['cara@birch.test', 'colin@birch.test']);
    const ops = await h.get('/api/admin/users', as('colin@birch.test'));
    expect([ops.status, apiErrorBody.parse(ops.body).error.code]).toEqual([403, 'forbidden']);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=abc', 'limit'],
    ['?role=superuser', 'role'],
    ['?cursor=not-a-cursor', 'cursor'],
    [`?q=${'x'.repeat(201)}`, 'q'],
    ['?q=lovelace%0Aada', 'q'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const r = await h.get(`/api/admin/users${query}`, as('ada@twofold.test'));
    expect([r.status, apiErrorBody.parse(r.body).error]).toMatchObject([400, { code: 'bad_request', field }]);
  });

  it('lists the organisations within the caller’s visibility', async () => {
    const ids = async (email: string) =>
      orgListSchema
        .parse((await h.get('/api/admin/orgs', as(email))).body)
        .orgs.map((o) => o.id)
        .sort();
    expect(await ids('alan@twofold.test')).toEqual(DEMO_ORGS.map((o) => o.id).sort());
    expect(await ids('lena@ledgerline.test')).toEqual(['org-delta', 'org-ember', 'org-ledgerline']);
    expect(await ids('dana@delta.test')).toEqual(['org-delta']);
  });

  it('shows the audit log only to those who may reset, and only about users they can see', async () => {
    const cara = await userIdByEmail(h.ctx.db, 'cara@birch.test');
    const dana = await userIdByEmail(h.ctx.db, 'dana@delta.test');
    for (const id of [cara, dana]) await enrolDirect(h.ctx, id);
    const ada = await userIdByEmail(h.ctx.db, 'ada@twofold.test');
    await enrolDirect(h.ctx, ada);
    const fresh = await sessionFor(h.ctx, ada);
    for (const id of [cara, dana])
      expect((await h.post(`/api/admin/users/${id}/2fa/reset`, {}, fresh)).status).toBe(200);

    const partner = auditListSchema.parse((await h.get('/api/admin/audit', as('paula@abacus.test'))).body);
    expect(partner.events.map((e) => e.target?.email)).toEqual(['cara@birch.test']);
    const platform = auditListSchema.parse((await h.get('/api/admin/audit?limit=1', fresh)).body);
    expect(platform.events).toHaveLength(1);
    const next = auditListSchema.parse(
      (await h.get(`/api/admin/audit?limit=1&cursor=${platform.nextCursor}`, fresh)).body,
    );
    expect(next.events[0]?.id).not.toBe(platform.events[0]?.id);
    expect(new Date(next.events[0]?.at ?? 0).getTime()).toBeLessThanOrEqual(
      new Date(platform.events[0]?.at ?? 0).getTime(),
    );

    for (const email of ['alan@twofold.test', 'olive@abacus.test', 'cole@cobalt.test']) {
      expect((await h.get('/api/admin/audit', as(email))).status).toBe(403);
    }
  });
});
