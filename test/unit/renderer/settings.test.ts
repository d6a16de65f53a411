import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../../src/preload/api';
import type { VaultStatus } from '../../../src/shared/ipc/vault';

/**
 * The Export and Settings state against a scripted main: what the renderer
 * keeps of an export (a path and a count), what it sends, and that a lock
 * closes the panels.
 */
const answers: Record<string, unknown> = {};
const sent: { channel: string; args: unknown }[] = [];
const transport: Transport = {
  invoke: async (channel, args) => {
    sent.push({ channel, args });
    return channel in answers
      ? { ok: true, value: answers[channel] }
      : { ok: false, error: { code: 'weak_passphrase', message: 'A backup passphrase needs at least 8 characters.' } };
  },
  subscribe: () => () => undefined,
};

const status = (state: VaultStatus['state'], extra: Partial<VaultStatus> = {}): VaultStatus => ({
  state,
  slots: ['keychain'],
  vaultPath: '/v',
  autoLockSeconds: 300,
  accountCount: state === 'unlocked' ? 0 : null,
  ...extra,
});

let useStore: typeof import('../../../src/renderer/src/store').useStore;
beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { twofold: createApi(transport) };
  ({ useStore } = await import('../../../src/renderer/src/store'));
  answers['accounts:list'] = [];
  answers['codes:get'] = { at: 0, codes: [] };
});
beforeEach(() => {
  sent.length = 0;
  for (const k of ['export:backup', 'export:plain', 'vault:set-auto-lock', 'vault:set-passphrase']) delete answers[k];
  useStore.getState().applyVaultStatus(status('unlocked'));
});

describe('export and settings state', () => {
  it('an export keeps where main wrote the file and how many accounts, nothing more', async () => {
    answers['export:plain'] = { path: '/home/a/twofold-links.txt', accounts: 2 };
    useStore.getState().openPanel('export');
    await useStore.getState().exportPlain('otpauth', ['a1', 'a2']);
    expect(useStore.getState().exported).toEqual({ format: 'otpauth', path: '/home/a/twofold-links.txt', accounts: 2 });
    expect(sent.at(-1)).toEqual({ channel: 'export:plain', args: { format: 'otpauth', ids: ['a1', 'a2'] } });
  });

  it('a cancelled save dialog leaves no result and says nothing was written', async () => {
    answers['export:backup'] = { path: null, accounts: 0 };
    useStore.getState().openPanel('export');
    await useStore.getState().exportBackup('long enough passphrase');
    const s = useStore.getState();
    expect(s.exported).toBeNull();
    expect(s.panel).toBe('export');
    expect(s.toasts.at(-1)?.text).toBe('Export cancelled. Nothing was written.');
  });

  it("main's refusal is shown as its sentence and the panel stays open", async () => {
    useStore.getState().openPanel('export');
    await useStore.getState().exportBackup('short');
    const s = useStore.getState();
    expect(s.panelError?.message).toBe('A backup passphrase needs at least 8 characters.');
    expect(s.panelBusy).toBe(false);
    expect(s.exported).toBeNull();
  });

  it('the auto-lock answer from main becomes the vault status the settings show', async () => {
    answers['vault:set-auto-lock'] = status('unlocked', { autoLockSeconds: 60 });
    await useStore.getState().setAutoLock(60);
    expect(sent.at(-1)).toEqual({ channel: 'vault:set-auto-lock', args: { seconds: 60 } });
    expect(useStore.getState().vault?.autoLockSeconds).toBe(60);
  });

  it('setting a passphrase reports success only when main saved it', async () => {
    expect(await useStore.getState().setVaultPassphrase('x')).toBe(false);
    answers['vault:set-passphrase'] = status('unlocked', { slots: ['keychain', 'passphrase'] });
    expect(await useStore.getState().setVaultPassphrase('violet staple orbit')).toBe(true);
    expect(useStore.getState().vault?.slots).toContain('passphrase');
  });

  it('a lock closes Export and Settings and forgets the last export', async () => {
    answers['export:plain'] = { path: '/tmp/x.png', accounts: 1 };
    useStore.getState().openPanel('export');
    await useStore.getState().exportPlain('migration-qr');
    useStore.getState().applyVaultStatus(status('locked'));
    const s = useStore.getState();
    expect(s.panel).toBeNull();
    expect(s.exported).toBeNull();
    expect(s.panelError).toBeNull();
  });
});
