import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Vault } from '../../../../src/main/core/vault/vault';
import { core, PASS, refusal, tempHome } from './helpers';

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

let t: ReturnType<typeof tempHome>;
beforeEach(() => {
  t = tempHome();
});
afterEach(() => t.cleanup());

async function vaultWithAccount() {
  const c = core(t.home);
  await c.h.vault.create({ passphrase: PASS, useKeychain: false }, null);
  const scan = await c.h.import.parseText({ text: URI }, null);
  const preview = await c.h.import.preview({ candidateIds: scan.candidates.map((x) => x.id) }, null);
  await c.h.import.commit({ previewId: preview.previewId }, null);
  return c;
}

describe('vault with a passphrase slot', () => {
  it('creates, locks and reopens with the passphrase; a wrong one is refused', async () => {
    const c = await vaultWithAccount();
    expect(await c.h.vault.status(undefined, null)).toMatchObject({
      state: 'unlocked',
      slots: ['passphrase'],
      accountCount: 1,
    });
    await c.h.vault.lock(undefined, null);
    expect(await refusal(() => c.h.codes.get(undefined, null))).toMatchObject({ code: 'vault_locked' });
    expect(await refusal(() => c.h.vault.unlock({ passphrase: 'not the passphrase' }, null))).toMatchObject({
      code: 'wrong_passphrase',
    });
    await c.auth.dispose();

    const again = core(t.home);
    expect(await again.h.vault.status(undefined, null)).toMatchObject({ state: 'locked', accountCount: null });
    await again.h.vault.unlock({ passphrase: PASS }, null);
    const [account] = await again.h.accounts.list(undefined, null);
    expect(account).toMatchObject({ issuer: 'Example', label: 'alice@example.com' });
    expect(readFileSync(`${t.home}/vault.twofold`, 'utf8')).not.toMatch(/alice|Example|JBSWY3DP/);
    await again.auth.dispose();
  });

  it('refuses a file with one flipped byte, names it, and leaves it unchanged', async () => {
    const c = await vaultWithAccount();
    await c.auth.dispose();
    const path = `${t.home}/vault.twofold`;
    const original = readFileSync(path);
    const bodyAt = original.indexOf('"data":"', original.indexOf('"body"')) + 20;
    // Every 97th byte of the file, and one in the ciphertext: each must be refused, never reset.
    const positions = [bodyAt, ...Array.from({ length: Math.floor(original.length / 97) }, (_, i) => i * 97)];
    for (const pos of positions) {
      const bytes = Buffer.from(original);
      bytes[pos] = (bytes[pos] as number) ^ 0x01;
      writeFileSync(path, bytes);
      const mtime = statSync(path).mtimeMs;
      const again = core(t.home);
      const error = await refusal(() => again.h.vault.unlock({ passphrase: PASS }, null));
      expect(['vault_tampered', 'vault_unsupported', 'wrong_passphrase'], `byte ${pos}`).toContain(error.code);
      if (pos === bodyAt)
        expect(error).toMatchObject({ code: 'vault_tampered', message: expect.stringContaining(path) });
      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(statSync(path).mtimeMs).toBe(mtime);
      await again.auth.dispose();
    }
  });

  it('keeps the previous version as .bak on every save', async () => {
    const c = await vaultWithAccount();
    const before = readFileSync(`${t.home}/vault.twofold`);
    const [a] = await c.h.accounts.list(undefined, null);
    await c.h.accounts.update({ id: a?.id as string, label: 'renamed' }, null);
    expect(readFileSync(`${t.home}/vault.twofold.bak`).equals(before)).toBe(true);
    expect(statSync(`${t.home}/vault.twofold`).mode & 0o777).toBe(0o600);
    await c.auth.dispose();
  });

  it('auto-locks after the idle time, drops the key and tells listeners', async () => {
    const c = await vaultWithAccount();
    const seen: string[] = [];
    c.auth.onVaultChanged((s) => seen.push(s.state));
    await c.h.vault.setAutoLock({ seconds: 1 }, null);
    // Polling codes is not activity: it must not keep the vault open.
    const poll = setInterval(
      () =>
        void Promise.resolve()
          .then(() => c.h.codes.get(undefined, null))
          .catch(() => undefined),
      200,
    );
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(poll);
    expect(seen).toContain('locked');
    expect(await c.h.vault.status(undefined, null)).toMatchObject({ state: 'locked', autoLockSeconds: 1 });
    expect(await refusal(() => c.h.accounts.list(undefined, null))).toMatchObject({ code: 'vault_locked' });
    await c.auth.dispose();
  });

  it('copies a code, and clears the clipboard after 30 s (or on quit) only if it still holds our code', async () => {
    const c = await vaultWithAccount();
    const [acct] = await c.h.accounts.list(undefined, null);
    const id = acct?.id as string;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { codes } = await c.h.codes.get(undefined, null);
      expect(await c.h.codes.copy({ id }, null)).toEqual({ clearsInSeconds: 30 });
      expect(c.clipboard).toMatchObject({ text: codes[0]?.code, concealed: true });
      vi.advanceTimersByTime(29_000);
      expect(c.clipboard.text).toBe(codes[0]?.code);
      vi.advanceTimersByTime(1_000);
      expect(c.clipboard.text).toBe('');

      await c.h.codes.copy({ id }, null);
      c.clipboard.writeText('something the user copied', { concealed: false });
      vi.advanceTimersByTime(30_000);
      expect(c.clipboard.text).toBe('something the user copied');

      await c.h.codes.copy({ id }, null);
      await c.auth.dispose(); // quitting clears our code at once
      expect(c.clipboard.text).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  describe('what the core keeps after lock', () => {
    it('zeroes every decrypted secret it held, and codeFor answers nothing', async () => {
      const c = await vaultWithAccount();
      const vault = new Vault(t.home, {
        getKey: async () => null,
        setKey: async () => undefined,
        deleteKey: async () => undefined,
      });
      await vault.unlock(PASS);
      const held = vault.accounts().map((a) => a.secret);
      expect(held.some((s) => s.some((b) => b !== 0))).toBe(true);
      vault.lock();
      expect(held.every((s) => s.every((b) => b === 0))).toBe(true);

      expect(c.auth.codeFor({ issuer: 'example', label: 'ALICE@example.com' })).toMatchObject({
        issuer: 'Example',
        label: 'alice@example.com',
        code: expect.stringMatching(/^\d{6}$/),
      });
      expect(c.auth.codeFor({ host: 'www.example.com' })).toMatchObject({ issuer: 'Example' });
      expect(c.auth.codeFor({ label: 'nobody@example.com' })).toBeNull();
      await c.h.vault.lock(undefined, null);
      expect(c.auth.codeFor({ issuer: 'Example', label: 'alice@example.com' })).toBeNull();
      await c.auth.dispose();
    });
  });
});
