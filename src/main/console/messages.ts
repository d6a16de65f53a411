import type { ApiErrorCode } from '../../shared/api';

/**
 * The console shows every service error as a sentence a person can act on.
 * The service's own message is used where no sentence here fits better, so a
 * new code from the service still reads well.
 */
const SENTENCES: Partial<Record<ApiErrorCode, string | ((retryAfter?: number) => string)>> = {
  bad_request: 'The service did not accept that request. Check the fields and try again.',
  unauthorized: 'Your session has ended. Sign in again.',
  invalid_credentials: 'That email and password do not match. Check them and try again.',
  invalid_code: 'That code is not right. Wait for a fresh code and try again.',
  code_already_used: 'That code was already used. Wait for the next code and try again.',
  challenge_expired: 'The sign-in took too long. Enter your email and password again.',
  too_many_attempts: (retryAfter) =>
    retryAfter ? `Too many attempts. Try again in ${retryAfter} s.` : 'Too many attempts. Wait a little and try again.',
  account_locked: 'This account is locked after too many failed attempts. Ask an administrator to unlock it.',
  step_up_required: 'Confirm it is you: enter a fresh code from your authenticator.',
  setup_required: 'Finish setting up two-factor authentication on the account pages first.',
  forbidden: 'You are not allowed to do that for this user.',
  self_reset_not_allowed: 'You cannot reset your own 2FA here. Use the account pages to manage your own 2FA.',
  not_found: 'That user does not exist or is outside your scope. Refresh the list.',
  not_enrolled: 'This user has no 2FA to reset: they are not enrolled.',
  internal: 'The service had a problem. Try again in a moment.',
};

export function sentenceFor(code: string, serviceMessage: string | undefined, retryAfter?: number): string {
  const entry = SENTENCES[code as ApiErrorCode];
  if (typeof entry === 'function') return entry(retryAfter);
  if (entry) return entry;
  return serviceMessage && serviceMessage.length < 300 ? serviceMessage : 'The service refused the request.';
}
