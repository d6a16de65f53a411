import type { z } from 'zod';
import type { ImportPreview, manualEntrySchema, ScanReport } from '../../../shared/ipc/importer';
import type { ErrorData, Result } from '../../../shared/result';
import { api, call, errorData } from '../lib/api';
import type { Slice } from './types';

export type AddMode = 'menu' | 'paste' | 'manual' | 'backup';
export type ManualEntry = z.input<typeof manualEntrySchema>;

export interface AddSlice {
  addOpen: boolean;
  addMode: AddMode;
  addBusy: boolean;
  addError: ErrorData | null;
  /** What the last scan found; candidates are metadata only, their secrets stay in main. */
  report: ScanReport | null;
  picked: string[];
  preview: ImportPreview | null;
  previewPicked: string[];
  openAdd(mode?: AddMode): void;
  closeAdd(): void;
  setAddMode(mode: AddMode): void;
  scanScreens(): Promise<void>;
  scanFiles(files: readonly File[]): Promise<void>;
  scanClipboard(): Promise<void>;
  parseText(text: string): Promise<void>;
  addManual(entry: ManualEntry): Promise<void>;
  readBackup(file: File, passphrase: string): Promise<void>;
  togglePick(id: string): void;
  togglePreviewPick(id: string): void;
  reviewImport(): Promise<void>;
  commitImport(): Promise<void>;
  discardBatches(): Promise<void>;
  resetAdd(): void;
}

const initialAdd = {
  addOpen: false,
  addMode: 'menu' as AddMode,
  addBusy: false,
  addError: null as ErrorData | null,
  report: null as ScanReport | null,
  picked: [] as string[],
  preview: null as ImportPreview | null,
  previewPicked: [] as string[],
};

async function fileBytes(file: File): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> }> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const createAddSlice: Slice<AddSlice> = (set, get) => {
  /** Every way in ends here: show what was found, all picked, and wait for the dry run. */
  const scan = async (pending: () => Promise<Result<ScanReport>>) => {
    set({ addOpen: true, addBusy: true, addError: null, preview: null });
    try {
      const report = await call(pending());
      set({ report, picked: report.candidates.map((c) => c.id) });
    } catch (error) {
      set({ addError: errorData(error) });
    } finally {
      set({ addBusy: false });
    }
  };
  return {
    ...initialAdd,
    openAdd: (mode = 'menu') => set({ ...initialAdd, addOpen: true, addMode: mode }),
    closeAdd: () => set({ ...initialAdd }),
    setAddMode: (addMode) => set({ addMode, addError: null }),
    scanScreens: () => scan(() => api().import.scanScreens()),
    scanFiles: async (files) => {
      const images = await Promise.all(files.slice(0, 50).map(fileBytes));
      await scan(() => api().import.scanImages({ files: images }));
    },
    scanClipboard: () => scan(() => api().import.scanClipboard()),
    parseText: (text) => scan(() => api().import.parseText({ text })),
    addManual: (entry) => scan(() => api().import.manual(entry)),
    readBackup: async (file, passphrase) => {
      const { bytes } = await fileBytes(file);
      await scan(() => api().import.readBackup({ bytes, passphrase }));
    },
    togglePick: (id) => {
      const picked = get().picked;
      set({ picked: picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id] });
    },
    togglePreviewPick: (id) => {
      const picked = get().previewPicked;
      set({ previewPicked: picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id] });
    },
    reviewImport: async () => {
      set({ addBusy: true, addError: null });
      try {
        const preview = await call(api().import.preview({ candidateIds: get().picked }));
        // Duplicates are already in the vault: leave them out unless the person ticks them.
        const previewPicked = preview.items.filter((i) => i.status !== 'duplicate').map((i) => i.candidateId);
        set({ preview, previewPicked });
      } catch (error) {
        set({ addError: errorData(error) });
      } finally {
        set({ addBusy: false });
      }
    },
    commitImport: async () => {
      const preview = get().preview;
      if (!preview) return;
      set({ addBusy: true, addError: null });
      try {
        const { imported } = await call(
          api().import.commit({ previewId: preview.previewId, candidateIds: get().previewPicked }),
        );
        set({ ...initialAdd });
        await get().loadAccounts();
        const n = imported.length;
        get().toast(n === 1 ? 'Added 1 account' : `Added ${n} accounts`, { tone: 'success' });
      } catch (error) {
        set({ addError: errorData(error), addBusy: false });
      }
    },
    discardBatches: async () => {
      await api().import.discardBatches();
      const report = get().report;
      if (report) set({ report: { ...report, batches: [] } });
    },
    resetAdd: () => set({ ...initialAdd }),
  };
};
