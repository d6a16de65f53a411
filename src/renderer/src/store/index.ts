import { create } from 'zustand';
import { createAccountsSlice } from './accounts-slice';
import { createAddSlice } from './add-slice';
import { createConsoleSlice } from './console-slice';
import { createSettingsSlice } from './settings-slice';
import type { State } from './types';
import { createUiSlice } from './ui-slice';
import { createVaultSlice } from './vault-slice';

/**
 * The one store, made of slices. Nothing is persisted: codes, account
 * metadata and console rows live in memory and are wiped on lock and sign-out.
 */
export const useStore = create<State>()((...a) => ({
  ...createVaultSlice(...a),
  ...createAccountsSlice(...a),
  ...createAddSlice(...a),
  ...createConsoleSlice(...a),
  ...createSettingsSlice(...a),
  ...createUiSlice(...a),
}));

export type { State } from './types';
