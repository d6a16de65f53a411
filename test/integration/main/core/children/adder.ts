/**
 * Child process for the concurrency test: opens the vault in argv[2] with the passphrase in
 * TWOFOLD_TEST_PASSPHRASE and adds argv[4] accounts labelled `<argv[3]>-<i>`, one write each,
 * as the CLI would while the app has the same vault open.
 */
import { Vault } from '../../../../../src/main/core/vault/vault';
import { passphraseOnly, testAccount } from '../vault-fixtures';

const [home, prefix, count] = process.argv.slice(2) as [string, string, string];
const vault = new Vault(home, passphraseOnly);
await vault.unlock(process.env.TWOFOLD_TEST_PASSPHRASE);
for (let i = 0; i < Number(count); i++) {
  await vault.update((accounts) => ({
    accounts: [...accounts, testAccount('Concurrent', `${prefix}-${i}`, i, accounts.length)],
    result: null,
  }));
}
vault.lock();
