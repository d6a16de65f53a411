/**
 * Child process for the crash test: opens the vault in argv[2] with the passphrase in
 * TWOFOLD_TEST_PASSPHRASE, then saves one more account after another, printing
 * "saved <count>" after each save has returned, until it is killed.
 */
import { randomUUID } from 'node:crypto';
import type { KeychainPort } from '../../../../../src/main/core/vault/keychain';
import { Vault } from '../../../../../src/main/core/vault/vault';

const noKeychain: KeychainPort = {
  getKey: () => Promise.reject(new Error('the crash test uses the passphrase slot')),
  setKey: () => Promise.reject(new Error('the crash test uses the passphrase slot')),
  deleteKey: () => Promise.reject(new Error('the crash test uses the passphrase slot')),
};

const vault = new Vault(process.argv[2] as string, noKeychain);
await vault.unlock(process.env.TWOFOLD_TEST_PASSPHRASE);
process.stdout.write('ready\n');
for (;;) {
  const count = await vault.update((accounts) => {
    const n = accounts.length;
    const stamp = new Date().toISOString();
    const secret = new Uint8Array(20).fill(n & 255);
    const next = {
      id: randomUUID(),
      issuer: 'Crash',
      label: `n-${n}`,
      type: 'totp' as const,
      algorithm: 'SHA1' as const,
    };
    const account = {
      ...next,
      digits: 6,
      period: 30,
      counter: 0,
      secret,
      group: null,
      sortOrder: n,
      createdAt: stamp,
      updatedAt: stamp,
    };
    return { accounts: [...accounts, account], result: n + 1 };
  });
  process.stdout.write(`saved ${count}\n`);
}
