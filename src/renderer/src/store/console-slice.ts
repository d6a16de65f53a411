import type { AdminUser, AuditEvent, Org } from '../../../shared/api';
import type { ConsoleStatus } from '../../../shared/ipc/console';
import type { ErrorData } from '../../../shared/result';
import type { Role } from '../../../shared/roles';
import { api, call, errorData } from '../lib/api';
import type { Slice } from './types';

export interface UserFilters {
  q: string;
  role: Role | '';
  orgId: string;
}

export interface ConsoleSlice {
  consoleStatus: ConsoleStatus | null;
  consoleError: ErrorData | null;
  consoleBusy: boolean;
  consoleTab: 'users' | 'audit';
  filters: UserFilters;
  users: AdminUser[];
  nextCursor: string | null;
  usersLoading: boolean;
  orgs: Org[];
  profile: AdminUser | null;
  resetTarget: AdminUser | null;
  resetStage: 'confirm' | 'step_up';
  resetError: ErrorData | null;
  resetBusy: boolean;
  audit: AuditEvent[];
  auditCursor: string | null;
  loadConsole(): Promise<void>;
  signIn(form: { serviceUrl: string; email: string; password: string }): Promise<void>;
  submitCode(code: string): Promise<void>;
  /** The current code from a matching vault account, for one-click fill; null when the vault has none. */
  vaultCode(): Promise<string | null>;
  signOut(): Promise<void>;
  setConsoleTab(tab: ConsoleSlice['consoleTab']): void;
  setFilters(patch: Partial<UserFilters>): void;
  searchUsers(): Promise<void>;
  loadMoreUsers(): Promise<void>;
  openProfile(id: string): Promise<void>;
  closeProfile(): void;
  refreshUser(id: string): Promise<void>;
  openReset(user: AdminUser): void;
  cancelReset(): void;
  confirmReset(reason: string): Promise<void>;
  stepUpAndReset(code: string, reason: string): Promise<void>;
  loadAudit(more?: boolean): Promise<void>;
  resetConsole(): void;
}

const initialConsole = {
  consoleError: null as ErrorData | null,
  consoleBusy: false,
  consoleTab: 'users' as const,
  filters: { q: '', role: '', orgId: '' } as UserFilters,
  users: [] as AdminUser[],
  nextCursor: null as string | null,
  usersLoading: false,
  orgs: [] as Org[],
  profile: null as AdminUser | null,
  resetTarget: null as AdminUser | null,
  resetStage: 'confirm' as const,
  resetError: null as ErrorData | null,
  resetBusy: false,
  audit: [] as AuditEvent[],
  auditCursor: null as string | null,
};

/** Drops answers to searches that a newer keystroke has superseded. */
let searchSeq = 0;

export const createConsoleSlice: Slice<ConsoleSlice> = (set, get) => {
  const query = (cursor?: string) => {
    const { q, role, orgId } = get().filters;
    return { q: q.trim() || undefined, role: role || undefined, orgId: orgId || undefined, cursor, limit: 50 };
  };
  const onStatus = (status: ConsoleStatus) => {
    set({ consoleStatus: status });
    if (status.stage === 'signed_in') {
      void get().searchUsers();
      void call(api().console.orgs()).then(
        (orgs) => set({ orgs }),
        () => set({ orgs: [] }),
      );
    }
  };
  /** A revoked or expired session sends the person back to sign in, with nothing left behind. */
  const handle = (error: unknown): ErrorData => {
    const data = errorData(error);
    if (data.code === 'signed_out') {
      const status = get().consoleStatus;
      set({ ...initialConsole, consoleStatus: status ? { ...status, stage: 'signed_out', user: null } : null });
      set({ consoleError: data });
    }
    return data;
  };
  const replaceUser = (user: AdminUser) => {
    const { users, profile } = get();
    set({
      users: users.map((u) => (u.id === user.id ? user : u)),
      profile: profile?.id === user.id ? user : profile,
    });
  };
  const resetNow = async (reason: string) => {
    const target = get().resetTarget;
    if (!target) return;
    try {
      const updated = await call(api().console.reset2fa({ id: target.id, reason: reason.trim() || undefined }));
      replaceUser(updated);
      set({ resetTarget: null, resetStage: 'confirm', resetError: null });
      get().toast(`2FA reset for ${updated.name}. They will set it up again at their next sign-in.`, {
        tone: 'success',
        ms: 6000,
      });
      if (get().consoleTab === 'audit') void get().loadAudit();
    } catch (error) {
      const data = handle(error);
      if (data.code === 'step_up_required') set({ resetStage: 'step_up', resetError: null });
      else set({ resetError: data });
      // The refusal may mean the row is stale (another admin reset them, their role changed): refresh it.
      if (data.code === 'not_enrolled' || data.code === 'forbidden') void get().refreshUser(target.id);
    }
  };
  const busy = async (work: () => Promise<void>) => {
    set({ consoleBusy: true, consoleError: null });
    try {
      await work();
    } catch (error) {
      set({ consoleError: handle(error) });
    } finally {
      set({ consoleBusy: false });
    }
  };
  return {
    consoleStatus: null,
    ...initialConsole,
    loadConsole: () => busy(async () => onStatus(await call(api().console.status()))),
    signIn: (form) => busy(async () => onStatus(await call(api().console.signIn(form)))),
    submitCode: (code) => busy(async () => onStatus(await call(api().console.submitCode({ code })))),
    vaultCode: async () => {
      const found = await api().console.vaultCode();
      return found.ok && found.value ? found.value.code : null;
    },
    signOut: () =>
      busy(async () => {
        const status = await call(api().console.signOut());
        set({ ...initialConsole, consoleStatus: status });
      }),
    setConsoleTab: (consoleTab) => {
      set({ consoleTab });
      if (consoleTab === 'audit') void get().loadAudit();
    },
    setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
    searchUsers: async () => {
      const seq = ++searchSeq;
      set({ usersLoading: true, consoleError: null });
      try {
        const page = await call(api().console.searchUsers(query()));
        if (seq === searchSeq) set({ users: page.users, nextCursor: page.nextCursor });
      } catch (error) {
        if (seq === searchSeq) set({ consoleError: handle(error), users: [], nextCursor: null });
      } finally {
        if (seq === searchSeq) set({ usersLoading: false });
      }
    },
    loadMoreUsers: async () => {
      const { nextCursor, usersLoading } = get();
      if (!nextCursor || usersLoading) return;
      const seq = searchSeq;
      set({ usersLoading: true });
      try {
        const page = await call(api().console.searchUsers(query(nextCursor)));
        if (seq === searchSeq) set({ users: [...get().users, ...page.users], nextCursor: page.nextCursor });
      } catch (error) {
        if (seq === searchSeq) set({ consoleError: handle(error) });
      } finally {
        if (seq === searchSeq) set({ usersLoading: false });
      }
    },
    openProfile: (id) =>
      busy(async () => {
        const cached = get().users.find((u) => u.id === id) ?? null;
        set({ profile: cached });
        const user = await call(api().console.getUser({ id }));
        replaceUser(user);
        set({ profile: user });
      }),
    closeProfile: () => set({ profile: null }),
    refreshUser: async (id) => {
      const found = await api().console.getUser({ id });
      if (found.ok) replaceUser(found.value);
    },
    openReset: (user) => set({ resetTarget: user, resetStage: 'confirm', resetError: null, resetBusy: false }),
    cancelReset: () => set({ resetTarget: null, resetStage: 'confirm', resetError: null }),
    confirmReset: async (reason) => {
      set({ resetBusy: true, resetError: null });
      await resetNow(reason);
      set({ resetBusy: false });
    },
    stepUpAndReset: async (code, reason) => {
      set({ resetBusy: true, resetError: null });
      try {
        await call(api().console.stepUp({ code }));
        await resetNow(reason);
      } catch (error) {
        set({ resetError: handle(error) });
      } finally {
        set({ resetBusy: false });
      }
    },
    loadAudit: async (more = false) => {
      try {
        const cursor = more ? (get().auditCursor ?? undefined) : undefined;
        if (more && !cursor) return;
        const page = await call(api().console.audit({ cursor }));
        set({ audit: more ? [...get().audit, ...page.events] : page.events, auditCursor: page.nextCursor });
      } catch (error) {
        set({ consoleError: handle(error) });
      }
    },
    resetConsole: () => set({ ...initialConsole }),
  };
};
