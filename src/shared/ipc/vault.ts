import { z } from 'zod';
import { defineChannel, defineEvent, noArgs } from './contract';

export const keySlotSchema = z.enum(['keychain', 'passphrase']);

export const vaultStatusSchema = z.object({
  /** `absent`: no vault file yet; `locked`: the key is not in memory; `unlocked`: codes can be made. */
  state: z.enum(['absent', 'locked', 'unlocked']),
  slots: z.array(keySlotSchema),
  vaultPath: z.string(),
  autoLockSeconds: z.number().int().nonnegative(),
  accountCount: z.number().int().nonnegative().nullable(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

const passphrase = z.string().min(8, 'A passphrase needs at least 8 characters.').max(1024);

export const vaultChannels = {
  status: defineChannel('vault:status', noArgs, vaultStatusSchema),
  /** Creates a new vault whose key is stored in the OS keychain, or wrapped by a passphrase when given. */
  create: defineChannel(
    'vault:create',
    z.object({ passphrase: passphrase.optional(), useKeychain: z.boolean().default(true) }),
    vaultStatusSchema,
  ),
  unlock: defineChannel(
    'vault:unlock',
    z.object({ passphrase: z.string().max(1024).optional() }).optional(),
    vaultStatusSchema,
  ),
  lock: defineChannel('vault:lock', noArgs, vaultStatusSchema),
  setPassphrase: defineChannel('vault:set-passphrase', z.object({ passphrase }), vaultStatusSchema),
  setAutoLock: defineChannel(
    'vault:set-auto-lock',
    z.object({ seconds: z.number().int().min(0).max(86_400) }),
    vaultStatusSchema,
  ),
  /** The user did something: restart the idle timer. Polling for codes does not count as activity. */
  activity: defineChannel('vault:activity', noArgs, z.null()),
} as const;

export const vaultEvents = {
  changed: defineEvent('vault:changed', vaultStatusSchema),
} as const;
