/**
 * The SQLite WAL RESTARTs and how long each held the service's writes, on the load generator's clock: so a
 * stall in a fixed-rate phase can be told apart from a slow checkpoint fsync. src/server/db/wal-checkpointer.ts
 * logs them with `walRestartMs`; the bench's services warn on every one (TWOFOLD_SQLITE_SLOW_RESTART_MS=0).
 */

/** A RESTART's hold, ending at `end` (ms on the collector's clock). */
export interface WalRestart {
  readonly end: number;
  readonly ms: number;
  readonly pastHoldLimit: boolean;
}

/** One pino line as a RESTART, or undefined for any other line. `origin` is the collector's clock's epoch (ms). */
export function parseRestartLine(line: string, origin: number): WalRestart | undefined {
  if (!line.includes('"walRestartMs"')) return undefined;
  try {
    const { time, walRestartMs, pastHoldLimit } = JSON.parse(line) as Record<string, unknown>;
    if (typeof time !== 'number' || typeof walRestartMs !== 'number') return undefined;
    return { end: time - origin, ms: walRestartMs, pastHoldLimit: pastHoldLimit === true };
  } catch {
    return undefined;
  }
}

export type RestartTrace = ReturnType<typeof restartTrace>;

/** Collects a service's RESTART lines as they arrive; pino's `time` is the epoch, shared by every process here. */
export function restartTrace(origin: number = performance.timeOrigin) {
  const restarts: WalRestart[] = [];
  return {
    line(text: string) {
      const restart = parseRestartLine(text, origin);
      if (restart) restarts.push(restart);
    },
    /** The RESTARTs whose hold overlapped `from`–`to` (the collector's clock, ms). */
    between(from: number, to: number): WalRestart[] {
      return restarts.filter((r) => r.end >= from && r.end - r.ms <= to);
    },
  };
}

/** "; WAL restarts: 1, longest 412 ms (past the hold limit) at 5.2 s" for a phase from `from`. */
export function restartNote(restarts: readonly WalRestart[], from: number): string {
  if (restarts.length === 0) return '; WAL restarts: none';
  const longest = restarts.reduce((a, b) => (b.ms > a.ms ? b : a));
  const at = Math.max(0, (longest.end - longest.ms - from) / 1000);
  return (
    `; WAL restarts: ${restarts.length}, longest ${longest.ms.toFixed(0)} ms` +
    `${longest.pastHoldLimit ? ' (past the hold limit)' : ''} at ${at.toFixed(1)} s`
  );
}
