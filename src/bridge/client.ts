import { createApi, type Transport } from '../preload/api';
import type { Result } from '../shared/result';
import { decode, encode } from './codec';

/**
 * The browser half of the test bridge: the same `createApi` the preload uses,
 * over HTTP POST (invoke) and server-sent events (subscriptions). The page is
 * served under /<token>/, so every request carries the token in its path.
 */
const token = location.pathname.split('/')[1] ?? '';
const base = `/${token}/api`;

const listeners = new Map<string, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function ensureEvents(): void {
  if (source) return;
  source = new EventSource(`${base}/events`);
  source.onmessage = (message) => {
    const { event, payload } = decode(message.data as string) as { event: string; payload: unknown };
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
}

const transport: Transport = {
  async invoke(channel, args) {
    try {
      const response = await fetch(`${base}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: encode({ channel, args }),
      });
      return decode(await response.text()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'bridge_unreachable', message: 'The test bridge is not answering.' } };
    }
  },
  subscribe(event, listener) {
    ensureEvents();
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
};

Object.defineProperty(window, 'twofold', { value: createApi(transport), writable: false, configurable: false });
