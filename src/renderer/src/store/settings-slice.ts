import type { ErrorData } from '../../../shared/result';
import { api, call, errorData } from '../lib/api';
import type { Slice } from './types';

export type ExportFormat = 'backup' | 'otpauth' | 'migration-qr';

/** Where main wrote an export. The path and a count only: the file's contents never reach the renderer. */
export interface ExportDone {
  readonly format: ExportFormat;
  readonly path: string;
  readonly accounts: number;
}

export interface SettingsSlice {
  panel: 'settings' | 'export' | null;
  panelBusy: boolean;
  panelError: ErrorData | null;
  exported: ExportDone | null;
  openPanel(panel: 'settings' | 'export'): void;
  closePanel(): void;
  /** An encrypted backup of the whole vault; main asks where to save it and writes it. */
  exportBackup(passphrase: string): Promise<void>;
  /** otpauth links or Google migration QR images, for all accounts or the chosen ones. */
  exportPlain(format: Exclude<ExportFormat, 'backup'>, ids?: readonly string[]): Promise<void>;
  setAutoLock(seconds: number): Promise<void>;
  /** Adds the passphrase slot, or replaces its passphrase; true when saved. */
  setVaultPassphrase(passphrase: string): Promise<boolean>;
  resetPanel(): void;
}

const initialPanel = {
  panel: null as SettingsSlice['panel'],
  panelBusy: false,
  panelError: null as ErrorData | null,
  exported: null as ExportDone | null,
};

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => {
  const busy = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    set({ panelBusy: true, panelError: null });
    try {
      return await work();
    } catch (error) {
      set({ panelError: errorData(error) });
      return undefined;
    } finally {
      set({ panelBusy: false });
    }
  };
  const written = (format: ExportFormat, result: { path: string | null; accounts: number }) => {
    if (result.path === null) {
      set({ exported: null });
      get().toast('Export cancelled. Nothing was written.');
    } else set({ exported: { format, path: result.path, accounts: result.accounts } });
  };
  return {
    ...initialPanel,
    openPanel: (panel) => set({ ...initialPanel, panel }),
    closePanel: () => set({ ...initialPanel }),
    exportBackup: async (passphrase) => {
      await busy(async () => written('backup', await call(api().export.backup({ passphrase }))));
    },
    exportPlain: async (format, ids) => {
      await busy(async () =>
        written(format, await call(api().export.plain({ format, ids: ids ? [...ids] : undefined }))),
      );
    },
    setAutoLock: async (seconds) => {
      await busy(async () => {
        get().applyVaultStatus(await call(api().vault.setAutoLock({ seconds })));
        get().toast(seconds === 0 ? 'Twofold will not lock by itself.' : 'Auto-lock saved.', { tone: 'success' });
      });
    },
    setVaultPassphrase: async (passphrase) => {
      const done = await busy(async () => {
        get().applyVaultStatus(await call(api().vault.setPassphrase({ passphrase })));
        get().toast('Passphrase saved. You can unlock with it from now on.', { tone: 'success' });
        return true;
      });
      return done === true;
    },
    resetPanel: () => set({ ...initialPanel }),
  };
};
