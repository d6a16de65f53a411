import { accountsChannels } from './accounts';
import { appChannels, appEvents } from './app';
import { codesChannels } from './codes';
import { consoleChannels } from './console';
import { exportChannels, importChannels } from './importer';
import { vaultChannels, vaultEvents } from './vault';

export * from './contract';

/** Every feature's request channels, grouped as the preload exposes them. */
export const contract = {
  app: appChannels,
  vault: vaultChannels,
  accounts: accountsChannels,
  codes: codesChannels,
  import: importChannels,
  export: exportChannels,
  console: consoleChannels,
} as const;

/** Every feature's events, grouped as the preload exposes them (`api.on.vault.changed(cb)`). */
export const events = {
  app: appEvents,
  vault: vaultEvents,
} as const;

export type Contract = typeof contract;
export type Events = typeof events;
