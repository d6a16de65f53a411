import autocannon, { type AutocannonRequest } from 'autocannon';
import { percentile } from '../types';

export interface LoadResult {
  /** Completed 2xx responses per second over the run. */
  rate: number;
  ok: number;
  failed: number;
  seconds: number;
  /** Raw response times (ms) of 2xx responses, as autocannon measured them. */
  latencies: number[];
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
}

/**
 * Drives the service from this process (a second process to the server) on
 * loopback. `next` builds each request, so that every request can carry its own
 * user, challenge or code. Bounded by `seconds` or `amount`, whichever is given.
 */
export async function load(opts: {
  url: string;
  next: () => AutocannonRequest;
  connections: number;
  seconds?: number;
  amount?: number;
  rate?: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    timeout: 30,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 10 }),
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [{ setupRequest: (request) => ({ ...request, ...opts.next() }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      ok++;
      latencies.push(ms);
    } else failed++;
  });
  await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    rate: ok / seconds,
    ok,
    failed,
    seconds,
    latencies,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
  };
}

export const json = (method: string, path: string, body?: unknown, token?: string): AutocannonRequest => ({
  method,
  path,
  headers: {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
