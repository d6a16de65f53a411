/**
 * The service's own garbage-collection pauses, from its `--trace-gc` lines, on the load generator's clock:
 * so a stall in a fixed-rate phase can be told apart from a pause of the service's event loop.
 */

export interface GcPause {
  /** When the pause ended, in ms on the isolate's clock (since it started). */
  readonly at: number;
  /** The main thread's pause in ms (a major GC's earlier incremental marking steps are not in it). */
  readonly ms: number;
  readonly kind: string;
}

// [670:0x32b4eee0]       31 ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, 1.49 / 0.00 ms  (average mu = …
// [678:0x380e2eb0]      347 ms: Mark-Compact 77.9 (97.3) -> 63.4 (98.1) MB, 16.99 / 0.00 ms  (+ 59.1 ms in 113 steps since start of marking, biggest step 8.2 ms, …
const LINE =
  /^\[\d+:0x[0-9a-f]+\]\s+(\d+(?:\.\d+)?) ms: ([A-Za-z -]+?)(?: \([a-z ]+\))? [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, ([\d.]+) \/ [\d.]+ ms/;

/** One `--trace-gc` line as a pause, or undefined for any other line. */
export function parseGcLine(line: string): GcPause | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const [, at, kind, pause] = match as unknown as [string, string, string, string];
  return { at: Number(at), ms: Number(pause), kind };
}

/** A pause with its end on the collector's clock (ms). */
export type TimedGcPause = GcPause & { readonly end: number };

export type GcTrace = ReturnType<typeof gcTrace>;

/**
 * Collects a process's trace lines as they arrive. A line's isolate time maps to the collector's clock by the
 * smallest gap seen between a line's arrival and its own time stamp (a line never arrives before it is written).
 */
export function gcTrace(now: () => number = () => performance.now()) {
  const pauses: GcPause[] = [];
  let offset = Number.POSITIVE_INFINITY;
  return {
    line(text: string) {
      const pause = parseGcLine(text);
      if (!pause) return;
      offset = Math.min(offset, now() - pause.at);
      pauses.push(pause);
    },
    /** The pauses that ended between `from` and `to` (the collector's clock, ms). */
    between(from: number, to: number): TimedGcPause[] {
      if (!Number.isFinite(offset)) return [];
      return pauses.map((p) => ({ ...p, end: p.at + offset })).filter((p) => p.end >= from && p.end - p.ms <= to);
    },
  };
}

/** "; the service's GC: 41 pauses, 38 ms, longest 12.0 ms (Mark-Compact) at 5.5 s" for a phase starting at `from`. */
export function gcNote(pauses: readonly TimedGcPause[], from: number): string {
  if (pauses.length === 0) return "; the service's GC: no pause";
  const total = pauses.reduce((sum, p) => sum + p.ms, 0);
  const longest = pauses.reduce((a, b) => (b.ms > a.ms ? b : a));
  const at = Math.max(0, (longest.end - longest.ms - from) / 1000);
  return (
    `; the service's GC: ${pauses.length} pauses, ${total.toFixed(0)} ms, ` +
    `longest ${longest.ms.toFixed(1)} ms (${longest.kind}) at ${at.toFixed(1)} s`
  );
}
