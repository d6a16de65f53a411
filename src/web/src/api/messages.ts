import type { ApiFailure } from './client';

/** What the person was doing when the error came back; the same code reads differently in each. */
export type ErrorContext = 'password' | 'code' | 'backup' | 'disable' | 'general';

/** Seconds as "42 seconds" or "2 minutes 5 seconds": read in full, since screen readers stumble on "2:05". */
export function formatWait(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes === 0) return unit(seconds, 'second');
  if (seconds === 0) return unit(minutes, 'minute');
  return `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}

const SENTENCES: Readonly<Record<string, string | ((ctx: ErrorContext) => string)>> = {
  invalid_credentials: (ctx) =>
    ctx === 'disable'
      ? 'That password isn’t right. Check it and try again.'
      : 'That email and password don’t match an account. Check them and try again.',
  invalid_code: (ctx) =>
    ctx === 'backup'
      ? 'That backup code isn’t valid. Check it against your saved list; each code works only once.'
      : ctx === 'disable'
        ? 'The password or the code isn’t right. Check both and try again.'
        : 'That code isn’t right. Check the 6-digit code in your authenticator app and try again.',
  code_already_used:
    'That code has already been used. Wait for the next code to appear in your authenticator app, then enter it.',
  challenge_expired: 'This sign-in has expired. Enter your email and password again.',
  account_locked:
    'This account is locked after too many failed attempts. Ask your organisation’s administrator to unlock it.',
  two_factor_required_by_org:
    'Your organisation requires two-factor authentication, so it can’t be turned off for your account.',
  csrf_failed: 'Your session could not be verified. Reload the page and try again.',
  unauthorized: 'You’ve been signed out. Sign in again to continue.',
  setup_required: 'Set up two-factor authentication to continue.',
  no_pending_enrolment: 'This setup has expired. Start again with “Enable 2FA”.',
  already_enrolled: 'Two-factor authentication is already on for your account.',
  not_enrolled: 'Two-factor authentication is not on for your account.',
  network: 'Twofold can’t be reached right now. Check your connection and try again.',
  bad_response: 'Twofold answered in a way this page doesn’t understand. Reload the page and try again.',
  internal: 'Something went wrong on our side. Try again in a moment.',
};

/**
 * The sentence a person reads for a failed call. Codes are mapped here, never
 * messages matched; an unknown code falls back to the service's own message,
 * which the service writes for people too.
 */
export function errorSentence(error: Pick<ApiFailure, 'code' | 'message' | 'retryAfter'>, ctx: ErrorContext): string {
  if (error.code === 'too_many_attempts') {
    return error.retryAfter && error.retryAfter > 0
      ? `Too many attempts. Try again in ${formatWait(error.retryAfter)}.`
      : 'Too many attempts. Wait a moment, then try again.';
  }
  const entry = SENTENCES[error.code];
  if (typeof entry === 'function') return entry(ctx);
  if (typeof entry === 'string') return entry;
  return error.message.trim() !== '' ? error.message : 'Something went wrong. Try again.';
}
