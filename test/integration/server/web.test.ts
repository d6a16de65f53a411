import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/server/seed/demo-data';
import {
  apiErrorBody,
  COOKIE,
  deviceListSchema,
  loginReplySchema,
  twoFactorReplySchema,
  twoFactorResponseSchema,
} from '../../../src/shared/api';
import { ENGINES } from './support/engines';
import { type Enrolled, enrolDirect, userIdByEmail } from './support/fixtures';
import { type Harness, type Reply, startHarness } from './support/harness';

const WEB = { 'x-twofold-client': 'web' };
const cookie = (r: Reply, name: string) => r.cookies.find((c) => c.name === name);
const jar = (pairs: Record<string, string | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

describe.each(ENGINES)('account pages’ service side on %s', (engine) => {
  let h: Harness;
  let totp: Enrolled;
  let webDir: string;
  const email = 'oscar@ledgerline.test';

  beforeAll(async () => {
    webDir = join(process.env.TMPDIR ?? '/tmp', `twofold-web-${engine}-${Date.now()}`);
    await mkdir(webDir, { recursive: true });
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>Twofold pages</title><div id="root"></div>');
    h = await startHarness(engine, 'web', { webDir, trustProxy: true });
    totp = await enrolDirect(h.ctx, await userIdByEmail(h.ctx.db, email));
  });
  afterAll(() => h.close());

  async function webSignIn(extra: { rememberDevice?: boolean; offset?: number } = {}) {
    const login = await h.request('POST', '/api/auth/login', {
      body: { email, password: DEMO_PASSWORD },
      headers: WEB,
    });
    expect(login.cookies).toHaveLength(0);
    const res = await h.request('POST', '/api/auth/2fa', {
      body: {
        challengeToken: login.body.challengeToken,
        code: totp.code(h.clock.t, extra.offset ?? 0),
        rememberDevice: extra.rememberDevice,
      },
      headers: { ...WEB, 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(200);
    return res;
  }

  it('signs web clients in with an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    h.clock.advance(30_000);
    const res = await webSignIn();
    const session = cookie(res, COOKIE.session);
    const csrf = cookie(res, COOKIE.csrf);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: true });
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/', secure: true });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // The session cookie works, and nothing in the body hands its token to page script.
    expect(twoFactorReplySchema.parse(res.body).status).toBe('signed_in');
    expect(res.body).not.toHaveProperty('token');
    expect(JSON.stringify(res.body)).not.toContain(session?.value as string);
    const me = await h.request('GET', '/api/me', { headers: { cookie: jar({ [COOKIE.session]: session?.value }) } });
    expect([me.status, me.body.email]).toEqual([200, email]);

    // A bearer client (the desktop console) gets no cookies, and its tokens in the body.
    const plain = await h.post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(plain.cookies).toHaveLength(0);
    h.clock.advance(30_000);
    const bearer = await h.post('/api/auth/2fa', {
      challengeToken: plain.body.challengeToken,
      code: totp.code(h.clock.t),
      rememberDevice: true,
    });
    expect(bearer.cookies).toHaveLength(0);
    const answer = twoFactorResponseSchema.parse(bearer.body);
    expect(answer.deviceToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await h.get('/api/me', answer.token)).status).toBe(200);
  });

  it('requires the CSRF token on cookie-authenticated writes, not on reads or bearer requests', async () => {
    h.clock.advance(30_000);
    const res = await webSignIn();
    const cookies = jar({
      [COOKIE.session]: cookie(res, COOKIE.session)?.value,
      [COOKIE.csrf]: cookie(res, COOKIE.csrf)?.value,
    });
    const csrf = cookie(res, COOKIE.csrf)?.value as string;

    expect((await h.request('GET', '/api/me', { headers: { cookie: cookies } })).status).toBe(200);
    const missing = await h.request('POST', '/api/me/2fa/backup-codes', {
      body: { code: '123456' },
      headers: { cookie: cookies },
    });
    expect([missing.status, missing.body]).toMatchObject([403, { error: { code: 'csrf_failed' } }]);
    const forged = await h.request('POST', '/api/auth/logout', {
      headers: { cookie: cookies, 'x-csrf-token': `${csrf}x` },
    });
    expect(forged.body).toMatchObject({ error: { code: 'csrf_failed' } });
    // A CSRF cookie planted next to someone else's session does not verify: the token is bound to the session.
    const other = await webSignIn({ offset: 1 });
    const planted = jar({
      [COOKIE.session]: cookie(res, COOKIE.session)?.value,
      [COOKIE.csrf]: cookie(other, COOKIE.csrf)?.value,
    });
    const withPlanted = await h.request('POST', '/api/auth/logout', {
      headers: { cookie: planted, 'x-csrf-token': cookie(other, COOKIE.csrf)?.value as string },
    });
    expect(withPlanted.body).toMatchObject({ error: { code: 'csrf_failed' } });

    const bearer = await h.request('POST', '/api/auth/logout', {
      token: cookie(other, COOKIE.session)?.value as string,
    });
    expect(bearer.status).toBe(200);
    const out = await h.request('POST', '/api/auth/logout', { headers: { cookie: cookies, 'x-csrf-token': csrf } });
    expect(out.status).toBe(200);
    // Logout clears the session cookies.
    expect(cookie(out, COOKIE.session)?.value).toBe('');
    expect(cookie(out, COOKIE.csrf)?.value).toBe('');
    expect((await h.request('GET', '/api/me', { headers: { cookie: cookies } })).status).toBe(401);
  });

  it('remembers the browser in an HttpOnly cookie that the next sign-in uses, lists it and revokes it', async () => {
    h.clock.advance(60_000); // the previous test already used the next step's code
    const res = await webSignIn({ rememberDevice: true });
    const device = cookie(res, COOKIE.device);
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, maxAge: 30 * 24 * 3600 });
    expect(device?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body).not.toHaveProperty('deviceToken');
    expect(JSON.stringify(res.body)).not.toContain(device?.value as string);

    const skip = await h.request('POST', '/api/auth/login', {
      body: { email, password: DEMO_PASSWORD },
      headers: {
        ...WEB,
        cookie: jar({ [COOKIE.device]: device?.value }),
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
      },
    });
    // A web login that signs in (here through the remembered browser) also keeps its token out of the body.
    expect(loginReplySchema.parse(skip.body).status).toBe('signed_in');
    expect(skip.body).not.toHaveProperty('token');
    const token = cookie(skip, COOKIE.session)?.value as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const list = deviceListSchema.parse((await h.get('/api/me/devices', token)).body);
    const current = list.devices.find((d) => d.current);
    expect(current).toBeDefined();
    expect(new Date(current?.expiresAt ?? 0).getTime() - new Date(current?.createdAt ?? 0).getTime()).toBe(
      30 * 24 * 3600 * 1000,
    );

    const someoneElse = await userIdByEmail(h.ctx.db, 'ada@twofold.test');
    const theirs = await h.ctx.db.insertInto('devices').values({
      id: 'dev-of-someone-else',
      user_id: someoneElse,
      token_hash: 'x',
      label: 'x',
      created_at: h.clock.t,
      last_used_at: null,
      expires_at: h.clock.t + 1000,
    });
    await theirs.execute();
    expect((await h.request('DELETE', '/api/me/devices/dev-of-someone-else', { token })).status).toBe(404);
    expect((await h.request('DELETE', `/api/me/devices/${current?.id}`, { token })).status).toBe(200);
    const again = await h.request('POST', '/api/auth/login', {
      body: { email, password: DEMO_PASSWORD },
      headers: { ...WEB, cookie: jar({ [COOKIE.device]: device?.value }) },
    });
    expect(again.body.status).toBe('2fa_required');
  });

  it('keeps a remembered device for 30 days from its sign-in and not a minute longer', async () => {
    h.clock.advance(60_000);
    const login = await h.post('/api/auth/login', { email, password: DEMO_PASSWORD });
    const signedIn = await h.post('/api/auth/2fa', {
      challengeToken: login.body.challengeToken,
      code: totp.code(h.clock.t),
      rememberDevice: true,
    });
    const { deviceToken } = twoFactorResponseSchema.parse(signedIn.body);
    const withDevice = async () =>
      (await h.post('/api/auth/login', { email, password: DEMO_PASSWORD, deviceToken })).body.status;
    h.clock.advance(30 * 24 * 3600 * 1000 - 60_000);
    expect(await withDevice()).toBe('signed_in'); // a use does not extend it
    h.clock.advance(60_000);
    expect(await withDevice()).toBe('2fa_required');
  });

  it('sends a strict CSP, no-referrer and no-store on the API, errors included', async () => {
    for (const path of ['/', '/api/health', '/api/nothing-here', '/api/admin/users?limit=-1']) {
      const res = await h.get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    }
    expect((await h.get('/api/health')).headers['cache-control']).toBe('no-store');
  });

  it('serves the pages with the SPA fallback, and JSON 404s under /api', async () => {
    const deep = await h.get('/profile/security');
    expect(deep.status).toBe(200);
    expect(String(deep.headers['content-type'])).toMatch(/text\/html/);
    expect((await h.app.inject({ method: 'GET', url: '/profile/security' })).body).toContain('Twofold pages');
    const api = await h.get('/api/nothing-here');
    expect([api.status, api.body]).toMatchObject([404, { error: { code: 'not_found' } }]);
    expect((await h.request('POST', '/profile')).status).toBe(404);
  });

  it.each([
    ['a form-encoded body', 'application/x-www-form-urlencoded', 'email=a%40b.test', 415, /Send the body as JSON/],
    ['broken JSON', 'application/json', '{"email":', 400, /not valid JSON/],
    ['an empty JSON body', 'application/json', '', 400, /empty; send a JSON object/],
    ['a body over the limit', 'application/json', JSON.stringify({ email: 'x'.repeat(70_000) }), 413, /64 KB limit/],
  ])(
    'answers %s with %#: its status, bad_request naming the body, and what to send',
    async (_, type, payload, status, says) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': type },
        payload,
      });
      const body = apiErrorBody.parse(res.json());
      expect([res.statusCode, body.error.code, body.error.field]).toEqual([status, 'bad_request', 'body']);
      expect(body.error.message).toMatch(says);
    },
  );

  it('publishes an OpenAPI document with every endpoint', async () => {
    const doc = (await h.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const expected: Array<[string, string]> = [
      ['/api/auth/login', 'post'],
      ['/api/auth/2fa', 'post'],
      ['/api/auth/step-up', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/me/', 'get'],
      ['/api/me/2fa/setup', 'post'],
      ['/api/me/2fa/enable', 'post'],
      ['/api/me/2fa/backup-codes', 'post'],
      ['/api/me/2fa/disable', 'post'],
      ['/api/me/devices', 'get'],
      ['/api/me/devices/{id}', 'delete'],
      ['/api/admin/users/', 'get'],
      ['/api/admin/users/{id}', 'get'],
      ['/api/admin/users/{id}/2fa/reset', 'post'],
      ['/api/admin/audit/', 'get'],
      ['/api/admin/orgs', 'get'],
      ['/api/health', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/auth/login'])).toContain('"email"');
  });
});

describe('the account pages are not built', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', 'noweb', { webDir: '/nonexistent/twofold-web' });
  });
  afterAll(() => h.close());

  it('answers / with a page saying to run npm run build', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build');
  });
});
