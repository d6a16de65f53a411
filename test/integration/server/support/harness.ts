import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../../src/server/app';
import type { AppConfig } from '../../../../src/server/config';
import { type Engine, openDatabase, parseDatabaseUrl } from '../../../../src/server/db/connect';
import { migrateToLatest } from '../../../../src/server/db/migrate';
import { seedDemo } from '../../../../src/server/seed/demo';
import type { Ctx } from '../../../../src/server/services/context';
import { demoPasswordHash } from '../../../support/service';
import { type ScratchDatabase, scratchDatabase } from './engines';

/** A clock the test moves; starts in the middle of a TOTP step so ±15 s never crosses one by accident. */
export class TestClock {
  t: number;
  constructor() {
    this.t = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
  }
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: LightMyRequestResponse['headers'];
  cookies: LightMyRequestResponse['cookies'];
}

export interface Harness {
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly ctx: Ctx;
  readonly clock: TestClock;
  readonly scratch: ScratchDatabase;
  request(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    opts?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  post(url: string, body?: unknown, token?: string): Promise<Reply>;
  get(url: string, token?: string): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * The service in-process on a fresh database of the engine, migrated, with the
 * demo data seeded from one precomputed hash, and a clock the test controls.
 */
export async function startHarness(
  engine: Engine,
  label: string,
  overrides: Partial<AppConfig> = {},
): Promise<Harness> {
  const scratch = await scratchDatabase(engine, label);
  const clock = new TestClock();
  const app = await (async () => {
    const h = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 2 });
    try {
      await migrateToLatest(h.db);
      await seedDemo(h.db, { now: clock.t, passwordHash: await demoPasswordHash() });
    } finally {
      await h.close();
    }
    return buildApp({
      database: scratch.url,
      dataDir: scratch.dir,
      secretKey: randomBytes(32).toString('hex'),
      logLevel: 'silent',
      clock: clock.now,
      mailPollMs: 60_000,
      poolSize: 30,
      ...overrides,
    });
  })();

  const request: Harness['request'] = async (method, url, opts = {}) => {
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
    });
    const text = res.body;
    let body: Record<string, unknown> = {};
    if (text && /json/.test(String(res.headers['content-type']))) body = JSON.parse(text) as Record<string, unknown>;
    return { status: res.statusCode, body, headers: res.headers, cookies: res.cookies };
  };

  return {
    engine,
    app,
    ctx: app.ctx,
    clock,
    scratch,
    request,
    post: (url, body, token) => request('POST', url, { body, ...(token ? { token } : {}) }),
    get: (url, token) => request('GET', url, token ? { token } : {}),
    close: async () => {
      await app.close();
      await scratch.dispose();
    },
  };
}
