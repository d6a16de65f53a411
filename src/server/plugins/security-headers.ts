import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet sets for these options, in its order, and the ones it removes. */
export interface SecurityHeaders {
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
  readonly removed: readonly string[];
}

/**
 * Runs helmet's middleware once against a recording response. helmet's headers
 * depend on its options only (it never reads the request), so every reply can
 * get this same list.
 */
export function securityHeaders(options: HelmetOptions): SecurityHeaders {
  const set = new Map<string, string>();
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      set.set(name, String(value));
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.push(name);
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  // helmet's middlewares are synchronous; if a future one is not, fail at start-up rather than send fewer headers.
  if (!finished) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return { set: [...set], removed };
}

/**
 * helmet's headers on every reply, errors and 404s included. @fastify/helmet
 * calls helmet(options) on every request, which builds each middleware and
 * parses the CSP again (about 4 % of the TOTP step's CPU); here that happens
 * once, at start-up.
 */
export default fp<HelmetOptions>(
  async (app, options) => {
    const { set, removed } = securityHeaders(options);
    app.addHook('onRequest', (_request, reply, done) => {
      const res = reply.raw;
      for (const name of removed) res.removeHeader(name);
      for (const [name, value] of set) res.setHeader(name, value);
      done();
    });
  },
  { name: 'twofold-security-headers' },
);
