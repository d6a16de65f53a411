/**
 * A local-average binariser for screens: the algorithm of zxing's
 * HybridBinarizer (its `LocalAverage`), run before zxing so that zxing only
 * has to read a picture that is already black and white (its `FixedThreshold`
 * at 127). Every step also exists in WebAssembly (luminance.wat: the two
 * per-pixel passes in SIMD, the per-block steps as plain loops); this file is
 * their reference, and a test checks that both give the same bytes.
 *
 * The picture is cut into 8×8 blocks, the last row and column moved in so
 * they end at the picture's edge. A block with some contrast has its mean as
 * its black point; a flat one is taken for background (half its darkest
 * pixel) unless its neighbours above and to the left say it lies inside a
 * dark area. Each pixel is then compared with the mean black point of the
 * 5×5 blocks around its own: at most that is dark (0), above it light (255).
 */

export const BLOCK = 8;
/** Below this a picture has fewer than 5×5 blocks: it is left to zxing's own binarisers. */
export const MIN_SIDE = BLOCK * 5;
/** A block whose lightest and darkest pixels differ by no more than this is flat. */
const MIN_DYNAMIC_RANGE = 24;

export interface BlockGrid {
  /** Blocks per row and per column. */
  cols: number;
  rows: number;
}

export function blockGrid(width: number, height: number): BlockGrid {
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw new RangeError(`local threshold needs at least ${MIN_SIDE}×${MIN_SIDE} pixels`);
  return { cols: Math.ceil(width / BLOCK), rows: Math.ceil(height / BLOCK) };
}

/** Where block (bx, by) starts: 8 apart, the last ones moved in to end at the edge. */
function blockStart(b: number, side: number): number {
  return Math.min(b * BLOCK, side - BLOCK);
}

/** The black point of each block, from its pixel sum, darkest and lightest pixel. */
function blackPoints(grid: BlockGrid, sums: Uint16Array, mins: Uint8Array, maxs: Uint8Array): Uint8Array {
  const { cols, rows } = grid;
  const points = new Uint8Array(cols * rows);
  for (let y = 0, i = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++, i++) {
      const min = mins[i] as number;
      let point = (sums[i] as number) >> 6;
      if ((maxs[i] as number) - min <= MIN_DYNAMIC_RANGE) {
        point = min >> 1;
        if (y > 0 && x > 0) {
          const above = points[i - cols] as number;
          const left = points[i - 1] as number;
          const neighbours = (above + 2 * left + (points[i - cols - 1] as number)) >> 2;
          if (min < neighbours) point = neighbours;
        }
      }
      points[i] = point;
    }
  }
  return points;
}

/**
 * Each block's threshold: the mean black point of the 5×5 blocks centred on it,
 * the window moved in at the edges (so the first and last two rows and columns
 * share their neighbour's window). Running sums of five across, then down.
 */
function blockThresholds(grid: BlockGrid, points: Uint8Array, out: Uint8Array): void {
  const { cols, rows } = grid;
  const across = new Uint16Array(cols * rows);
  for (let row = 0; row < cols * rows; row += cols) {
    let sum = 0;
    for (let x = 0; x < 5; x++) sum += points[row + x] as number;
    across[row] = sum;
    across[row + 1] = sum;
    for (let x = 2; x < cols - 3; x++) {
      across[row + x] = sum;
      sum += (points[row + x + 3] as number) - (points[row + x - 2] as number);
    }
    across[row + cols - 3] = sum;
    across[row + cols - 2] = sum;
    across[row + cols - 1] = sum;
  }
  const window = new Uint16Array(cols);
  for (let y = 0; y < 5; y++)
    for (let x = 0; x < cols; x++) window[x] = (window[x] as number) + (across[y * cols + x] as number);
  for (let y = 0; y < rows; y++) {
    if (y > 2 && y < rows - 2) {
      const add = (y + 2) * cols;
      const drop = (y - 3) * cols;
      for (let x = 0; x < cols; x++)
        window[x] = (window[x] as number) + (across[add + x] as number) - (across[drop + x] as number);
    }
    for (let x = 0, i = y * cols; x < cols; x++, i++) out[i] = ((window[x] as number) / 25) | 0;
  }
}

/** The whole binariser in plain JS, in place: the reference for the SIMD passes. */
export function localThreshold(grey: Uint8Array, width: number, height: number): void {
  const grid = blockGrid(width, height);
  const count = grid.cols * grid.rows;
  const sums = new Uint16Array(count);
  const mins = new Uint8Array(count);
  const maxs = new Uint8Array(count);
  forEachBlock(grid, width, height, (i, start) => {
    let sum = 0;
    let min = 255;
    let max = 0;
    for (let r = 0; r < BLOCK; r++) {
      for (let c = 0, p = start + r * width; c < BLOCK; c++, p++) {
        const v = grey[p] as number;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    sums[i] = sum;
    mins[i] = min;
    maxs[i] = max;
  });
  const thresholds = new Uint8Array(count);
  blockThresholds(grid, blackPoints(grid, sums, mins, maxs), thresholds);
  forEachBlock(grid, width, height, (i, start) => {
    const t = thresholds[i] as number;
    for (let r = 0; r < BLOCK; r++) {
      for (let c = 0, p = start + r * width; c < BLOCK; c++, p++) grey[p] = (grey[p] as number) <= t ? 0 : 255;
    }
  });
}

function forEachBlock(grid: BlockGrid, width: number, height: number, each: (i: number, start: number) => void) {
  for (let by = 0, i = 0; by < grid.rows; by++) {
    const row = blockStart(by, height) * width;
    for (let bx = 0; bx < grid.cols; bx++, i++) each(i, row + blockStart(bx, width));
  }
}
