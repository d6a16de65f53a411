/** One measured figure. Medians unless the metric says otherwise; peers are measured in the same run. */
export interface BenchRow {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The peer the issue names, measured on the same input in the same run. */
  readonly peer?: { readonly name: string; readonly value: number; readonly unit?: string; readonly note?: string };
  /** The target as text, e.g. "≤ 100 ms" or "≥ 10× jsQR". */
  readonly target?: string;
  readonly pass?: boolean;
  readonly note?: string;
}

export interface BenchContext {
  /** Admin URL of the throwaway PostgreSQL cluster, when scripts/with-services.sh started one. */
  readonly pgUrl: string | undefined;
  /** True when a Secret Service (gnome-keyring) is available on the session bus. */
  readonly keyring: boolean;
  readonly log: (line: string) => void;
}

/** Each bench/*.bench.ts default-exports one of these. */
export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}
