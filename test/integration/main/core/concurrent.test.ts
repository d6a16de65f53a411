/**
 * The app and the `twofold` CLI on one vault at the same time: every write
 * takes the cross-process lock and first takes in what the other wrote, so
 * nothing either adds is overwritten, and the app shows what the CLI added.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../../../src/main/core/vault/file-lock';
import { Vault } from '../../../../src/main/core/vault/vault';
import { PASS, refusal, tempHome } from './helpers';
import { passphraseOnly, testAccount } from './vault-fixtures';

const adder = new URL('./children/adder.ts', import.meta.url).pathname;
const add = (v: Vault, label: string) =>
  v.update((accounts) => ({
    accounts: [...accounts, testAccount('Concurrent', label, 7, accounts.length)],
    result: null,
  }));

async function labelsOnDisk(home: string): Promise<string[]> {
  const v = new Vault(home, passphraseOnly);
  await v.unlock(PASS);
  const labels = v.accounts().map((a) => a.label);
  v.lock();
  return labels.sort();
}

function runAdder(home: string, prefix: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', adder, home, prefix, String(count)], {
      env: { ...process.env, TWOFOLD_TEST_PASSPHRASE: PASS },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    proc.stderr.on('data', (d: Buffer) => {
      errors += d.toString();
    });
    proc.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`adder ${prefix} exited ${code}: ${errors}`)),
    );
  });
}

let t: ReturnType<typeof tempHome>;
let app: Vault;
beforeEach(async () => {
  t = tempHome();
  app = new Vault(t.home, passphraseOnly);
  await app.create({ useKeychain: false, passphrase: PASS });
});
afterEach(() => {
  app.lock();
  t.cleanup();
});

describe('one vault, several processes', () => {
  it('keeps an account the CLI added while the app had the vault open, and the app shows it', async () => {
    await add(app, 'from-app-1');
    const cli = new Vault(t.home, passphraseOnly);
    await cli.unlock(PASS);
    await add(cli, 'from-cli');
    cli.lock();

    expect(await app.refresh()).toBe(true);
    expect(app.accounts().map((a) => a.label)).toEqual(['from-app-1', 'from-cli']);
    expect(await app.refresh()).toBe(false); // nothing new: one stat, no reload

    const other = new Vault(t.home, passphraseOnly);
    await other.unlock(PASS);
    await add(other, 'from-cli-2');
    other.lock();
    await add(app, 'from-app-2'); // without a refresh first: the write itself takes the CLI's account in
    expect(await labelsOnDisk(t.home)).toEqual(['from-app-1', 'from-app-2', 'from-cli', 'from-cli-2']);
  });

  it('loses nothing when two processes and the app add accounts at the same time', async () => {
    const appAdds = (async () => {
      for (let i = 0; i < 10; i++) await add(app, `app-${i}`);
    })();
    await Promise.all([runAdder(t.home, 'one', 12), runAdder(t.home, 'two', 12), appAdds]);
    const labels = await labelsOnDisk(t.home);
    expect(labels).toHaveLength(34);
    for (const [prefix, n] of [
      ['app', 10],
      ['one', 12],
      ['two', 12],
    ] as const)
      for (let i = 0; i < n; i++) expect(labels).toContain(`${prefix}-${i}`);
  }, 60_000);

  it('takes over a lock left by a process that died, and names a live holder after waiting', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    writeFileSync(`${app.path}.lock`, `${gone}\n`);
    await add(app, 'after-a-crash');
    expect(await labelsOnDisk(t.home)).toEqual(['after-a-crash']);

    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(`${app.path}.lock`, `${holder.pid}\n`);
      const busy = await refusal(() => withFileLock(app.path, async () => undefined, 100));
      expect(busy.code).toBe('vault_busy');
      expect(busy.message).toContain(`pid ${holder.pid}`);
      expect(busy.message).toContain(`${app.path}.lock`);
    } finally {
      holder.kill();
    }
  });

  it('refuses to write over a file another process damaged, and leaves it as it is', async () => {
    await add(app, 'kept');
    const bytes = readFileSync(app.path);
    const text = bytes.toString('utf8');
    const at = text.indexOf('"data":"', text.indexOf('"body"')) + 10; // a base64 character of the sealed body
    const damaged = Buffer.from(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    writeFileSync(app.path, damaged);
    const refused = await refusal(() => add(app, 'lost?'));
    expect(refused.code).toBe('vault_tampered');
    expect(refused.message).toContain(app.path);
    expect(readFileSync(app.path).equals(damaged)).toBe(true);
  });
});
