/**
 * The admin console's two hot calls over HTTP, with 100,000 users:
 * - search, a page of 50, as a platform admin (global) and as a partner admin
 *   (one firm's tree), mixing no filter, common and rare substrings and later pages;
 * - reset, each request resetting a different enrolled user.
 */
import { demoPasswordHash } from '../test/support/service';
import { json, type LoadResult, load } from './server-support/load';
import type { RawRequest } from './server-support/raw-http';
import { enrolUsers, freshSession, seedPopulation } from './server-support/seed';
import { benchEngines, benchService } from './server-support/service';
import { stealNote, withSteal } from './server-support/steal';
import type { BenchContext, BenchRow } from './types';

const USERS = 100_000;
const RESETS = 2000;
/** One admin at a time is what a person sees; four at once shows how latency holds under contention. */
const CONNECTIONS = 1;
const BUSY = 4;

/**
 * What people type: nothing, a surname, a first name (~2 % of users each), a full name, part of an
 * email domain (one client's staff), a number from an address, a typo that matches nothing.
 */
const QUERIES = ['', 'garcia', 'nora', 'hugo ito', 'bench-client-3-', '4242', 'zzz-no-match', ''];

export default async function adminBench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const engine of benchEngines(ctx.pgUrl)) {
    let globalToken = '';
    let partnerToken = '';
    let targets: string[] = [];
    const started = performance.now();
    const service = await benchService(engine, 'admin', async (db, box) => {
      const { userIds } = await seedPopulation(db, {
        users: USERS,
        firms: 20,
        clientsPerFirm: 10,
        passwordHash: await demoPasswordHash(),
      });
      const admin = await db.selectFrom('users').select('id').where('role', '=', 'bot_admin').executeTakeFirstOrThrow();
      const partner = await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'partner_admin')
        .where('firm_id', '=', 'bench-firm-3')
        .executeTakeFirstOrThrow();
      globalToken = await freshSession(db, admin.id);
      partnerToken = await freshSession(db, partner.id);
      targets = userIds.filter((id) => id !== admin.id).slice(-RESETS);
      await enrolUsers(db, box, targets);
    });
    ctx.log(`${engine}: ${USERS} users seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    try {
      for (const [scope, token] of [
        ['global', globalToken],
        ['one partner', partnerToken],
      ] as const) {
        const [result, steal] = await withSteal(() => searchLoad(service.url, token, CONNECTIONS));
        const busy = await searchLoad(service.url, token, BUSY);
        rows.push({
          bench: `server-admin (${engine})`,
          metric: `search, page of 50, ${scope} scope: p95`,
          value: result.p95,
          unit: 'ms',
          target: '≤ 25 ms',
          pass: result.p95 <= 25 && result.failed + busy.failed === 0,
          note: `p50 ${result.p50.toFixed(1)} ms, ${result.rate.toFixed(0)}/s${stealNote(steal)}; ${BUSY} at once: p95 ${busy.p95.toFixed(1)} ms, ${busy.rate.toFixed(0)}/s`,
        });
      }
      let i = 0;
      const next = (): RawRequest =>
        json('POST', `/api/admin/users/${targets[i++ % targets.length]}/2fa/reset`, { reason: 'bench' }, globalToken);
      const [reset, steal] = await withSteal(() =>
        load({ url: service.url, next, connections: CONNECTIONS, amount: RESETS / 2 }),
      );
      const busy = await load({ url: service.url, next, connections: BUSY, amount: RESETS / 2 });
      rows.push({
        bench: `server-admin (${engine})`,
        metric: 'reset 2FA: p95',
        value: reset.p95,
        unit: 'ms',
        target: '≤ 15 ms',
        pass: reset.p95 <= 15 && reset.failed + busy.failed === 0,
        note: `p50 ${reset.p50.toFixed(1)} ms, ${reset.rate.toFixed(0)}/s${stealNote(steal)}; ${BUSY} at once: p95 ${busy.p95.toFixed(1)} ms, ${busy.rate.toFixed(0)}/s`,
      });
    } finally {
      await service.stop();
    }
  }
  return rows;
}

/** Mixed searches for 4 s: first pages of each query, and the third page of the unfiltered list. */
async function searchLoad(url: string, token: string, connections: number): Promise<LoadResult> {
  const first = await fetch(`${url}/api/admin/users?limit=50`, { headers: { authorization: `Bearer ${token}` } });
  const page2 = ((await first.json()) as { nextCursor: string }).nextCursor;
  const second = await fetch(`${url}/api/admin/users?limit=50&cursor=${page2}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const page3 = ((await second.json()) as { nextCursor: string }).nextCursor;
  const paths = [
    ...QUERIES.map((q) => `/api/admin/users?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`),
    `/api/admin/users?limit=50&cursor=${page3}`,
  ];
  let i = 0;
  const next = () => json('GET', paths[i++ % paths.length] as string, undefined, token);
  await load({ url, next, connections, amount: connections * 20 }); // warm-up
  return load({ url, next, connections, seconds: 4 });
}
