import { z } from 'zod';

/** Every HTTP error body of the service: {"error":{"code":"snake_case","message":"…"}}. */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string().min(1),
    field: z.string().optional(),
    retryAfter: z.number().int().nonnegative().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** Error codes the service answers with; clients switch on these, never on messages. */
export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'invalid_credentials',
  'invalid_code',
  'code_already_used',
  'challenge_expired',
  'too_many_attempts',
  'account_locked',
  'step_up_required',
  'setup_required',
  'forbidden',
  'self_reset_not_allowed',
  'not_found',
  'not_enrolled',
  'already_enrolled',
  'no_pending_enrolment',
  'two_factor_required_by_org',
  'conflict',
  'csrf_failed',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
