import type { StateCreator } from 'zustand';
import type { AccountsSlice } from './accounts-slice';
import type { AddSlice } from './add-slice';
import type { ConsoleSlice } from './console-slice';
import type { SettingsSlice } from './settings-slice';
import type { UiSlice } from './ui-slice';
import type { VaultSlice } from './vault-slice';

export type State = VaultSlice & AccountsSlice & AddSlice & ConsoleSlice & SettingsSlice & UiSlice;

/** Every slice sees the whole store, so a lock can reset the others. */
export type Slice<T> = StateCreator<State, [], [], T>;
