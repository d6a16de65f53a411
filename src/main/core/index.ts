/**
 * The authenticator core: vault, codes, import and export in plain Node. The
 * Electron adapter registers `handlers` with the dispatcher; the CLI drives
 * the same handlers. Secrets never leave: handlers answer codes and metadata.
 */
import type { Handlers } from '../../shared/ipc';
import type { accountsChannels } from '../../shared/ipc/accounts';
import type { codesChannels } from '../../shared/ipc/codes';
import type { exportChannels, importChannels } from '../../shared/ipc/importer';
import type { VaultStatus, vaultChannels } from '../../shared/ipc/vault';
import type { Logger } from '../ipc/dispatcher';
import { CoreContext } from './context';
import { accountsHandlers } from './handlers/accounts';
import { codeForMatch, codesHandlers } from './handlers/codes';
import { exportHandlers } from './handlers/export';
import { importHandlers } from './handlers/import';
import { vaultHandlers } from './handlers/vault';
import type { ClipboardPort, SaveFilePort, ScreenCapturePort } from './ports';
import { type KeychainPort, OsKeychain } from './vault/keychain';

export type { ClipboardPort, RawImage, SaveFilePort, ScreenCapturePort } from './ports';
export { FixedSavePath, MemoryClipboard, NoScreens } from './ports';
export type { KeychainPort } from './vault/keychain';
export { OsKeychain } from './vault/keychain';

export interface AuthenticatorOptions {
  /** The vault directory. */
  readonly home: string;
  /** Default: the OS keychain through @napi-rs/keyring (Secret Service on Linux). */
  readonly keychain?: KeychainPort;
  readonly clipboard: ClipboardPort;
  readonly screens: ScreenCapturePort;
  readonly files: SaveFilePort;
  readonly now?: () => number;
  readonly log?: Logger;
  /** Seconds before a copied code is cleared (default 30); tests shorten it. */
  readonly clipboardClearSeconds?: number;
}

export interface Authenticator {
  readonly handlers: {
    readonly vault: Handlers<typeof vaultChannels, unknown>;
    readonly accounts: Handlers<typeof accountsChannels, unknown>;
    readonly codes: Handlers<typeof codesChannels, unknown>;
    readonly import: Handlers<typeof importChannels, unknown>;
    readonly export: Handlers<typeof exportChannels, unknown>;
  };
  /** Every state change (create, unlock, lock, auto-lock, account changes), with the new status. */
  onVaultChanged(listener: (status: VaultStatus) => void): () => void;
  /** Main-internal: the current code of the account best matching a service / email. Never over IPC with a secret. */
  codeFor(match: { issuer?: string; label?: string; host?: string }): {
    accountId: string;
    issuer: string;
    label: string;
    code: string;
  } | null;
  dispose(): Promise<void>;
}

const silent: Logger = { info() {}, warn() {}, error() {} };

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const ctx = new CoreContext({
    home: options.home,
    keychain: options.keychain ?? new OsKeychain(),
    clipboard: options.clipboard,
    screens: options.screens,
    files: options.files,
    now: options.now ?? Date.now,
    log: options.log ?? silent,
    clipboardClearSeconds: options.clipboardClearSeconds,
  });
  return {
    handlers: {
      vault: vaultHandlers(ctx),
      accounts: accountsHandlers(ctx),
      codes: codesHandlers(ctx),
      import: importHandlers(ctx),
      export: exportHandlers(ctx),
    },
    onVaultChanged: (listener) => ctx.onChanged(listener),
    codeFor: (match) => codeForMatch(ctx, match),
    dispose: () => ctx.dispose(),
  };
}
