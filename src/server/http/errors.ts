import type { ApiErrorCode } from '../../shared/api';
import { AppError } from '../../shared/result';

/** An error answered as {"error":{code, message, field?, retryAfter?}} with its HTTP status. */
export class ApiError extends AppError {
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    extra: { field?: string | undefined; retryAfter?: number | undefined } = {},
  ) {
    super(code, message);
    this.name = 'ApiError';
    this.status = status;
    this.field = extra.field;
    this.retryAfter = extra.retryAfter;
  }
  body() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
        ...(this.retryAfter === undefined ? {} : { retryAfter: this.retryAfter }),
      },
    };
  }
}

export const fail = {
  badRequest: (field: string, message: string) => new ApiError(400, 'bad_request', message, { field }),
  unauthorized: () => new ApiError(401, 'unauthorized', 'Sign in first, or sign in again: your session has ended.'),
  invalidCredentials: () => new ApiError(401, 'invalid_credentials', 'The email or password is not right.'),
  invalidCode: () =>
    new ApiError(401, 'invalid_code', 'That code is not right. Check your authenticator and try again.'),
  invalidBackupCode: () =>
    new ApiError(401, 'invalid_code', 'That backup code is not right, or it was already used. Each code works once.'),
  codeAlreadyUsed: () => new ApiError(401, 'code_already_used', 'That code was already used. Wait for the next code.'),
  challengeExpired: () =>
    new ApiError(401, 'challenge_expired', 'This sign-in has expired. Enter your email and password again.'),
  tooManyAttempts: (retryAfter: number) =>
    new ApiError(
      429,
      'too_many_attempts',
      `Too many attempts. Wait ${retryAfter} second${retryAfter === 1 ? '' : 's'} and try again.`,
      { retryAfter },
    ),
  accountLocked: () =>
    new ApiError(
      423,
      'account_locked',
      'This account is locked after too many failed attempts. Ask an administrator to reset your two-factor authentication.',
    ),
  stepUpRequired: () =>
    new ApiError(401, 'step_up_required', 'Confirm it is you: enter a current code from your authenticator first.'),
  setupRequired: () =>
    new ApiError(403, 'setup_required', 'Set up two-factor authentication before using the rest of your account.'),
  forbidden: (message = 'Your role does not allow this.') => new ApiError(403, 'forbidden', message),
  selfReset: (message: string) => new ApiError(403, 'self_reset_not_allowed', message),
  notFound: (what = 'That user') => new ApiError(404, 'not_found', `${what} was not found.`),
  notEnrolled: () =>
    new ApiError(409, 'not_enrolled', 'This user has no two-factor authentication to reset: they have not enrolled.'),
  alreadyEnrolled: () =>
    new ApiError(409, 'already_enrolled', 'Two-factor authentication is already on. Disable it first to start over.'),
  noPendingEnrolment: () =>
    new ApiError(409, 'no_pending_enrolment', 'Start the setup again: there is no pending enrolment to verify.'),
  requiredByOrg: () =>
    new ApiError(
      403,
      'two_factor_required_by_org',
      'Your organisation requires two-factor authentication, so it cannot be turned off.',
    ),
  csrfFailed: () =>
    new ApiError(
      403,
      'csrf_failed',
      'This request did not carry the page’s security token. Reload the page and retry.',
    ),
  conflict: (message: string) => new ApiError(409, 'conflict', message),
};
