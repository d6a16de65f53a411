/**
 * Child process for the concurrency test: opens the vault in argv[2] with the passphrase in
 * TWOFOLD_TEST_PASSPHRASE and adds argv[4] accounts labelled `<argv[3]>-<i>`, one write each,
 * as the CLI would while the app has the same vault open.
 */
import { randomUUID } from 'node:crypto';
import type { KeychainPort } from '../../../../../src/main/core/vault/keychain';
import { Vault } from '../../../../../src/main/core/vault/vault';

const noKeychain: KeychainPort = {
  getKey: () => Promise.reject(new Error('the concurrency test uses the passphrase slot')),
  setKey: () => Promise.reject(new Error('the concurrency test uses the passphrase slot')),
  deleteKey: () => Promise.reject(new Error('the concurrency test uses the passphrase slot')),
};

const [home, prefix, count] = process.argv.slice(2) as [string, string, string];
const vault = new Vault(home, noKeychain);
await vault.unlock(process.env.TWOFOLD_TEST_PASSPHRASE);
for (let i = 0; i < Number(count); i++) {
  await vault.update((accounts) => {
    const stamp = new Date().toISOString();
    const account = {
      id: randomUUID(),
      issuer: 'Concurrent',
      label: `${prefix}-${i}`,
      type: 'totp' as const,
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
      secret: new Uint8Array(20).fill(i),
      group: null,
      sortOrder: accounts.length,
      createdAt: stamp,
      updatedAt: stamp,
    };
    return { accounts: [...accounts, account], result: null };
  });
}
vault.lock();
