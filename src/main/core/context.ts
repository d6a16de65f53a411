/**
 * The core's shared state: the vault, the import session, the decoder, the
 * ports, the auto-lock timer and the status listeners. Handlers for each
 * feature are built on one of these.
 */
import type { VaultStatus } from '../../shared/ipc/vault';
import type { Logger } from '../ipc/dispatcher';
import { ImportSession } from './importer/session';
import type { Account } from './model';
import type { ClipboardPort, SaveFilePort, ScreenCapturePort } from './ports';
import { QrDecoder } from './qr/decoder';
import { DEFAULT_SETTINGS, loadSettings, type Settings, saveSettings } from './settings';
import type { KeychainPort } from './vault/keychain';
import { Vault } from './vault/vault';

export interface CoreOptions {
  readonly home: string;
  readonly keychain: KeychainPort;
  readonly clipboard: ClipboardPort;
  readonly screens: ScreenCapturePort;
  readonly files: SaveFilePort;
  readonly now: () => number;
  readonly log: Logger;
  readonly clipboardClearSeconds?: number;
}

export class CoreContext {
  readonly vault: Vault;
  readonly session = new ImportSession();
  readonly decoder = new QrDecoder();
  /** Removed accounts kept for undo, by token. Cleared on lock. */
  readonly undo = new Map<string, { account: Account; timer: NodeJS.Timeout }>();
  private settings: Settings = { ...DEFAULT_SETTINGS };
  private settingsLoaded: Promise<void>;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(s: VaultStatus) => void>();
  private readonly cleanups = new Set<() => void>();

  constructor(readonly opts: CoreOptions) {
    this.vault = new Vault(opts.home, opts.keychain);
    this.settingsLoaded = loadSettings(opts.home).then((s) => {
      this.settings = s;
    });
  }

  get log(): Logger {
    return this.opts.log;
  }

  now(): number {
    return this.opts.now();
  }

  async status(): Promise<VaultStatus> {
    await this.settingsLoaded;
    const base = { vaultPath: this.vault.path, autoLockSeconds: this.settings.autoLockSeconds };
    if (this.vault.unlocked)
      return {
        ...base,
        state: 'unlocked',
        slots: this.vault.slots.map((s) => s.kind),
        accountCount: this.vault.accounts().length,
      };
    const header = await this.vault.readHeader().catch(() => undefined);
    // A file that cannot be parsed still exists: it shows as locked, and unlocking names the problem.
    if (header === null) return { ...base, state: 'absent', slots: [], accountCount: null };
    if (header) this.vault.warmKeychain(header);
    return { ...base, state: 'locked', slots: header ? header.slots.map((s) => s.kind) : [], accountCount: null };
  }

  /**
   * Takes in accounts another process (the CLI) wrote, and tells listeners, so the window shows them.
   * Locked: nothing to do; the next unlock reads the file anyway.
   */
  async refreshVault(): Promise<void> {
    if (this.vault.unlocked && (await this.vault.refresh())) await this.changed();
  }

  onChanged(listener: (s: VaultStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners the status changed; returns the status for the caller's reply. */
  async changed(): Promise<VaultStatus> {
    const s = await this.status();
    for (const l of this.listeners) l(s);
    return s;
  }

  /** Restarts the idle timer; after it fires the key and every decrypted secret are dropped. */
  touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const seconds = this.settings.autoLockSeconds;
    if (!this.vault.unlocked || seconds === 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.vault.unlocked) return;
      this.lock();
      this.log.info('vault auto-locked', { afterSeconds: seconds });
      void this.changed();
    }, seconds * 1000);
    this.idleTimer.unref();
  }

  async setAutoLock(seconds: number): Promise<void> {
    await this.settingsLoaded;
    this.settings = { ...this.settings, autoLockSeconds: seconds };
    await saveSettings(this.opts.home, this.settings);
    this.touch();
  }

  lock(): void {
    this.vault.lock();
    this.session.clear();
    for (const u of this.undo.values()) {
      clearTimeout(u.timer);
      u.account.secret.fill(0);
    }
    this.undo.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Registers something to stop on dispose (timers that would otherwise keep a process alive). */
  addCleanup(fn: () => void): () => void {
    this.cleanups.add(fn);
    return () => this.cleanups.delete(fn);
  }

  async dispose(): Promise<void> {
    for (const fn of this.cleanups) fn();
    this.cleanups.clear();
    this.lock();
    this.listeners.clear();
    await this.decoder.close();
  }
}
