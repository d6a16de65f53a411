import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../../src/shared/api/errors';
import { type ErrorContext, errorSentence, formatWait } from '../../../src/web/src/api/messages';

const fail = (code: string, message = 'service text', retryAfter?: number) =>
  retryAfter === undefined ? { code, message } : { code, message, retryAfter };

describe('errors read as plain sentences', () => {
  it.each<[string, ReturnType<typeof fail>, ErrorContext, RegExp]>([
    ['a wrong code', fail('invalid_code'), 'code', /isn’t right.*authenticator app/],
    ['a wrong backup code', fail('invalid_code'), 'backup', /backup code isn’t valid.*works only once/],
    ['a wrong password or code when disabling', fail('invalid_code'), 'disable', /password or the code/],
    ['a code already used', fail('code_already_used'), 'code', /already been used\. Wait for the next code/],
    ['an expired challenge', fail('challenge_expired'), 'code', /expired\. Enter your email and password again/],
    ['too many attempts, with the wait', fail('too_many_attempts', 'x', 42), 'code', /Try again in 42 seconds\./],
    ['too many attempts, no wait given', fail('too_many_attempts'), 'code', /Wait a moment/],
    ['a locked account', fail('account_locked'), 'password', /locked/],
    ['wrong email or password', fail('invalid_credentials'), 'password', /don’t match an account/],
    ['a wrong password when disabling', fail('invalid_credentials'), 'disable', /That password isn’t right/],
    ['2FA required by the organisation', fail('two_factor_required_by_org'), 'disable', /organisation requires/],
    ['an unreachable service', fail('network'), 'general', /can’t be reached/],
  ])('%s', (_name, error, ctx, want) => {
    expect(errorSentence(error, ctx)).toMatch(want);
  });

  it('an unknown code falls back to the service’s own message', () => {
    expect(errorSentence(fail('brand_new_code', 'The service says why.'), 'general')).toBe('The service says why.');
  });

  it('every code the service may answer becomes a sentence, never a bare code', () => {
    for (const code of API_ERROR_CODES) {
      const sentence = errorSentence(fail(code, 'Fallback sentence.'), 'general');
      expect(sentence).toMatch(/^[A-Z].*[.!]$/);
      expect(sentence).not.toContain('_');
    }
  });
});

describe('waits are spelled out for screen readers', () => {
  it.each([
    [1, '1 second'],
    [42, '42 seconds'],
    [60, '1 minute'],
    [61, '1 minute 1 second'],
    [125, '2 minutes 5 seconds'],
    [0.2, '1 second'],
    [-3, '0 seconds'],
  ])('%d s → %j', (s, want) => {
    expect(formatWait(s)).toBe(want);
  });
});
