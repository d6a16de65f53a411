/**
 * Crash safety: a child process saving the vault over and over is killed
 * (SIGKILL) at random instants. After every kill the vault must open with
 * either the last acknowledged accounts or those plus the one in flight —
 * never a torn or empty file, and no acknowledged account lost.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../../../src/main/core/vault/vault';
import { PASS, tempHome } from './helpers';
import { passphraseOnly } from './vault-fixtures';

const saver = new URL('./children/saver.ts', import.meta.url).pathname;

let t: ReturnType<typeof tempHome>;
beforeAll(() => {
  t = tempHome();
});
afterAll(() => t.cleanup());

/** Runs the saver until `killAfterMs` past its first save; answers the last count it acknowledged. */
function runAndKill(killAfterMs: number): Promise<{ acked: number; saves: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', saver, t.home], {
      env: { ...process.env, TWOFOLD_TEST_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = -1;
    let saves = 0;
    let buffered = '';
    let errors = '';
    let timer: NodeJS.Timeout | null = null;
    proc.stderr.on('data', (d: Buffer) => {
      errors += d.toString();
    });
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^saved (\d+)$/.exec(line);
        if (m) {
          acked = Number(m[1]);
          saves++;
          timer ??= setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
        }
      }
    });
    proc.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ acked, saves });
      else reject(new Error(`the saver stopped by itself (${code}): ${errors.slice(0, 500)}`));
    });
  });
}

describe('crash safety of vault writes', () => {
  it('leaves the old or the new vault after a kill at any instant, losing nothing', { timeout: 120_000 }, async () => {
    const vault = new Vault(t.home, passphraseOnly);
    await vault.create({ passphrase: PASS, useKeychain: false });
    vault.lock();
    let total = 0;
    let known = 0;
    for (let round = 0; round < 14 && total < 400; round++) {
      const { acked, saves } = await runAndKill(Math.floor(Math.random() * 600));
      total += saves;
      await vault.unlock(PASS);
      const labels = vault.accounts().map((a) => a.label);
      vault.lock();
      // Old or new: the last acknowledged save, or that plus the one being written when killed.
      expect([acked, acked + 1]).toContain(labels.length);
      expect(labels).toEqual(Array.from({ length: labels.length }, (_, i) => `n-${i}`));
      expect(labels.length).toBeGreaterThanOrEqual(known);
      known = labels.length;
    }
    expect(total).toBeGreaterThanOrEqual(200);
  });
});
