import { z } from 'zod';

/** Account pages and the service's own endpoints (issue 6), beside auth.ts and admin.ts. */
export const setupResponseSchema = z.object({
  /** Base32 manual-entry key; shown only while the enrolment is pending. */
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type SetupResponse = z.infer<typeof setupResponseSchema>;

export const backupCodesResponseSchema = z.object({ backupCodes: z.array(z.string()) });
export type BackupCodesResponse = z.infer<typeof backupCodesResponseSchema>;

export const disableRequestSchema = z.object({
  password: z.string().min(1).max(1024),
  code: z.string().min(1).max(20),
});

export const stepUpResponseSchema = z.object({
  status: z.literal('ok'),
  /** Until when the admin reset accepts this session's proof of 2FA (ISO time). */
  validUntil: z.string(),
});

export const statusResponseSchema = z.object({ status: z.string() });

export const deviceSchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  /** True for the browser this session signed in from. */
  current: z.boolean(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });

export const idParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const healthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });

/** Header a browser client sends so that sign-in answers also set cookies. */
export const WEB_CLIENT_HEADER = 'x-twofold-client';
export const CSRF_HEADER = 'x-csrf-token';
export const COOKIE = { session: 'twofold_session', csrf: 'twofold_csrf', device: 'twofold_device' } as const;
