import { z } from 'zod';
import { adminUserSchema, auditListSchema, orgSchema, roleSchema, userListSchema } from '../api/admin';
import { meSchema } from '../api/auth';
import { defineChannel, noArgs } from './contract';

/**
 * The admin console. The session token lives in main and never crosses IPC;
 * main makes every HTTP call to the service.
 */
export const consoleStatusSchema = z.object({
  serviceUrl: z.string().nullable(),
  stage: z.enum(['signed_out', 'code_required', 'setup_required', 'signed_in']),
  user: meSchema.nullable(),
});
export type ConsoleStatus = z.infer<typeof consoleStatusSchema>;

/** A code from the vault for the signed-in (or signing-in) account of this service, if the vault has one. */
export const vaultCodeSchema = z
  .object({ accountId: z.string(), issuer: z.string(), label: z.string(), code: z.string() })
  .nullable();

export const consoleChannels = {
  status: defineChannel('console:status', noArgs, consoleStatusSchema),
  signIn: defineChannel(
    'console:sign-in',
    z.object({
      serviceUrl: z.string().url('Enter the service address, such as https://twofold.example.com.').max(2000),
      email: z.string().min(1).max(320),
      password: z.string().min(1).max(1024),
    }),
    consoleStatusSchema,
  ),
  submitCode: defineChannel(
    'console:submit-code',
    z.object({ code: z.string().max(20).optional(), backupCode: z.string().max(40).optional() }),
    consoleStatusSchema,
  ),
  /** The current code from a vault account matching the service and email, for one-click fill. */
  vaultCode: defineChannel('console:vault-code', noArgs, vaultCodeSchema),
  signOut: defineChannel('console:sign-out', noArgs, consoleStatusSchema),
  searchUsers: defineChannel(
    'console:search-users',
    z.object({
      q: z.string().max(200).optional(),
      role: roleSchema.optional(),
      orgId: z.string().max(64).optional(),
      cursor: z.string().max(512).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    userListSchema,
  ),
  orgs: defineChannel('console:orgs', noArgs, z.array(orgSchema)),
  getUser: defineChannel('console:get-user', z.object({ id: z.string().min(1).max(64) }), adminUserSchema),
  stepUp: defineChannel('console:step-up', z.object({ code: z.string().min(1).max(20) }), z.null()),
  reset2fa: defineChannel(
    'console:reset-2fa',
    z.object({ id: z.string().min(1).max(64), reason: z.string().max(500).optional() }),
    adminUserSchema,
  ),
  audit: defineChannel(
    'console:audit',
    z.object({ cursor: z.string().max(512).optional(), targetId: z.string().max(64).optional() }).optional(),
    auditListSchema,
  ),
} as const;
