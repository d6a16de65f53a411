import type { Handlers } from '../shared/ipc';
import { contract, events } from '../shared/ipc';
import type { VaultStatus } from '../shared/ipc/vault';
import { type AppHost, createAppHandlers } from './app-handlers';
import type { FetchLike } from './console/client';
import { createConsole, type VaultCodeLookup } from './console/handlers';
import { Dispatcher, type Logger } from './ipc/dispatcher';

/** Who is calling: the Electron window or the loopback test bridge. Handlers behave the same for both. */
export interface IpcContext {
  readonly via: 'electron' | 'bridge';
}

/** The part of the authenticator core (src/main/core) the window needs. */
export interface CoreHandle {
  readonly handlers: {
    readonly vault: Handlers<typeof contract.vault, IpcContext>;
    readonly accounts: Handlers<typeof contract.accounts, IpcContext>;
    readonly codes: Handlers<typeof contract.codes, IpcContext>;
    readonly import: Handlers<typeof contract.import, IpcContext>;
    readonly export: Handlers<typeof contract.export, IpcContext>;
  };
  onVaultChanged(listener: (status: VaultStatus) => void): () => void;
  readonly codeFor: VaultCodeLookup;
  dispose(): void | Promise<void>;
}

/** Pushes an event to the renderer (webContents.send, or the bridge's event stream). */
export type EventSink = (event: string, payload: unknown) => void;

export interface ComposeOptions {
  readonly core: CoreHandle;
  readonly app: AppHost;
  readonly log: Logger;
  readonly emit: EventSink;
  readonly fetch?: FetchLike;
  readonly defaultServiceUrl?: string;
}

/**
 * The composition root: one Dispatcher serving every contract channel. The
 * Electron adapter and the test bridge both build it here, so the browser
 * tests exercise exactly the handlers the app registers.
 */
export function composeDispatcher(opts: ComposeOptions) {
  const consoleService = createConsole<IpcContext>({
    vaultCode: opts.core.codeFor,
    fetch: opts.fetch,
    defaultServiceUrl: opts.defaultServiceUrl,
  });
  const dispatcher = new Dispatcher<IpcContext>(opts.log)
    .register(contract.app, createAppHandlers<IpcContext>(opts.app))
    .register(contract.vault, opts.core.handlers.vault)
    .register(contract.accounts, opts.core.handlers.accounts)
    .register(contract.codes, opts.core.handlers.codes)
    .register(contract.import, opts.core.handlers.import)
    .register(contract.export, opts.core.handlers.export)
    .register(contract.console, consoleService.handlers);
  const unsubscribe = opts.core.onVaultChanged((status) => opts.emit(events.vault.changed.name, status));
  return {
    dispatcher,
    console: consoleService,
    async dispose() {
      unsubscribe();
      consoleService.forget();
      await opts.core.dispose();
    },
  };
}

export type Composition = ReturnType<typeof composeDispatcher>;
