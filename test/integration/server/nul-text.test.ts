import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './support/engines';
import { enrolDirect, sessionFor, userIdByEmail } from './support/fixtures';
import { type Harness, startHarness } from './support/harness';

/**
 * PostgreSQL cannot hold U+0000 in text and SQLite's full-text search refuses it; both once turned a NUL
 * in a field into a 500. Every text a request carries into a query is listed here with the field the 400 names.
 */
const NUL = 'a\u0000b';
const IN_PATH = encodeURIComponent(NUL);
const CASES: Array<[method: 'GET' | 'POST' | 'DELETE', url: string, body: unknown, field: string]> = [
  ['POST', '/api/auth/login', { email: NUL, password: 'x' }, 'email'],
  ['POST', '/api/auth/login', { email: 'ada@twofold.test', password: NUL }, 'password'],
  ['POST', '/api/auth/login', { email: 'ada@twofold.test', password: 'x', deviceToken: NUL }, 'deviceToken'],
  ['POST', '/api/auth/2fa', { challengeToken: NUL, code: '123456' }, 'challengeToken'],
  ['POST', '/api/auth/2fa', { challengeToken: 'x', backupCode: NUL }, 'backupCode'],
  ['POST', '/api/auth/step-up', { code: NUL }, 'code'],
  ['POST', '/api/me/2fa/enable', { code: NUL }, 'code'],
  ['POST', '/api/me/2fa/disable', { password: NUL, code: '1' }, 'password'],
  ['DELETE', `/api/me/devices/${IN_PATH}`, undefined, 'id'],
  ['GET', `/api/admin/users?q=${IN_PATH}`, undefined, 'q'],
  ['GET', `/api/admin/users?orgId=${IN_PATH}`, undefined, 'orgId'],
  ['GET', `/api/admin/users/${IN_PATH}`, undefined, 'id'],
  ['POST', '/api/admin/users/x/2fa/reset', { reason: NUL }, 'reason'],
  ['POST', `/api/admin/users/${IN_PATH}/2fa/reset`, {}, 'id'],
  ['GET', `/api/admin/audit?targetId=${IN_PATH}`, undefined, 'targetId'],
  ['GET', `/api/admin/audit?actorId=${IN_PATH}`, undefined, 'actorId'],
];

describe.each(ENGINES)('a NUL character in any text field is a 400 naming the field, on %s', (engine) => {
  let h: Harness;
  let token: string;

  beforeAll(async () => {
    h = await startHarness(engine, 'nul');
    const id = await userIdByEmail(h.ctx.db, 'ada@twofold.test');
    await enrolDirect(h.ctx, id);
    token = await sessionFor(h.ctx, id);
  });
  afterAll(() => h.close());

  it.each(CASES)('%s %s %j', async (method, url, body, field) => {
    const reply = await h.request(method, url, { body, token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'bad_request', field });
    expect(String((reply.body.error as { message: string }).message)).toContain('NUL character');
  });

  it('still searches and audits with ordinary text after refusing one', async () => {
    const list = await h.get('/api/admin/users?q=ada', token);
    expect(list.status).toBe(200);
    expect((list.body.users as unknown[]).length).toBeGreaterThan(0);
  });
});
