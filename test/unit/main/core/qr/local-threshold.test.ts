import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localThreshold, MIN_SIDE } from '../../../../../src/main/core/qr/local-threshold';

/**
 * zxing's HybridBinarizer written out the plain way (per block, the 5×5 window
 * summed directly with clamped centres), as the oracle for localThreshold's
 * running sums and block bookkeeping.
 */
function oracle(grey: Uint8Array, width: number, height: number): Uint8Array {
  const cols = Math.ceil(width / 8);
  const rows = Math.ceil(height / 8);
  const start = (b: number, side: number) => Math.min(b * 8, side - 8);
  const points: number[][] = [];
  for (let y = 0; y < rows; y++) {
    points.push([]);
    for (let x = 0; x < cols; x++) {
      const pixels: number[] = [];
      for (let r = 0; r < 8; r++)
        for (let c = 0; c < 8; c++) pixels.push(grey[(start(y, height) + r) * width + start(x, width) + c] as number);
      const min = Math.min(...pixels);
      let point = Math.floor(pixels.reduce((a, b) => a + b, 0) / 64);
      if (Math.max(...pixels) - min <= 24) {
        point = Math.floor(min / 2);
        if (x > 0 && y > 0) {
          const near = Math.floor(
            ((points[y - 1]?.[x] as number) + 2 * (points[y]?.[x - 1] as number) + (points[y - 1]?.[x - 1] as number)) /
              4,
          );
          if (min < near) point = near;
        }
      }
      points[y]?.push(point);
    }
  }
  const out = new Uint8Array(grey);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const cx = Math.min(Math.max(x, 2), cols - 3);
      const cy = Math.min(Math.max(y, 2), rows - 3);
      let sum = 0;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) sum += points[cy + dy]?.[cx + dx] as number;
      const t = Math.floor(sum / 25);
      for (let r = 0; r < 8; r++)
        for (let c = 0; c < 8; c++) {
          const p = (start(y, height) + r) * width + start(x, width) + c;
          out[p] = (out[p] as number) <= t ? 0 : 255;
        }
    }
  }
  return out;
}

/** Pictures a screen can hold: noise, stripes of two greys, flat areas, a dark box inside a light page, and blocks at the flat limit. */
const picture = fc
  .record({
    width: fc.integer({ min: MIN_SIDE, max: 90 }),
    height: fc.integer({ min: MIN_SIDE, max: 70 }),
    seed: fc.integer(),
    kind: fc.constantFrom('noise', 'stripes', 'flat', 'box', 'limit'),
  })
  .map(({ width, height, seed, kind }) => {
    const grey = new Uint8Array(width * height);
    let s = seed;
    for (let i = 0; i < grey.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const x = i % width;
      const y = Math.floor(i / width);
      const jitter = (s >>> 28) & 7;
      if (kind === 'noise') grey[i] = s >>> 24;
      else if (kind === 'stripes') grey[i] = ((x >> 2) + (y >> 3)) % 2 ? 40 + jitter : 210 - jitter;
      else if (kind === 'flat') grey[i] = 128 + jitter;
      // One pixel per block 22–26 above the rest: the flat-block limit (a range of 24) from both sides.
      else if (kind === 'limit')
        grey[i] = 90 + ((x >> 3) % 3) * 40 + (x % 8 === 2 && y % 8 === 6 ? 22 + ((x >> 3) % 5) : 0);
      else grey[i] = x > 10 && x < width - 10 && y > 9 && y < height - 9 ? 20 + jitter : 230 - jitter;
    }
    return { width, height, grey };
  });

describe('the local-average threshold (zxing HybridBinarizer)', () => {
  it('gives the same black and white as the per-block oracle, for any size from 40×40 (edge blocks moved in)', () => {
    fc.assert(
      fc.property(picture, ({ width, height, grey }) => {
        const got = new Uint8Array(grey);
        localThreshold(got, width, height);
        expect([...got]).toEqual([...oracle(grey, width, height)]);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the inside of a large dark area dark, and a flat light page light', () => {
    const [width, height] = [64, 64];
    const grey = new Uint8Array(width * height).map((_, i) => {
      const x = i % width;
      const y = Math.floor(i / width);
      return x >= 16 && x < 48 && y >= 16 && y < 48 ? 30 : 220;
    });
    localThreshold(grey, width, height);
    expect(grey[32 * width + 32]).toBe(0);
    expect(grey[2 * width + 2]).toBe(255);
    expect(grey[60 * width + 60]).toBe(255);
  });

  it('refuses pictures smaller than 5×5 blocks, which zxing binarises itself', () => {
    expect(() => localThreshold(new Uint8Array(39 * 50), 39, 50)).toThrow(/at least 40×40/);
  });
});
