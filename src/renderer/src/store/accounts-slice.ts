import type { AccountMeta } from '../../../shared/ipc/accounts';
import type { Code } from '../../../shared/ipc/codes';
import { api, call, errorData } from '../lib/api';
import type { Slice } from './types';

export interface AccountsSlice {
  accounts: AccountMeta[];
  /** Codes by account id, as main made them at `codesAt` (ms since epoch). Codes only: no secret ever. */
  codes: Record<string, Code>;
  codesAt: number;
  query: string;
  selectedId: string | null;
  loadAccounts(): Promise<void>;
  refreshCodes(): Promise<void>;
  setQuery(query: string): void;
  select(id: string | null): void;
  copy(id: string): Promise<void>;
  nextHotp(id: string): Promise<void>;
  updateAccount(patch: { id: string; issuer?: string; label?: string; group?: string | null }): Promise<boolean>;
  removeAccount(id: string): Promise<void>;
  reorder(ids: string[]): Promise<void>;
  resetAccounts(): void;
}

const initialAccounts = {
  accounts: [] as AccountMeta[],
  codes: {} as Record<string, Code>,
  codesAt: 0,
  query: '',
  selectedId: null as string | null,
};

const bySortOrder = (a: AccountMeta, b: AccountMeta) => a.sortOrder - b.sortOrder;

export const createAccountsSlice: Slice<AccountsSlice> = (set, get) => {
  const fail = (error: unknown) => get().toast(errorData(error).message, { tone: 'error', ms: 6000 });
  return {
    ...initialAccounts,
    loadAccounts: async () => {
      try {
        const accounts = await call(api().accounts.list());
        set({ accounts: [...accounts].sort(bySortOrder) });
        await get().refreshCodes();
      } catch (error) {
        fail(error);
      }
    },
    refreshCodes: async () => {
      if (get().vault?.state !== 'unlocked') return;
      const result = await api().codes.get();
      // A lock between the request and the answer must not bring codes back.
      if (!result.ok || get().vault?.state !== 'unlocked') return;
      const codes: Record<string, Code> = {};
      for (const c of result.value.codes) codes[c.id] = c;
      set({ codes, codesAt: result.value.at });
    },
    setQuery: (query) => set({ query }),
    select: (selectedId) => set({ selectedId }),
    copy: async (id) => {
      try {
        const { clearsInSeconds } = await call(api().codes.copy({ id }));
        get().toast(`Copied, clears in ${clearsInSeconds} s`, { tone: 'success' });
      } catch (error) {
        fail(error);
      }
    },
    nextHotp: async (id) => {
      try {
        const code = await call(api().codes.nextHotp({ id }));
        set({ codes: { ...get().codes, [id]: code } });
      } catch (error) {
        fail(error);
      }
    },
    updateAccount: async (patch) => {
      try {
        const updated = await call(api().accounts.update(patch));
        set({ accounts: get().accounts.map((a) => (a.id === updated.id ? updated : a)) });
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
    removeAccount: async (id) => {
      const account = get().accounts.find((a) => a.id === id);
      try {
        const { undoToken, undoSeconds } = await call(api().accounts.remove({ id }));
        set({ accounts: get().accounts.filter((a) => a.id !== id) });
        const name = account ? account.issuer || account.label : 'Account';
        get().toast(`${name} deleted`, {
          ms: undoSeconds * 1000,
          action: {
            label: 'Undo',
            run: async () => {
              try {
                const restored = await call(api().accounts.undoRemove({ undoToken }));
                set({ accounts: [...get().accounts, restored].sort(bySortOrder) });
                await get().refreshCodes();
              } catch (error) {
                fail(error);
              }
            },
          },
        });
      } catch (error) {
        fail(error);
      }
    },
    reorder: async (ids) => {
      const before = get().accounts;
      const byId = new Map(before.map((a) => [a.id, a]));
      // Optimistic: the row moves at once; main's answer is the truth.
      set({ accounts: ids.flatMap((id) => byId.get(id) ?? []) });
      try {
        set({ accounts: [...(await call(api().accounts.reorder({ ids })))].sort(bySortOrder) });
      } catch (error) {
        set({ accounts: before });
        fail(error);
      }
    },
    resetAccounts: () => set({ ...initialAccounts }),
  };
};
