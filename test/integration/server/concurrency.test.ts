import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_ACTION } from '../../../src/server/services/reset';
import { apiErrorBody } from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { enrolDirect, giveCredentials, sessionFor, snapshot, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

/** Over real HTTP (the service listens), so the requests really overlap in the server and the database. */
describe.each(ENGINES)('concurrent resets on %s', (engine) => {
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    h = await startHarness(engine, 'concurrency');
    base = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
  });
  afterAll(() => h.close());

  it('50 parallel resets of one user make exactly one effective reset; audit shows the rest as not_enrolled', async () => {
    const target = await userIdByEmail(h.ctx.db, 'cole@cobalt.test');
    await enrolDirect(h.ctx, target);
    await giveCredentials(h.ctx, target);
    const admins = await Promise.all(
      ['ada@twofold.test', 'grace@twofold.test'].map(async (email) => {
        const id = await userIdByEmail(h.ctx.db, email);
        await enrolDirect(h.ctx, id);
        return sessionFor(h.ctx, id);
      }),
    );

    const replies = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const res = await fetch(`${base}/api/admin/users/${target}/2fa/reset`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admins[i % 2]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: `parallel ${i}` }),
        });
        return { status: res.status, body: (await res.json()) as unknown };
      }),
    );

    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = replies.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect([r.status, apiErrorBody.parse(r.body).error.code]).toEqual([409, 'not_enrolled']);

    const outcomes = await h.ctx.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', RESET_ACTION)
      .where('target_id', '=', target)
      .execute();
    expect(outcomes.filter((o) => o.outcome === 'success')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'not_enrolled')).toHaveLength(49);
    expect(outcomes).toHaveLength(50);

    const after = await snapshot(h.ctx.db, target);
    expect(after).toMatchObject({ sessions: 0, devices: 0, backupCodes: 0, challenges: 0 });
    const queued = await h.ctx.db.selectFrom('mail_queue').select('to_address').execute();
    expect(queued).toEqual([{ to_address: 'cole@cobalt.test' }]);
  });
});
