import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { OUTBOX_DIR } from '../../../src/server/mail/transport';
import { seedDemo } from '../../../src/server/seed/demo';
import { DEMO_PASSWORD } from '../../../src/server/seed/demo-data';
import { createTestDatabase, type TestDatabase } from '../../support/pg';
import { type Instance, startInstance } from '../../support/server-cli';
import { demoPasswordHash, enrolTotp } from '../../support/service';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const errorCode = (r: Reply) => (r.body.error as { code?: string } | undefined)?.code;

/**
 * Two service processes on one PostgreSQL database, as behind a load balancer.
 * Every guarantee must hold across them, because the state lives in the
 * database and never only in one process's memory.
 */
describe('scale-out: two service processes share one PostgreSQL', () => {
  let db: TestDatabase;
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  const both = () => [a.url, b.url] as const;

  /** Enrols through instance `via` and answers the secret and the step its first code used. */
  async function enrol(via: string, email: string) {
    const enrolled = await enrolTotp(via, email, DEMO_PASSWORD);
    const totp = new TOTP({ secret: Secret.fromBase32(enrolled.secret) });
    return {
      ...enrolled,
      codeAt: (offsetSteps: number, from = Date.now()) => totp.generate({ timestamp: from + offsetSteps * 30_000 }),
    };
  }

  async function challenge(via: string, email: string): Promise<string> {
    const r = await call(via, 'POST', '/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(r.body.status).toBe('2fa_required');
    return r.body.challengeToken as string;
  }

  beforeAll(async () => {
    db = await createTestDatabase('twofold_scaleout');
    const h = openDatabase(parseDatabaseUrl(db.url), { poolSize: 2 });
    await migrateToLatest(h.db);
    await seedDemo(h.db, { now: Date.now(), passwordHash: await demoPasswordHash() });
    await h.close();
    dataDir = await mkdtemp(join(tmpdir(), 'twofold-scaleout-'));
    const env = { TWOFOLD_SECRET_KEY: randomBytes(32).toString('hex') };
    [a, b] = await Promise.all([
      startInstance({ database: db.url, dataDir: join(dataDir, 'a'), env }),
      startInstance({ database: db.url, dataDir: join(dataDir, 'b'), env }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a code accepted by one instance is refused as a replay by the other', async () => {
    const before = Date.now();
    const user = await enrol(a.url, 'cara@birch.test');
    const replay = await call(b.url, 'POST', '/api/auth/2fa', {
      challengeToken: await challenge(b.url, 'cara@birch.test'),
      code: user.codeAt(0, before),
    });
    expect([replay.status, errorCode(replay)]).toEqual([401, 'code_already_used']);
  });

  it('ten parallel sign-ins with one code, spread over both instances: exactly one passes', async () => {
    const user = await enrol(b.url, 'cole@cobalt.test');
    const challenges = await Promise.all(
      Array.from({ length: 10 }, (_, i) => challenge(both()[i % 2] as string, 'cole@cobalt.test')),
    );
    const code = user.codeAt(1);
    const replies = await Promise.all(
      challenges.map((c, i) => call(both()[i % 2] as string, 'POST', '/api/auth/2fa', { challengeToken: c, code })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('one backup code submitted 20 times in parallel to both instances works once', async () => {
    const user = await enrol(a.url, 'colin@birch.test');
    const challenges = await Promise.all(
      Array.from({ length: 20 }, (_, i) => challenge(both()[i % 2] as string, 'colin@birch.test')),
    );
    const replies = await Promise.all(
      challenges.map((c, i) =>
        call(both()[i % 2] as string, 'POST', '/api/auth/2fa', { challengeToken: c, backupCode: user.backupCodes[0] }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 200))
      expect(['invalid_code', 'too_many_attempts']).toContain(errorCode(r));
  });

  it('failures counted on one instance throttle the account on the other', async () => {
    const user = await enrol(b.url, 'chloe@cobalt.test');
    const token = await challenge(a.url, 'chloe@cobalt.test');
    const valid = new Set([-1, 0, 1].map((o) => user.codeAt(o)));
    const wrong = ['111111', '222222', '333333', '444444', '555555', '666666', '777777'].filter((c) => !valid.has(c));
    for (const code of wrong.slice(0, 5)) {
      expect(errorCode(await call(a.url, 'POST', '/api/auth/2fa', { challengeToken: token, code }))).toBe(
        'invalid_code',
      );
    }
    const onB = await call(b.url, 'POST', '/api/auth/2fa', { challengeToken: token, code: wrong[5] });
    expect([onB.status, errorCode(onB)]).toEqual([429, 'too_many_attempts']);
    const rightOnB = await call(b.url, 'POST', '/api/auth/2fa', { challengeToken: token, code: user.codeAt(1) });
    expect(errorCode(rightOnB)).toBe('too_many_attempts');
  });

  it('a reset through one instance revokes sessions the other issued; the notice is sent once', async () => {
    const user = await enrol(a.url, 'dana@delta.test');
    expect((await call(b.url, 'GET', '/api/me', undefined, user.token)).status).toBe(200);
    const admin = await enrol(b.url, 'ada@twofold.test');
    const list = await call(b.url, 'GET', '/api/admin/users?q=dana%40delta', undefined, admin.token);
    const target = (list.body.users as Array<{ id: string }>)[0]?.id as string;

    const reset = await call(
      b.url,
      'POST',
      `/api/admin/users/${target}/2fa/reset`,
      { reason: 'scale-out' },
      admin.token,
    );
    expect(reset.status).toBe(200);
    for (const base of both()) expect((await call(base, 'GET', '/api/me', undefined, user.token)).status).toBe(401);
    const again = await call(a.url, 'POST', '/api/auth/login', { email: 'dana@delta.test', password: DEMO_PASSWORD });
    expect(again.body.status).toBe('2fa_setup_required');

    // Both instances run a mail dispatcher; the claim in the database lets only one send.
    const sent = async () => {
      const dirs = await Promise.all(['a', 'b'].map((d) => readdir(join(dataDir, d, OUTBOX_DIR)).catch(() => [])));
      return dirs.flat().filter((f) => f.endsWith('.eml'));
    };
    for (let i = 0; i < 100 && (await sent()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    expect(await sent()).toHaveLength(1);
  });
});
