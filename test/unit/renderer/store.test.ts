import { beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../../src/preload/api';
import type { VaultStatus } from '../../../src/shared/ipc/vault';

/**
 * The store against a scripted main: answers per channel, so the test can
 * check that locking and signing out leave nothing of the vault or the
 * console behind in the renderer.
 */
const answers: Record<string, unknown> = {};
const calls: string[] = [];
const transport: Transport = {
  invoke: async (channel) => {
    calls.push(channel);
    return channel in answers
      ? { ok: true, value: answers[channel] }
      : { ok: false, error: { code: 'x', message: 'unscripted' } };
  },
  subscribe: () => () => undefined,
};

const status = (state: VaultStatus['state']): VaultStatus => ({
  state,
  slots: ['keychain'],
  vaultPath: '/v',
  autoLockSeconds: 300,
  accountCount: state === 'unlocked' ? 1 : null,
});

let useStore: typeof import('../../../src/renderer/src/store').useStore;
beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { twofold: createApi(transport) };
  ({ useStore } = await import('../../../src/renderer/src/store'));
});

describe('renderer store', () => {
  it('a lock wipes accounts, codes, search and any import in progress', async () => {
    answers['accounts:list'] = [
      {
        id: 'a1',
        issuer: 'ACME',
        label: 'alice',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
        group: null,
        sortOrder: 0,
        createdAt: '',
        updatedAt: '',
      },
    ];
    answers['codes:get'] = { at: 0, codes: [{ id: 'a1', code: '123456', secondsLeft: 12, period: 30 }] };
    useStore.getState().applyVaultStatus(status('unlocked'));
    await expect.poll(() => useStore.getState().codes.a1?.code).toBe('123456');
    useStore.getState().setQuery('acme');
    useStore.getState().openAdd('paste');

    useStore.getState().applyVaultStatus(status('locked'));
    const s = useStore.getState();
    expect(s.accounts).toEqual([]);
    expect(s.codes).toEqual({});
    expect(s.query).toBe('');
    expect(s.addOpen).toBe(false);
  });

  it('codes that arrive after a lock are dropped', async () => {
    useStore.getState().applyVaultStatus(status('locked'));
    await useStore.getState().refreshCodes();
    expect(useStore.getState().codes).toEqual({});
  });

  it('signing out of the console forgets users, profile and audit', async () => {
    answers['console:sign-out'] = { serviceUrl: 'https://t.example', stage: 'signed_out', user: null };
    useStore.setState({ users: [{ id: 'u' } as never], profile: { id: 'u' } as never, audit: [{ id: 'e' } as never] });
    await useStore.getState().signOut();
    const s = useStore.getState();
    expect(s.users).toEqual([]);
    expect(s.profile).toBeNull();
    expect(s.audit).toEqual([]);
    expect(s.consoleStatus?.stage).toBe('signed_out');
    expect(calls).toContain('console:sign-out');
  });
});
