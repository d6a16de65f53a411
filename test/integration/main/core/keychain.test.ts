/**
 * The keychain slot against a real Secret Service: gnome-keyring on the private
 * session bus that scripts/with-services.sh starts. Anything that can hang (a
 * locked keyring, a bus without a keyring) runs in a child process with a time limit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { core, tempHome } from './helpers';

const child = new URL('./children/unlock.ts', import.meta.url).pathname;

function unlockInChild(home: string, env: NodeJS.ProcessEnv = process.env, mode = 'unlock') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, home, mode], {
    env,
    encoding: 'utf8',
    timeout: 40_000,
  });
  if (r.error) throw new Error(`the unlock child did not finish in time: ${r.error.message}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as { ok: boolean; state?: string; code?: string; message?: string };
}

const vaultId = (home: string) =>
  (JSON.parse(readFileSync(join(home, 'vault.twofold'), 'utf8')) as { vaultId: string }).vaultId;

let t: ReturnType<typeof tempHome>;
beforeAll(() => {
  if (process.env.TWOFOLD_TEST_KEYRING !== '1')
    throw new Error('These tests need the test keyring: run them with bash scripts/with-services.sh npx vitest run …');
  t = tempHome();
});
afterAll(() => t?.cleanup());

describe('vault key in the Secret Service', () => {
  it('stores the key under service "Twofold", one entry per vault, and opens the vault with it', async () => {
    const c = core(t.home);
    const status = await c.h.vault.create({ useKeychain: true }, null);
    expect(status).toMatchObject({ state: 'unlocked', slots: ['keychain'] });
    const scan = await c.h.import.parseText({ text: 'otpauth://totp/K:k?secret=JBSWY3DPEHPK3PXP' }, null);
    const p = await c.h.import.preview({ candidateIds: scan.candidates.map((x) => x.id) }, null);
    await c.h.import.commit({ previewId: p.previewId }, null);
    await c.h.vault.lock(undefined, null);
    await c.auth.dispose();

    const found = spawnSync('secret-tool', ['search', '--all', 'service', 'Twofold', 'username', vaultId(t.home)], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(`${found.stdout}${found.stderr}`).toContain(vaultId(t.home));

    expect(unlockInChild(t.home)).toEqual({ ok: true, state: 'unlocked' });
    const again = core(t.home);
    await again.h.vault.unlock(undefined, null);
    expect((await again.h.accounts.list(undefined, null)).map((a) => a.label)).toEqual(['k']);
    await again.h.vault.lock(undefined, null);
    expect(await again.h.vault.status(undefined, null)).toMatchObject({ state: 'locked', accountCount: null });
    await again.auth.dispose();
  });

  it('opens the keychain connection while the lock screen shows, and a failed warm-up only surfaces on unlock', () => {
    expect(unlockInChild(t.home, process.env, 'status-unlock')).toEqual({ ok: true, state: 'unlocked' });
    const noBus = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    expect(unlockInChild(t.home, noBus, 'status-unlock')).toMatchObject({
      ok: false,
      code: 'keychain_unavailable',
      message: expect.stringMatching(/passphrase/),
    });
  });

  it('says the keychain key is missing when the entry was removed, and offers the passphrase', async () => {
    const other = tempHome();
    const c = core(other.home);
    await c.h.vault.create({ useKeychain: true, passphrase: 'a long enough passphrase' }, null);
    await c.auth.dispose();
    spawnSync('secret-tool', ['clear', 'service', 'Twofold', 'username', vaultId(other.home)], { timeout: 10_000 });
    const r = unlockInChild(other.home);
    expect(r).toMatchObject({ ok: false, code: 'keychain_key_missing', message: expect.stringMatching(/passphrase/) });
    other.cleanup();
  });

  it('gives keychain_unavailable with the passphrase route when no session bus answers', () => {
    const r = unlockInChild(t.home, { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(r).toMatchObject({ ok: false, code: 'keychain_unavailable', message: expect.stringMatching(/passphrase/) });
  });

  it('gives keychain_unavailable when the session bus has no Secret Service on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twofold-bus-'));
    const config = join(dir, 'bus.conf');
    // A bus with no service directories: nothing can be activated, so org.freedesktop.secrets is unknown.
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${dir}/bus</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const bus = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        bus.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
        bus.once('exit', () => reject(new Error('dbus-daemon exited')));
      });
      const r = unlockInChild(t.home, { ...process.env, DBUS_SESSION_BUS_ADDRESS: address });
      expect(r).toMatchObject({
        ok: false,
        code: 'keychain_unavailable',
        message: expect.stringMatching(/passphrase/),
      });
    } finally {
      bus.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives keychain_locked with the passphrase route when the keyring is locked', async () => {
    // A keyring of its own on a bus of its own: locking it cannot disturb the shared test keyring,
    // which nothing could unlock again without a prompt.
    const dir = mkdtempSync(join(tmpdir(), 'twofold-locked-'));
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let keyring: ReturnType<typeof spawn> | null = null;
    try {
      const address = await new Promise<string>((resolve, reject) => {
        bus.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
        bus.once('exit', () => reject(new Error('dbus-daemon exited')));
      });
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: dir, XDG_RUNTIME_DIR: dir };
      keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--foreground'], {
        env,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      keyring.stdin?.end('locked-test-password');
      const dbus = (...args: string[]) =>
        spawnSync('dbus-send', ['--session', '--print-reply', ...args], { env, encoding: 'utf8', timeout: 10_000 });
      for (let i = 0; i < 100; i++) {
        const r = dbus(
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.secrets',
        );
        if (r.stdout.includes('boolean true')) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      const home = join(dir, 'vault');
      expect(unlockInChild(home, env, 'create')).toEqual({ ok: true, state: 'unlocked' });
      expect(unlockInChild(home, env)).toEqual({ ok: true, state: 'unlocked' });
      const lock = dbus(
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      );
      expect(lock.status).toBe(0);
      const r = unlockInChild(home, env);
      expect(r).toMatchObject({ ok: false, code: 'keychain_locked', message: expect.stringMatching(/passphrase/) });
    } finally {
      keyring?.kill();
      bus.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
