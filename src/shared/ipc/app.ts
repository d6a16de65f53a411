import { z } from 'zod';
import { defineChannel, defineEvent, noArgs } from './contract';

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** True where the window is kept out of screenshots and screen shares. */
  contentProtection: z.boolean(),
  /** True in the browser test bridge, where some desktop features are simulated. */
  bridge: z.boolean(),
});

export const appChannels = {
  info: defineChannel('app:info', noArgs, appInfoSchema),
  setContentProtection: defineChannel('app:set-content-protection', z.object({ enabled: z.boolean() }), appInfoSchema),
  /** Opens an http(s) link in the OS browser; anything else is refused. */
  openExternal: defineChannel('app:open-external', z.object({ url: z.string().url().max(4000) }), z.null()),
} as const;

export const appEvents = {
  /** The global shortcut asks the window to show the quick search palette. */
  quickSearch: defineEvent('app:quick-search', z.null()),
} as const;
