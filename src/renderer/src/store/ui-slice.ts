import { api } from '../lib/api';
import type { Slice } from './types';

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'success' | 'error';
  readonly action?: { readonly label: string; readonly run: () => void };
}

export interface UiSlice {
  view: 'authenticator' | 'console';
  toasts: Toast[];
  paletteOpen: boolean;
  contentProtection: boolean | null;
  bridge: boolean;
  setView(view: UiSlice['view']): void;
  toast(text: string, opts?: { tone?: Toast['tone']; action?: Toast['action']; ms?: number }): void;
  dismissToast(id: number): void;
  setPaletteOpen(open: boolean): void;
  loadAppInfo(): Promise<void>;
  setContentProtection(enabled: boolean): Promise<void>;
}

let nextToastId = 1;

export const initialUi = {
  toasts: [] as Toast[],
  paletteOpen: false,
};

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  view: 'authenticator',
  contentProtection: null,
  bridge: false,
  ...initialUi,
  setView: (view) => set({ view }),
  toast: (text, opts) => {
    const id = nextToastId++;
    const toast: Toast = { id, text, tone: opts?.tone ?? 'info', action: opts?.action };
    set({ toasts: [...get().toasts.slice(-3), toast] });
    setTimeout(() => get().dismissToast(id), opts?.ms ?? 4000);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  loadAppInfo: async () => {
    const info = await api().app.info();
    if (info.ok) set({ contentProtection: info.value.contentProtection, bridge: info.value.bridge });
  },
  setContentProtection: async (enabled) => {
    const info = await api().app.setContentProtection({ enabled });
    if (info.ok) set({ contentProtection: info.value.contentProtection });
    else get().toast(info.error.message, { tone: 'error' });
  },
});
