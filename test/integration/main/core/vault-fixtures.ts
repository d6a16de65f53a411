/**
 * What the passphrase-slot vault tests (and their child processes) share: a keychain that holds
 * nothing, and a plain TOTP account. Free of vitest, so children can import it.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../../../src/main/core/model';
import type { KeychainPort } from '../../../../src/main/core/vault/keychain';
import { totpParams } from '../../../support/otp-params';

/** These vaults open with their passphrase; the keychain is never asked for a key it could give. */
export const passphraseOnly: KeychainPort = {
  getKey: async () => null,
  setKey: () => Promise.reject(new Error('passphrase slot only')),
  deleteKey: async () => undefined,
};

/** A plain TOTP account at `sortOrder`, its secret 20 bytes of `fill`. */
export function testAccount(issuer: string, label: string, fill: number, sortOrder: number): Account {
  const stamp = new Date().toISOString();
  return {
    ...totpParams(issuer, label, fill),
    id: randomUUID(),
    group: null,
    sortOrder,
    createdAt: stamp,
    updatedAt: stamp,
  };
}
