import { z } from 'zod';
import { defineChannel, noArgs } from './contract';

export const otpTypeSchema = z.enum(['totp', 'hotp']);
export const otpAlgorithmSchema = z.enum(['SHA1', 'SHA256', 'SHA512']);

/** Everything about an account except its secret, which never leaves the main process. */
export const accountMetaSchema = z.object({
  id: z.string(),
  issuer: z.string(),
  label: z.string(),
  type: otpTypeSchema,
  algorithm: otpAlgorithmSchema,
  digits: z.number().int().min(6).max(8),
  period: z.number().int().min(1).max(3600),
  counter: z.number().int().nonnegative().nullable(),
  group: z.string().nullable(),
  sortOrder: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountMeta = z.infer<typeof accountMetaSchema>;

export const accountsChannels = {
  list: defineChannel('accounts:list', noArgs, z.array(accountMetaSchema)),
  update: defineChannel(
    'accounts:update',
    z.object({
      id: z.string().min(1),
      issuer: z.string().max(200).optional(),
      label: z.string().max(200).optional(),
      group: z.string().max(100).nullable().optional(),
    }),
    accountMetaSchema,
  ),
  reorder: defineChannel(
    'accounts:reorder',
    z.object({ ids: z.array(z.string()).max(100_000) }),
    z.array(accountMetaSchema),
  ),
  /** Removes an account; it can be restored with `undoRemove` while the undo window lasts. */
  remove: defineChannel(
    'accounts:remove',
    z.object({ id: z.string().min(1) }),
    z.object({ undoToken: z.string(), undoSeconds: z.number() }),
  ),
  undoRemove: defineChannel('accounts:undo-remove', z.object({ undoToken: z.string().min(1) }), accountMetaSchema),
} as const;
