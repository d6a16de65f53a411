/**
 * The vault key's home in the OS keychain: service "Twofold", one entry per
 * vault (Keychain on macOS, Credential Manager on Windows, Secret Service on
 * Linux). Failures are typed and fail closed; there is no fallback to weaker
 * storage. Every error sentence offers the passphrase route.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../../shared/result';

export interface KeychainPort {
  /** The vault key, or null when the keychain holds none for this vault. */
  getKey(vaultId: string): Promise<Uint8Array | null>;
  setKey(vaultId: string, key: Uint8Array): Promise<void>;
  deleteKey(vaultId: string): Promise<void>;
  /**
   * Opens the way to this vault's entry ahead of an unlock (the lock screen is showing), so the
   * unlock itself is one read. Never throws: a failure shows up, with its sentence, on unlock.
   */
  warm?(vaultId: string): void;
}

export const KEYCHAIN_SERVICE = 'Twofold';
const PASSPHRASE_ROUTE =
  'or open the vault with its passphrase instead (twofold … --passphrase-stdin, or Unlock with passphrase).';

export function keychainUnavailable(detail: string): AppError {
  return new AppError(
    'keychain_unavailable',
    `The system keychain is not available (${detail}). Start your keyring (on Linux: gnome-keyring or KWallet with the Secret Service), ${PASSPHRASE_ROUTE}`,
  );
}

export function keychainLocked(): AppError {
  return new AppError(
    'keychain_locked',
    `The system keychain is locked. Unlock it (log in to your keyring) and try again, ${PASSPHRASE_ROUTE}`,
  );
}

/** Sorts a keyring failure into locked vs unavailable from the store's own words; the text is never shown raw. */
export function classifyKeyringError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : '';
  if (/AbortError|aborted|timed? ?out/i.test(`${text} ${(error as Error)?.name ?? ''}`))
    return keychainUnavailable('it did not answer in time');
  if (/locked|prompt|dismissed|NoStorageAccess|storage access/i.test(text)) return keychainLocked();
  if (/connect|No such file|ServiceUnknown|Did not receive a reply|not provided by any \.service/i.test(text))
    return keychainUnavailable('no Secret Service answers on the session bus');
  return keychainUnavailable('the keychain refused the request');
}

/**
 * @napi-rs/keyring, pinned to the Secret Service on Linux so that a missing
 * keyring is an error rather than a silent switch to the kernel keyring, which
 * does not survive a reboot.
 */
export class OsKeychain implements KeychainPort {
  constructor(private readonly timeoutMs = 15_000) {}

  /**
   * Entries are kept per vault: making one opens a Secret Service connection and session (~15 ms), reading
   * through an open one takes well under 1 ms. Any failure drops the entry, so a restarted keyring is
   * reached through a fresh connection next time.
   */
  private readonly entries = new Map<string, AsyncEntry>();

  private entry(vaultId: string): AsyncEntry {
    const cached = this.entries.get(vaultId);
    if (cached) return cached;
    try {
      const entry = new AsyncEntry(KEYCHAIN_SERVICE, vaultId, { linux: { store: 'secret-service' } });
      this.entries.set(vaultId, entry);
      return entry;
    } catch (error) {
      throw classifyKeyringError(error);
    }
  }

  warm(vaultId: string): void {
    if (this.entries.has(vaultId)) return;
    // Making the entry blocks its thread for the connection (~10-15 ms): done on a later turn, not in the caller's.
    setImmediate(() => {
      try {
        this.entry(vaultId);
      } catch {
        // Reported by the unlock that needs it.
      }
    });
  }

  private failed(vaultId: string, error: unknown): AppError {
    this.entries.delete(vaultId);
    return classifyKeyringError(error);
  }

  async getKey(vaultId: string): Promise<Uint8Array | null> {
    try {
      const secret = await this.entry(vaultId).getSecret(AbortSignal.timeout(this.timeoutMs));
      return secret ? Uint8Array.from(secret) : null;
    } catch (error) {
      throw this.failed(vaultId, error);
    }
  }

  async setKey(vaultId: string, key: Uint8Array): Promise<void> {
    try {
      await this.entry(vaultId).setSecret(key, AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      throw this.failed(vaultId, error);
    }
  }

  async deleteKey(vaultId: string): Promise<void> {
    try {
      await this.entry(vaultId).deleteCredential(AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      throw this.failed(vaultId, error);
    }
  }
}
