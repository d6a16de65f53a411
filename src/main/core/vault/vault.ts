/**
 * The vault's state machine: absent → locked ⇄ unlocked. While unlocked it
 * holds the vault key and the decrypted accounts; locking zeroes both. Every
 * change is one atomic rewrite of the file, one at a time.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/result';
import type { Account } from '../model';
import { forgetCodeKeys } from '../otp/codes';
import { removeStaleTemps, writeFileAtomic } from './atomic';
import { newKdfParams } from './crypto';
import { withFileLock } from './file-lock';
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
  /** The file as this process last read or wrote it: another process's write shows as a change. */
  seen: Seen;
}

interface Seen {
  readonly digest: string;
  readonly mtimeMs: number;
  readonly size: number;
}

const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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
    return (await this.read())?.file ?? null;
  }

  private async read(): Promise<{ file: VaultFile; seen: Seen } | null> {
    let bytes: Buffer;
    let info: { mtimeMs: number; size: number };
    try {
      bytes = await readFile(this.path);
      info = await stat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError(
        'vault_unreadable',
        `The vault file ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
    const seen = { digest: digestOf(bytes), mtimeMs: info.mtimeMs, size: info.size };
    return { file: parseVaultFile(bytes, this.path), seen };
  }

  /** Writes the vault as this process holds it, under the cross-process lock the caller has taken. */
  private async write(o: Open, slots: Slot[], accounts: readonly Account[], backup: boolean): Promise<Seen> {
    const bytes = sealVault(o.vaultId, slots, o.key, accounts);
    await writeFileAtomic(this.path, bytes, { backup });
    const info = await stat(this.path);
    return { digest: digestOf(bytes), mtimeMs: info.mtimeMs, size: info.size };
  }

  /**
   * Takes in what another process (the CLI, or the app while the CLI runs) wrote since this one last
   * read or wrote the file, so that nothing it added is overwritten. Needs the open vault.
   */
  private async catchUp(o: Open, thorough: boolean): Promise<boolean> {
    if (!thorough) {
      const info = await stat(this.path).catch(() => null);
      if (info && info.mtimeMs === o.seen.mtimeMs && info.size === o.seen.size) return false;
    }
    const now = await this.read();
    if (!now)
      throw new AppError(
        'vault_absent',
        `The vault file ${this.path} was removed while it was open. Lock and start again.`,
      );
    if (now.seen.digest === o.seen.digest) {
      o.seen = now.seen;
      return false;
    }
    if (now.file.vaultId !== o.vaultId)
      throw new AppError(
        'vault_replaced',
        `The vault file ${this.path} was replaced by another vault while this one was open. Lock and unlock again.`,
      );
    const accounts = openBody(now.file, o.key, this.path);
    // The code generator's per-key states belong to the secrets being replaced: they go with them.
    forgetCodeKeys();
    for (const a of o.accounts) a.secret.fill(0);
    o.accounts = accounts;
    o.slots = now.file.slots;
    o.seen = now.seen;
    return true;
  }

  /**
   * Reloads the accounts when another process changed the file; cheap (one stat) when none did.
   * Answers whether anything changed.
   */
  refresh(): Promise<boolean> {
    return this.serial(async () => (this.open ? this.catchUp(this.open, false) : false));
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
    const created: Open = { vaultId, key, slots, accounts: [], seen: { digest: '', mtimeMs: 0, size: 0 } };
    await withFileLock(this.path, async () => {
      if (await this.readHeader().catch(() => true))
        throw new AppError('vault_exists', `A vault already exists at ${this.path}.`);
      created.seen = await this.write(created, slots, [], false);
    });
    this.open = created;
  }

  /** Called while the lock screen shows: the keychain connection is opened before the user asks to unlock. */
  warmKeychain(header: VaultFile): void {
    if (header.slots.some((s) => s.kind === 'keychain')) this.keychain.warm?.(header.vaultId);
  }

  async unlock(passphrase?: string): Promise<void> {
    const read = await this.read();
    if (!read) throw new AppError('vault_absent', `There is no vault at ${this.path} yet. Create one first.`);
    const { file, seen } = read;
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
    // Under the lock, so a temp file that another process is about to rename is never taken for a crash's.
    await withFileLock(this.path, () => removeStaleTemps(this.path), 200).catch(() => undefined);
    this.lock();
    this.open = { vaultId: file.vaultId, key, slots: file.slots, accounts, seen };
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
    return this.serial(() => {
      const o = this.require();
      return withFileLock(this.path, async () => {
        await this.catchUp(o, true);
        const { accounts, result } = change(o.accounts);
        accounts.sort((a, b) => a.sortOrder - b.sortOrder);
        const seen = await this.write(o, o.slots, accounts, true);
        if (this.open === o) {
          o.accounts = accounts;
          o.seen = seen;
        }
        return result;
      });
    });
  }

  /** Adds the passphrase slot, or replaces it: the key stays the same, only its wrapping changes. */
  setPassphrase(passphrase: string): Promise<void> {
    return this.serial(async () => {
      const o = this.require();
      const slot = await passphraseSlot(o.vaultId, o.key, passphrase, newKdfParams());
      await withFileLock(this.path, async () => {
        await this.catchUp(o, true);
        const slots = [...o.slots.filter((s) => s.kind !== 'passphrase'), slot];
        o.seen = await this.write(o, slots, o.accounts, true);
        o.slots = slots;
      });
    });
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
