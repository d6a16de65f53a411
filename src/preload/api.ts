import type { BoundChannels, BoundEvents, ChannelRecord, EventRecord } from '../shared/ipc';
import { contract, events } from '../shared/ipc';
import type { Result } from '../shared/result';

/**
 * How the API reaches main: Electron's ipcRenderer in the preload, or the
 * loopback test bridge in a browser. Nothing else differs between the two.
 */
export interface Transport {
  invoke(channel: string, args: unknown): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

function bindChannels<R extends ChannelRecord>(transport: Transport, record: R): BoundChannels<R> {
  const bound: Record<string, unknown> = {};
  for (const [key, channel] of Object.entries(record)) {
    bound[key] = (args?: unknown) => transport.invoke(channel.name, args);
  }
  return bound as BoundChannels<R>;
}

function bindEvents<R extends EventRecord>(transport: Transport, record: R): BoundEvents<R> {
  const bound: Record<string, unknown> = {};
  for (const [key, event] of Object.entries(record)) {
    bound[key] = (listener: (payload: unknown) => void) => transport.subscribe(event.name, listener);
  }
  return bound as BoundEvents<R>;
}

/** Builds the narrow, feature-grouped API the renderer sees as `window.twofold`. */
export function createApi(transport: Transport) {
  return {
    app: bindChannels(transport, contract.app),
    vault: bindChannels(transport, contract.vault),
    accounts: bindChannels(transport, contract.accounts),
    codes: bindChannels(transport, contract.codes),
    import: bindChannels(transport, contract.import),
    export: bindChannels(transport, contract.export),
    console: bindChannels(transport, contract.console),
    on: {
      app: bindEvents(transport, events.app),
      vault: bindEvents(transport, events.vault),
    },
  } as const;
}

/** The renderer's type for `window.twofold`, derived from the object, never written by hand. */
export type TwofoldApi = ReturnType<typeof createApi>;
