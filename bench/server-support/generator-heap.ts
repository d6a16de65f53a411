import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8's gc() for this process, without asking whoever starts the bench for --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full collection of the load generator's own heap before a timed phase. The benches run in one
 * process, and what the earlier ones leave (the admin bench's 100,000 seeded rows, the scans' pixels)
 * otherwise gets collected whenever V8 decides: in runs BG and BJ a major GC landed inside the SQLite TOTP
 * phase (17 and 18 generator pauses where others had 3 or 4), at the moment of the phase's one stall, with
 * its concurrent marking threads sharing the two cores with the service. Stalls came without it too (BM,
 * BQ; README, Benchmarks), so this removes one cause, not all. The service's own heap is left alone: its
 * collections are part of what is measured.
 */
export function collectGeneratorHeap(): void {
  gc();
}
