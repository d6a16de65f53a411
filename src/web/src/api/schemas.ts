import { z } from 'zod';
import { meSchema } from '../../../shared/api/auth';

/**
 * What the service answers a web client (X-Twofold-Client: web). The session
 * lives in an HttpOnly cookie, so any bearer token in a body is dropped here
 * (zod strips unknown keys) and never held by page script.
 */
export const webLoginSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), user: meSchema }),
  z.object({ status: z.literal('2fa_required'), challengeToken: z.string().min(1) }),
  z.object({ status: z.literal('2fa_setup_required'), user: meSchema.optional() }),
]);
export type WebLogin = z.infer<typeof webLoginSchema>;

export const webSignedInSchema = z.object({ status: z.literal('signed_in'), user: meSchema });

export const setupSchema = z.object({
  secret: z.string().min(16),
  otpauthUri: z.string().startsWith('otpauth://'),
  qrSvg: z.string().includes('<svg'),
});
export type Setup = z.infer<typeof setupSchema>;

export const backupCodesSchema = z.object({ backupCodes: z.array(z.string().min(1)).min(1) });

export const deviceSchema = z.object({
  id: z.string(),
  label: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type Device = z.infer<typeof deviceSchema>;
export const devicesSchema = z.object({ devices: z.array(deviceSchema) });

/** Answers whose body the pages don't use (logout, disable, revoke): any JSON or none. */
export const anyBody = z.unknown();
