/**
 * The vault's state machine: absent → locked ⇄ unlocked. While unlocked it
 * holds the vault key and the decrypted accounts; locking zeroes both. Every
 * change is one atomic rewrite of the file, one at a time.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/result';
import type { Account } from '../model';
import { forgetCodeKeys } from '../otp/codes';
import { removeStaleTemps, writeFileAtomic } from './atomic';
import { newKdfParams } from './crypto';
import {
  openBody,
  parseVaultFile,
  passphraseSlot,
  type Slot,
  sealVault,
  unwrapPassphraseSlot,
  type VaultFile,
} from './format';
import type { KeychainPort } from './keychain';

export const VAULT_FILE = 'vault.twofold';

interface Open {
  readonly vaultId: string;
  key: Uint8Array;
  slots: Slot[];
  accounts: Account[];
}

export class Vault {
  readonly path: string;
  private open: Open | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly home: string,
    private readonly keychain: KeychainPort,
  ) {
    this.path = join(home, VAULT_FILE);
  }

  get unlocked(): boolean {
    return this.open !== null;
  }

  /** The header, or null when there is no vault yet. Throws vault_tampered for an unreadable file. */
  async readHeader(): Promise<VaultFile | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError(
        'vault_unreadable',
        `The vault file ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
    return parseVaultFile(bytes, this.path);
  }

  async create(opts: { passphrase?: string; useKeychain: boolean }): Promise<void> {
    if (!opts.useKeychain && !opts.passphrase)
      throw new AppError(
        'passphrase_required',
        'Without the keychain, the vault needs a passphrase to protect its key.',
      );
    if (await this.readHeader().catch(() => true))
      throw new AppError('vault_exists', `A vault already exists at ${this.path}.`);
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    const vaultId = randomUUID();
    const key = new Uint8Array(randomBytes(32));
    const slots: Slot[] = [];
    if (opts.useKeychain) {
      await this.keychain.setKey(vaultId, key);
      slots.push({ kind: 'keychain' });
    }
    if (opts.passphrase) slots.push(await passphraseSlot(vaultId, key, opts.passphrase, newKdfParams()));
    await writeFileAtomic(this.path, sealVault(vaultId, slots, key, []), { backup: false });
    this.open = { vaultId, key, slots, accounts: [] };
  }

  /** Called while the lock screen shows: the keychain connection is opened before the user asks to unlock. */
  warmKeychain(header: VaultFile): void {
    if (header.slots.some((s) => s.kind === 'keychain')) this.keychain.warm?.(header.vaultId);
  }

  async unlock(passphrase?: string): Promise<void> {
    const file = await this.readHeader();
    if (!file) throw new AppError('vault_absent', `There is no vault at ${this.path} yet. Create one first.`);
    let key: Uint8Array | null;
    if (passphrase !== undefined) {
      const slot = file.slots.find((s) => s.kind === 'passphrase');
      if (slot?.kind !== 'passphrase')
        throw new AppError(
          'no_passphrase_slot',
          'This vault has no passphrase; it opens with the system keychain only.',
        );
      key = await unwrapPassphraseSlot(file.vaultId, slot, passphrase);
      if (!key)
        throw new AppError('wrong_passphrase', 'That passphrase does not open this vault. Check it and try again.');
    } else {
      if (!file.slots.some((s) => s.kind === 'keychain'))
        throw new AppError(
          'passphrase_required',
          'This vault opens with its passphrase. Enter it to unlock (on the command line: --passphrase-stdin).',
        );
      key = await this.keychain.getKey(file.vaultId);
      if (key?.length !== 32)
        throw new AppError(
          'keychain_key_missing',
          'The system keychain has no key for this vault (the entry was removed, or this is another user or machine). Open the vault with its passphrase instead.',
        );
    }
    const accounts = openBody(file, key, this.path);
    await removeStaleTemps(this.path);
    this.lock();
    this.open = { vaultId: file.vaultId, key, slots: file.slots, accounts };
  }

  /** Drops the key and zeroes every decrypted secret, and the code generator's per-key HMAC states. */
  lock(): void {
    forgetCodeKeys();
    if (!this.open) return;
    this.open.key.fill(0);
    for (const a of this.open.accounts) a.secret.fill(0);
    this.open = null;
  }

  private require(): Open {
    if (!this.open) throw new AppError('vault_locked', 'The vault is locked. Unlock it to continue.');
    return this.open;
  }

  get vaultId(): string {
    return this.require().vaultId;
  }

  get slots(): readonly Slot[] {
    return this.require().slots;
  }

  /** The decrypted accounts, sorted. Main-internal only: they carry secrets. */
  accounts(): readonly Account[] {
    return this.require().accounts;
  }

  /**
   * Applies a change and persists it atomically; in memory only once the file is written.
   * Changes run one at a time so two quick edits cannot overwrite each other.
   */
  update<T>(change: (accounts: readonly Account[]) => { accounts: Account[]; result: T }): Promise<T> {
    return this.serial(async () => {
      const o = this.require();
      const { accounts, result } = change(o.accounts);
      accounts.sort((a, b) => a.sortOrder - b.sortOrder);
      await writeFileAtomic(this.path, sealVault(o.vaultId, o.slots, o.key, accounts), { backup: true });
      if (this.open === o) o.accounts = accounts;
      return result;
    });
  }

  /** Adds the passphrase slot, or replaces it: the key stays the same, only its wrapping changes. */
  setPassphrase(passphrase: string): Promise<void> {
    return this.serial(async () => {
      const o = this.require();
      const slot = await passphraseSlot(o.vaultId, o.key, passphrase, newKdfParams());
      const slots = [...o.slots.filter((s) => s.kind !== 'passphrase'), slot];
      await writeFileAtomic(this.path, sealVault(o.vaultId, slots, o.key, o.accounts), { backup: true });
      o.slots = slots;
    });
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
