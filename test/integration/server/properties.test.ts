import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBody } from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { enrolDirect, sessionFor, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

type Method = 'GET' | 'POST' | 'DELETE';
interface Endpoint {
  method: Method;
  path: string;
  /** Keys the body normally has, so generated bodies sometimes come close to valid. */
  keys?: string[];
  /** Query keys the endpoint reads. */
  query?: string[];
  /** Each run gets its own session (logout would end a shared one). */
  ownSession?: boolean;
}

/** Every endpoint of the API; `:id` is filled with generated text. */
const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'POST', path: '/api/auth/login', keys: ['email', 'password', 'deviceToken'] },
  { method: 'POST', path: '/api/auth/2fa', keys: ['challengeToken', 'code', 'backupCode', 'rememberDevice'] },
  { method: 'POST', path: '/api/auth/step-up', keys: ['code'] },
  { method: 'POST', path: '/api/auth/logout', ownSession: true },
  { method: 'GET', path: '/api/me' },
  { method: 'POST', path: '/api/me/2fa/setup' },
  { method: 'POST', path: '/api/me/2fa/enable', keys: ['code'] },
  { method: 'POST', path: '/api/me/2fa/backup-codes', keys: ['code'] },
  { method: 'POST', path: '/api/me/2fa/disable', keys: ['password', 'code'] },
  { method: 'GET', path: '/api/me/devices' },
  { method: 'DELETE', path: '/api/me/devices/:id' },
  { method: 'GET', path: '/api/admin/users', query: ['q', 'role', 'orgId', 'limit', 'cursor'] },
  { method: 'GET', path: '/api/admin/users/:id' },
  { method: 'POST', path: '/api/admin/users/:id/2fa/reset', keys: ['reason'] },
  { method: 'GET', path: '/api/admin/audit', query: ['limit', 'cursor', 'targetId', 'actorId'] },
  { method: 'GET', path: '/api/admin/orgs' },
];

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '123456', 'ada@twofold.test', '../../etc/passwd', "' or 1=1 --", '%00', '\u0000'),
);

function bodyFor(keys: string[]) {
  return fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 3 }),
    keys.length
      ? fc.dictionary(fc.constantFrom(...keys), fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 })))
      : fc.object(),
    fc.string({ maxLength: 60 }).map((raw) => ({ __raw: raw })),
  );
}

function queryFor(keys: string[]) {
  return fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.string({ maxLength: 8 })),
        fc.string({ maxLength: 30 }),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString());
}

describe.each(ENGINES)(
  'property: every endpoint answers bad input without a 5xx, in the error shape, on %s',
  (engine) => {
    let h: Harness;
    let adminToken: string;
    let adminId: string;

    beforeAll(async () => {
      h = await startHarness(engine, 'props');
      adminId = await userIdByEmail(h.ctx.db, 'ada@twofold.test');
      await enrolDirect(h.ctx, adminId);
      adminToken = await sessionFor(h.ctx, adminId);
    });
    afterAll(() => h.close());

    it.each(ENDPOINTS)('$method $path', async (endpoint) => {
      await fc.assert(
        fc.asyncProperty(
          bodyFor(endpoint.keys ?? []),
          queryFor(endpoint.query ?? []),
          fc.string({ maxLength: 80 }),
          fc.constantFrom('valid', 'none', 'garbage', 'bearer-garbage'),
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'none'),
          fc.string({ maxLength: 60 }),
          async (body, query, param, authKind, contentType, junk) => {
            const token = endpoint.ownSession ? await sessionFor(h.ctx, adminId) : adminToken;
            const authorization =
              authKind === 'valid'
                ? `Bearer ${token}`
                : authKind === 'garbage'
                  ? junk
                  : authKind === 'bearer-garbage'
                    ? `Bearer ${junk}`
                    : undefined;
            const path = endpoint.path.replace(':id', encodeURIComponent(param) || 'x');
            const raw = typeof body === 'object' && body !== null && '__raw' in body ? String(body.__raw) : undefined;
            const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
            const headers: Record<string, string> = {};
            if (authorization !== undefined) headers.authorization = authorization.replace(/[\r\n]/g, '');
            if (contentType !== 'none' && payload !== undefined) headers['content-type'] = contentType;
            const res = await h.app.inject({
              method: endpoint.method,
              url: query ? `${path}?${query}` : path,
              headers,
              ...(payload === undefined || endpoint.method === 'GET' ? {} : { payload }),
            });
            expect(res.statusCode, `${endpoint.method} ${path} → ${res.body}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              expect(res.headers['content-type']).toMatch(/^application\/json/);
              const parsed = apiErrorBody.safeParse(JSON.parse(res.body));
              expect(parsed.success, res.body).toBe(true);
            }
          },
        ),
        { numRuns: endpoint.path === '/api/auth/login' ? 40 : 120 },
      );
    });
  },
);
