import { describe, expect, it } from 'vitest';
import type { Me } from '../../../src/shared/api/auth';
import type { ApiResult } from '../../../src/web/src/api/client';
import { announcementFor, viewAfterBoot, viewAfterLogin, viewForUser } from '../../../src/web/src/session';

function user(enabled: boolean, requires2fa?: boolean): Me {
  return {
    id: 'u1',
    email: 'ana@example.com',
    name: 'Ana',
    role: 'client_ops',
    org: { id: 'o1', name: 'Acme', kind: 'client', partnerId: 'p1', requires2fa },
    twoFactor: { enabled, enrolledAt: null, lastResetAt: null, backupCodesRemaining: enabled ? 10 : 0 },
  };
}

const failed = (code: string, status: number): ApiResult<Me> => ({ ok: false, error: { code, message: 'm', status } });

describe('which page a signed-in user sees', () => {
  it.each([
    ['2FA on', user(true, true), 'profile'],
    ['2FA off, not required', user(false, false), 'profile'],
    ['2FA off, org flag unknown', user(false), 'profile'],
    ['2FA off, required by the org: straight to the enable flow', user(false, true), 'setup'],
  ])('%s', (_name, u, kind) => {
    expect(viewForUser(u).kind).toBe(kind);
  });
});

describe('the first page after loading', () => {
  it.each<[string, ApiResult<Me>, string]>([
    ['a live session', { ok: true, value: user(true) }, 'profile'],
    ['no session', failed('unauthorized', 401), 'signed_out'],
    ['a setup-only session (after a reset)', failed('setup_required', 403), 'setup'],
    ['the service unreachable', failed('network', 0), 'signed_out'],
  ])('%s', (_name, me, kind) => {
    expect(viewAfterBoot(me).kind).toBe(kind);
  });

  it('an unreachable service is said on the sign-in page, a missing session is not', () => {
    expect(viewAfterBoot(failed('network', 0))).toMatchObject({ notice: expect.stringMatching(/can’t be reached/) });
    expect(viewAfterBoot(failed('unauthorized', 401))).toMatchObject({ notice: null });
  });
});

describe('what the sign-in answer leads to', () => {
  it('a 2FA challenge keeps the token and the email', () => {
    expect(viewAfterLogin({ status: '2fa_required', challengeToken: 'ch' }, 'ana@example.com')).toEqual({
      kind: 'challenge',
      challengeToken: 'ch',
      email: 'ana@example.com',
    });
  });

  it('setup required goes straight to the enable flow, with or without the user in the answer', () => {
    expect(viewAfterLogin({ status: '2fa_setup_required', user: user(false, true) }, 'typed@example.com')).toEqual({
      kind: 'setup',
      user: user(false, true),
      email: 'ana@example.com',
    });
    expect(viewAfterLogin({ status: '2fa_setup_required' }, 'typed@example.com')).toEqual({
      kind: 'setup',
      user: null,
      email: 'typed@example.com',
    });
  });

  it('a remembered browser signs straight in', () => {
    expect(viewAfterLogin({ status: 'signed_in', user: user(true) }, 'ana@example.com').kind).toBe('profile');
  });
});

describe('each page is announced to screen readers', () => {
  it.each([
    [{ kind: 'challenge', challengeToken: 't', email: 'e' } as const, /6-digit code/],
    [{ kind: 'setup', user: null, email: 'e' } as const, /Set it up/],
    [{ kind: 'profile', user: user(true) } as const, /Signed in as ana@example.com/],
    [{ kind: 'signed_out', email: '', notice: 'You’ve signed out.' } as const, /You’ve signed out/],
  ])('%o', (view, want) => {
    expect(announcementFor(view)).toMatch(want);
  });
});
