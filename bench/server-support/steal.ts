import { readFileSync } from 'node:fs';

/** The machine's CPU counters from /proc/stat's first line: [all time, steal] in clock ticks. */
export function parseCpuLine(stat: string): { total: number; steal: number } | undefined {
  const line = stat.split('\n', 1)[0] ?? '';
  if (!line.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal [guest guest_nice], guest time already counted in user
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] as number };
}

function read(): { total: number; steal: number } | undefined {
  try {
    return parseCpuLine(readFileSync('/proc/stat', 'latin1'));
  } catch {
    return undefined; // not Linux
  }
}

/**
 * The share of the machine's CPU time that the hypervisor gave to someone else (steal) between now and
 * `stop()`, in percent; undefined where /proc/stat does not say. On this VM it is about 1 % when idle and
 * 10–40 % in its slow stretches under load, where most of the TOTP bench's tail latencies fall (docs/service.md).
 */
export function stealMeter(): { stop(): number | undefined } {
  const start = read();
  return {
    stop() {
      const end = read();
      if (!start || !end || end.total <= start.total) return undefined;
      return (100 * (end.steal - start.steal)) / (end.total - start.total);
    },
  };
}

/** Runs `work` and answers its result with the steal share over it (see stealMeter). */
export async function withSteal<T>(work: () => Promise<T>): Promise<[T, number | undefined]> {
  const meter = stealMeter();
  const result = await work();
  return [result, meter.stop()];
}

/** "; hypervisor steal 12 %" for a row's note, or nothing where it is unknown. */
export const stealNote = (share: number | undefined, what = 'hypervisor steal') =>
  share === undefined ? '' : `; ${what} ${share.toFixed(0)} %`;
