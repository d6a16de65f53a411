import { describe, expect, it } from 'vitest';
import { cookieFrom, createClient } from '../../../src/web/src/api/client';

interface Sent {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A recording stand-in for window.fetch: the unit under test is the protocol the client speaks, not the network. */
function harness(answer: (sent: Sent) => Response, cookies = 'twofold_csrf=csrf-123; other=1') {
  const sent: Sent[] = [];
  const client = createClient({
    fetch: async (path, init) => {
      const s: Sent = {
        path,
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
      };
      sent.push(s);
      return answer(s);
    },
    readCookie: (name) => cookieFrom(cookies, name),
  });
  return { client, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('every request identifies the web client; every non-GET carries the CSRF token', () => {
  it.each([
    ['GET /api/me', (c: ReturnType<typeof harness>['client']) => c.me(), 'GET', false],
    ['GET /api/me/devices', (c: ReturnType<typeof harness>['client']) => c.devices(), 'GET', false],
    ['POST /api/auth/logout', (c: ReturnType<typeof harness>['client']) => c.logout(), 'POST', true],
    ['POST /api/me/2fa/enable', (c: ReturnType<typeof harness>['client']) => c.enable('123456'), 'POST', true],
    ['DELETE a device', (c: ReturnType<typeof harness>['client']) => c.revokeDevice('d/1'), 'DELETE', true],
  ])('%s', async (_name, call, method, csrf) => {
    const { client, sent } = harness(() => json(200, {}));
    await call(client);
    expect(sent).toHaveLength(1);
    const s = sent[0];
    expect(s?.method).toBe(method);
    expect(s?.headers['X-Twofold-Client']).toBe('web');
    expect(s?.headers['X-CSRF-Token']).toBe(csrf ? 'csrf-123' : undefined);
  });

  it('escapes path parameters', async () => {
    const { client, sent } = harness(() => new Response(null, { status: 204 }));
    await client.revokeDevice('../admin');
    expect(sent[0]?.path).toBe('/api/me/devices/..%2Fadmin');
  });
});

describe('answers are validated before a page sees them', () => {
  it('a 2FA challenge', async () => {
    const { client, sent } = harness(() => json(200, { status: '2fa_required', challengeToken: 'ch-1' }));
    const res = await client.login('ana@example.com', 'pw');
    expect(res).toEqual({ ok: true, value: { status: '2fa_required', challengeToken: 'ch-1' } });
    expect(sent[0]?.body).toEqual({ email: 'ana@example.com', password: 'pw' });
  });

  it('a bearer token in a body is dropped, never kept by page script', async () => {
    const me = {
      id: 'u',
      email: 'a@b.c',
      name: 'A',
      role: 'client_ops',
      org: { id: 'o', name: 'O', kind: 'client' },
      twoFactor: { enabled: true, enrolledAt: null, lastResetAt: null },
    };
    const { client } = harness(() => json(200, { status: 'signed_in', token: 'secret-bearer', user: me }));
    const res = await client.login('a@b.c', 'pw');
    expect(JSON.stringify(res)).not.toContain('secret-bearer');
  });

  it('an answer of the wrong shape is an error, not data', async () => {
    const { client } = harness(() => json(200, { secret: 'x' }));
    const res = await client.setup();
    expect(res.ok).toBe(false);
    expect(res.ok ? null : res.error.code).toBe('bad_response');
  });
});

describe('errors arrive as data', () => {
  it.each([
    [
      'a service error with its code',
      json(401, { error: { code: 'invalid_code', message: 'Wrong.' } }),
      'invalid_code',
      undefined,
    ],
    [
      'throttling with retryAfter in the body',
      json(429, { error: { code: 'too_many_attempts', message: 'Slow.', retryAfter: 30 } }),
      'too_many_attempts',
      30,
    ],
    [
      'throttling with only a Retry-After header',
      json(429, { error: { code: 'too_many_attempts', message: 'Slow.' } }, { 'Retry-After': '12' }),
      'too_many_attempts',
      12,
    ],
    ['an HTML error page', new Response('<html>502</html>', { status: 502 }), 'http_502', undefined],
  ])('%s', async (_name, response, code, retryAfter) => {
    const { client } = harness(() => response);
    const res = await client.submitCode({ challengeToken: 'c', code: '123456' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe(code);
      expect(res.error.retryAfter).toBe(retryAfter);
    }
  });

  it('a network failure', async () => {
    const client = createClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      readCookie: () => null,
    });
    const res = await client.me();
    expect(res).toEqual({ ok: false, error: { code: 'network', message: expect.any(String), status: 0 } });
  });
});

describe('cookies', () => {
  it.each([
    ['twofold_csrf=abc', 'abc'],
    ['a=1; twofold_csrf=x%20y; b=2', 'x y'],
    ['twofold_csrf_other=nope', null],
    ['', null],
    ['twofold_csrf=%E0%A4%A', null],
  ])('%j', (cookies, want) => {
    expect(cookieFrom(cookies, 'twofold_csrf')).toBe(want);
  });
});
