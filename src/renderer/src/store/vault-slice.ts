import type { VaultStatus } from '../../../shared/ipc/vault';
import type { ErrorData } from '../../../shared/result';
import { api, call, errorData } from '../lib/api';
import type { Slice } from './types';

export interface VaultSlice {
  vault: VaultStatus | null;
  vaultError: ErrorData | null;
  vaultBusy: boolean;
  loadVault(): Promise<void>;
  createVault(opts: { passphrase?: string; useKeychain: boolean }): Promise<void>;
  unlock(passphrase?: string): Promise<void>;
  lock(): Promise<void>;
  /** Applies a status pushed by main (vault:changed); a lock wipes every slice that held vault data. */
  applyVaultStatus(status: VaultStatus): void;
}

export const createVaultSlice: Slice<VaultSlice> = (set, get) => {
  const run = async (action: () => Promise<VaultStatus>) => {
    set({ vaultBusy: true, vaultError: null });
    try {
      get().applyVaultStatus(await action());
    } catch (error) {
      set({ vaultError: errorData(error) });
    } finally {
      set({ vaultBusy: false });
    }
  };
  return {
    vault: null,
    vaultError: null,
    vaultBusy: false,
    loadVault: () => run(() => call(api().vault.status())),
    createVault: (opts) => run(() => call(api().vault.create(opts))),
    unlock: (passphrase) => run(() => call(api().vault.unlock(passphrase ? { passphrase } : undefined))),
    lock: () => run(() => call(api().vault.lock())),
    applyVaultStatus: (status) => {
      const was = get().vault?.state;
      set({ vault: status });
      if (status.state !== 'unlocked') {
        get().resetAccounts();
        get().resetAdd();
        get().resetPanel();
      } else if (was !== 'unlocked') {
        void get().loadAccounts();
      }
    },
  };
};
