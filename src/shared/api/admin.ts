import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../roles';

export const roleSchema = z.enum(ROLES);
export const orgKindSchema = z.enum(ORG_KINDS);

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: orgKindSchema,
  partnerId: z.string().nullable().optional(),
});
export type Org = z.infer<typeof orgSchema>;

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  enrolledAt: z.string().nullable(),
  lastResetAt: z.string().nullable(),
});

/** A user as the admin console sees it (list rows and profiles). */
export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  org: orgSchema,
  twoFactor: twoFactorStatusSchema,
  canReset2fa: z.boolean(),
  resetBlockedReason: z.string().nullable().optional(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const userListQuerySchema = z.object({
  /** One line: the search text joins name and email with a line break, which no `q` may span. */
  q: z
    .string()
    .max(200)
    .regex(/^[^\r\n]*$/, 'it must be one line, a part of a name or of an email')
    .optional(),
  role: roleSchema.optional(),
  orgId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(512).optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userListSchema = z.object({
  users: z.array(adminUserSchema),
  nextCursor: z.string().nullable(),
});
export type UserList = z.infer<typeof userListSchema>;

export const resetRequestSchema = z.object({
  reason: z.string().max(500).optional(),
});

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  outcome: z.string(),
  actor: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  target: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(512).optional(),
  targetId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
});

export const auditListSchema = z.object({
  events: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof auditListSchema>;

export const orgListSchema = z.object({ orgs: z.array(orgSchema) });
