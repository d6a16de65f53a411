import { z } from 'zod';
import { defineChannel } from './contract';

export const codeSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** Seconds until this TOTP code expires; null for HOTP. */
  secondsLeft: z.number().nullable(),
  period: z.number().nullable(),
  /** The following code, present when fewer than 5 seconds remain. */
  next: z.string().optional(),
});
export type Code = z.infer<typeof codeSchema>;

export const codesChannels = {
  /** Current codes for the given accounts (all when omitted), made in main. */
  get: defineChannel(
    'codes:get',
    z.object({ ids: z.array(z.string()).max(100_000).optional() }).optional(),
    z.object({ at: z.number(), codes: z.array(codeSchema) }),
  ),
  /** Advances an HOTP counter and answers the new code. */
  nextHotp: defineChannel('codes:next-hotp', z.object({ id: z.string().min(1) }), codeSchema),
  /** Copies the current code to the clipboard; it is cleared after `clearsInSeconds` if still ours. */
  copy: defineChannel('codes:copy', z.object({ id: z.string().min(1) }), z.object({ clearsInSeconds: z.number() })),
} as const;
