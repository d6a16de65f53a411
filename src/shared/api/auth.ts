import { z } from 'zod';
import { orgSchema, roleSchema, twoFactorStatusSchema } from './admin';

/** The signed-in user as /api/me and the sign-in answers describe them. */
export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  org: orgSchema.extend({ requires2fa: z.boolean().optional() }),
  twoFactor: twoFactorStatusSchema.extend({ backupCodesRemaining: z.number().int().optional() }),
});
export type Me = z.infer<typeof meSchema>;

export const loginRequestSchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
  deviceToken: z.string().max(200).optional(),
});

/**
 * The sign-in answers as the service sends them. A browser (X-Twofold-Client: web) gets its session and
 * remembered-device tokens only as HttpOnly cookies, so `token` and `deviceToken` are left out of its
 * body: page script must never be able to read them (an XSS would otherwise lift the bearer token).
 */
export const loginReplySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), token: z.string().optional(), user: meSchema }),
  z.object({ status: z.literal('2fa_required'), challengeToken: z.string() }),
  z.object({ status: z.literal('2fa_setup_required'), token: z.string().optional(), user: meSchema }),
]);
export type LoginReply = z.infer<typeof loginReplySchema>;

/** The login answer a bearer client (the desktop console) receives: the token is always there. */
export const loginResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), token: z.string(), user: meSchema }),
  z.object({ status: z.literal('2fa_required'), challengeToken: z.string() }),
  z.object({ status: z.literal('2fa_setup_required'), token: z.string(), user: meSchema }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const twoFactorRequestSchema = z.object({
  challengeToken: z.string().min(1).max(500),
  code: z.string().max(20).optional(),
  backupCode: z.string().max(40).optional(),
  rememberDevice: z.boolean().optional(),
});

/** The 2FA answer as the service sends it; without `token` and `deviceToken` for a browser (see loginReplySchema). */
export const twoFactorReplySchema = z.object({
  status: z.literal('signed_in'),
  token: z.string().optional(),
  user: meSchema,
  deviceToken: z.string().optional(),
});
export type TwoFactorReply = z.infer<typeof twoFactorReplySchema>;

/** The 2FA answer a bearer client receives: the token is always there. */
export const twoFactorResponseSchema = twoFactorReplySchema.extend({ token: z.string() });
export type TwoFactorResponse = z.infer<typeof twoFactorResponseSchema>;

export const codeRequestSchema = z.object({ code: z.string().min(1).max(20) });
