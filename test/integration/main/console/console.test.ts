import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../../../src/main/console/handlers';
import { enrolTotp, type StartedService, startService } from '../../../support/service';
import { ENGINES } from '../../server/support/engines';

/**
 * The console's main-side half against a real service (demo data, on a temp
 * SQLite file and on the throwaway PostgreSQL): sign-in stages, search, reset,
 * and the session token staying here.
 */

const codeAt = (secret: string, offsetSteps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });

function makeConsole() {
  const lookups: unknown[] = [];
  const c = createConsole<undefined>({
    vaultCode: (q) => {
      lookups.push(q);
      return null;
    },
  });
  return { h: c.handlers, lookups };
}

async function caught(p: unknown): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe.each(ENGINES)('console against a real service on %s', (engine) => {
  let svc: StartedService;
  let secret = '';
  let peterSecret = '';
  beforeAll(async () => {
    svc = await startService({ database: engine });
    peterSecret = (await enrolTotp(svc.url, 'peter@abacus.test', svc.demoPassword)).secret;
    secret = (await enrolTotp(svc.url, 'paula@abacus.test', svc.demoPassword)).secret;
    await enrolTotp(svc.url, 'olive@abacus.test', svc.demoPassword);
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
  });

  it('a wrong password is a sentence and leaves the console signed out', async () => {
    const { h } = makeConsole();
    const error = await caught(
      h.signIn({ serviceUrl: svc.url, email: 'paula@abacus.test', password: 'nope' }, undefined),
    );
    expect(error.code).toBe('invalid_credentials');
    expect(error.message).toMatch(/do not match/);
    expect((await h.status(undefined, undefined)).stage).toBe('signed_out');
  });

  it('signs in with a code, lists only the firm, and keeps the token out of every answer', async () => {
    const { h, lookups } = makeConsole();
    const first = await h.signIn(
      { serviceUrl: svc.url, email: 'paula@abacus.test', password: svc.demoPassword },
      undefined,
    );
    expect(first.stage).toBe('code_required');
    await h.vaultCode(undefined, undefined);
    expect(lookups).toEqual([{ issuer: 'Twofold', label: 'paula@abacus.test', host: new URL(svc.url).host }]);
    const wrong = await caught(h.submitCode({ code: '000000' }, undefined));
    expect(wrong.code).toBe('invalid_code');
    // The enrolment used the current step; the next one is inside the window and not yet accepted.
    const signedIn = await h.submitCode({ code: codeAt(secret, 1) }, undefined);
    expect(signedIn.stage).toBe('signed_in');
    expect(signedIn.user?.email).toBe('paula@abacus.test');
    expect(JSON.stringify(signedIn)).not.toMatch(/token/i);

    const page = await h.searchUsers({ q: 'ABACUS', limit: 2 }, undefined);
    expect(page.users).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const rest = await h.searchUsers({ q: 'ABACUS', limit: 2, cursor: page.nextCursor ?? undefined }, undefined);
    expect(rest.users.map((u) => u.email)).not.toContain(page.users[0]?.email);
    const all = await h.searchUsers({}, undefined);
    expect(all.users.every((u) => u.org.id === 'org-abacus' || u.org.partnerId === 'org-abacus')).toBe(true);
    expect((await h.orgs(undefined, undefined)).map((o) => o.id)).toContain('org-abacus');

    const own = all.users.find((u) => u.email === 'paula@abacus.test');
    const profile = await h.getUser({ id: own?.id ?? '' }, undefined);
    expect(profile.canReset2fa).toBe(false);
    expect(profile.resetBlockedReason).toMatch(/cannot reset your own 2FA/);
    const self = await caught(h.reset2fa({ id: own?.id ?? '' }, undefined));
    expect(self.code).toBe('self_reset_not_allowed');

    const olive = all.users.find((u) => u.email === 'olive@abacus.test');
    const reset = await h.reset2fa({ id: olive?.id ?? '', reason: 'lost phone' }, undefined);
    expect(reset.twoFactor.enabled).toBe(false);
    const again = await caught(h.reset2fa({ id: olive?.id ?? '' }, undefined));
    expect(again.code).toBe('not_enrolled');
    const audit = await h.audit(undefined, undefined);
    expect(audit.events.some((e) => e.target?.email === 'olive@abacus.test' && e.reason === 'lost phone')).toBe(true);

    const out = await h.signOut(undefined, undefined);
    expect(out.stage).toBe('signed_out');
    expect((await caught(h.searchUsers({}, undefined))).code).toBe('signed_out');
  });

  it('a session revoked by the service sends the console back to sign-in', async () => {
    const { h } = makeConsole();
    await h.signIn({ serviceUrl: svc.url, email: 'peter@abacus.test', password: svc.demoPassword }, undefined);
    expect((await h.submitCode({ code: codeAt(peterSecret, 1) }, undefined)).stage).toBe('signed_in');
    await svc.app.ctx.db.deleteFrom('sessions').execute();
    const error = await caught(h.searchUsers({}, undefined));
    expect(error.code).toBe('signed_out');
    expect((await h.status(undefined, undefined)).stage).toBe('signed_out');
  });
});
