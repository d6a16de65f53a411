import { PerformanceObserver } from 'node:perf_hooks';
import { percentile } from '../types';
import { collectGeneratorHeap } from './generator-heap';
import { type Outcome, RawHttpPool, type RawRequest } from './raw-http';

export interface LoadResult {
  /** Completed 2xx responses per second over the run. */
  rate: number;
  ok: number;
  failed: number;
  seconds: number;
  /** Response times (ms) of the 2xx responses. */
  latencies: number[];
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  /** The generator's own garbage-collection pauses during a fixed-rate phase: each one delays the answers it covers. */
  generatorGc?: GeneratorGc;
}

/** How long a saturating run waits for any answer before it gives up on the ones still out. */
const STALL_MS = 30_000;

/**
 * Saturating load: `connections` keep-alive sockets, each sending its next
 * request the moment the previous answer is in (closed loop), from this process
 * (a second process to the server) on loopback. `next` builds each request, so
 * that every request can carry its own user, challenge or code. Bounded by
 * `seconds` or `amount`, whichever is given; the run ends at its last answer.
 * The requests go over raw sockets (./raw-http), as the fixed-rate phase's do:
 * the generator shares the two cores, and autocannon, which these phases used
 * before, spent 190–280 µs of CPU a request where these sockets spend 85–140.
 */
export async function load(opts: {
  url: string;
  next: () => RawRequest;
  connections: number;
  seconds?: number;
  amount?: number;
  stallMs?: number;
}): Promise<LoadResult> {
  collectGeneratorHeap();
  const answers = tally();
  const { hostname, port } = new URL(opts.url);
  const pool = new RawHttpPool(hostname, Number(port), opts.connections);
  const amount = opts.amount ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  const until = opts.seconds === undefined ? Number.POSITIVE_INFINITY : started + opts.seconds * 1000;
  let last = started;
  await new Promise<void>((resolve) => {
    let sent = 0;
    let out = 0;
    let stopped = false;
    const stall = setTimeout(stop, opts.stallMs ?? STALL_MS);
    function stop() {
      stopped = true;
      pool.close(); // the answers still out settle as 'timeout'
    }
    const fire = () => {
      sent++;
      out++;
      const at = performance.now();
      pool.send(opts.next(), (outcome: Outcome) => {
        last = performance.now();
        out--;
        answers.record(outcome, last - at);
        stall.refresh();
        if (!stopped && sent < amount && last < until) fire();
        else if (out === 0) {
          clearTimeout(stall);
          resolve();
        }
      });
    };
    for (let i = 0; i < Math.min(opts.connections, amount); i++) fire();
  });
  pool.close();
  return answers.result((last - started) / 1000);
}

/** How long after its last scheduled request a fixed-rate phase waits for the answers still out. */
const DRAIN_MS = 30_000;

/**
 * Open-loop load at a fixed rate, for latency at a given rate: the requests go out on a schedule
 * (one every 1/rate s, whatever the answers) over up to `connections` keep-alive sockets, and each
 * latency runs from the request's scheduled time, so a stall delays every request behind it in the
 * figures too (no coordinated omission). autocannon's `overallRate` is no such thing: each connection
 * sends its share of a second's budget back to back and then waits for the next second, so at 80 % of
 * the peak rate every connection is busy for most of each second and the latency is the saturated one.
 * The requests go over raw sockets (./raw-http): the generator's own CPU is the service's loss.
 */
export async function openLoad(opts: {
  url: string;
  next: () => RawRequest;
  rate: number;
  seconds: number;
  connections: number;
}): Promise<LoadResult> {
  collectGeneratorHeap();
  const answers = tally();
  const { hostname, port } = new URL(opts.url);
  const pool = new RawHttpPool(hostname, Number(port), opts.connections);
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const started = performance.now();
  const gc = gcPauses(started);
  await new Promise<void>((resolve) => {
    let sent = 0;
    let done = 0;
    const deadline = setTimeout(() => pool.close(), opts.seconds * 1000 + DRAIN_MS);
    const settle = (outcome: Outcome, scheduled: number) => {
      answers.record(outcome, performance.now() - scheduled);
      if (++done === total) {
        clearTimeout(deadline);
        resolve();
      }
    };
    const tick = () => {
      const now = performance.now();
      for (let at = started + sent * interval; sent < total && at <= now; at = started + sent * interval) {
        sent++;
        pool.send(opts.next(), (outcome) => settle(outcome, at));
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  pool.close();
  return { ...answers.result((performance.now() - started) / 1000), generatorGc: gc.stop() };
}

export interface GeneratorGc {
  count: number;
  ms: number;
  /** The longest pause, and when it began (s into the phase). */
  longest: { ms: number; at: number } | null;
}

/** Counts this process's garbage-collection pauses from `from` (performance.now()) until `stop`. */
function gcPauses(from: number) {
  const gc: GeneratorGc = { count: 0, ms: 0, longest: null };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.ms += entry.duration;
      if (entry.duration > (gc.longest?.ms ?? 0))
        gc.longest = { ms: entry.duration, at: Math.max(0, (entry.startTime - from) / 1000) };
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop(): GeneratorGc {
      observer.disconnect();
      return gc;
    },
  };
}

/** "; the generator's own GC: 4 pauses, 21 ms, longest 9.0 ms at 3.4 s" (its pauses delay the answers they cover). */
export function generatorGcNote(gc: GeneratorGc | undefined): string {
  if (!gc || gc.count === 0) return "; the generator's own GC: no pause";
  const longest = gc.longest ? `, longest ${gc.longest.ms.toFixed(1)} ms at ${gc.longest.at.toFixed(1)} s` : '';
  return `; the generator's own GC: ${gc.count} pauses, ${gc.ms.toFixed(0)} ms${longest}`;
}

/** Counts the answers as they come, and sums them up. */
function tally() {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  return {
    record(status: number | string, ms: number) {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (typeof status === 'number' && status >= 200 && status < 300) {
        ok++;
        latencies.push(ms);
      } else failed++;
    },
    result(seconds: number): LoadResult {
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
    },
  };
}

export const json = (method: string, path: string, body?: unknown, token?: string): RawRequest => ({
  method,
  path,
  headers: {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
