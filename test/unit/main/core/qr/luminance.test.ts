import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localThreshold } from '../../../../../src/main/core/qr/local-threshold';
import { SimdLuminance, writeLuminance } from '../../../../../src/main/core/qr/luminance';

const COLOURS = [
  [255, 255, 255],
  [0, 0, 0],
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [32, 32, 32],
  [200, 100, 50],
] as const;
const EXPECTED = COLOURS.map(([r, g, b]) => (r + 2 * g + b) >> 2);

function grey(pixels: Uint8Array, width: number, height: number, outOffset = 0): number[] {
  const backing = new Uint8Array(outOffset + width * height);
  const out = backing.subarray(outOffset);
  writeLuminance(pixels, width, height, out);
  return [...out];
}

describe('luminance for the decoder', () => {
  it('gives (R + 2G + B) / 4 for each pixel, the same for RGBA and BGRA, including a tail of odd pixels', () => {
    const rgba = new Uint8Array(COLOURS.flatMap(([r, g, b]) => [r, g, b, 255]));
    const bgra = new Uint8Array(COLOURS.flatMap(([r, g, b]) => [b, g, r, 255]));
    expect(grey(rgba, COLOURS.length, 1)).toEqual(EXPECTED);
    expect(grey(bgra, COLOURS.length, 1)).toEqual(EXPECTED);
  });

  it('writes the same bytes into an output that does not start on a word boundary', () => {
    const rgba = new Uint8Array(COLOURS.flatMap(([r, g, b]) => [r, g, b, 255]));
    expect(grey(rgba, COLOURS.length, 1, 1)).toEqual(EXPECTED);
    expect(grey(rgba, COLOURS.length, 1, 3)).toEqual(EXPECTED);
  });

  it('accepts a pixel view that does not start on a word boundary', () => {
    const backing = new Uint8Array(1 + 8);
    backing.set([10, 20, 30, 255, 40, 50, 60, 255], 1);
    expect(grey(backing.subarray(1), 2, 1)).toEqual([(10 + 40 + 30) >> 2, (40 + 100 + 60) >> 2]);
  });

  it('refuses buffers smaller than the size says', () => {
    expect(() => writeLuminance(new Uint8Array(15), 2, 2, new Uint8Array(4))).toThrow(RangeError);
    expect(() => writeLuminance(new Uint8Array(16), 2, 2, new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('the SIMD luminance pass (luminance.wat)', () => {
  it('writes the same bytes as the JS pass for any size, including tails shorter than 16 pixels', () => {
    const simd = new SimdLuminance();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 9 }), fc.integer(), (w, h, seed) => {
        const pixels = new Uint8Array(w * h * 4).map((_, i) => Math.imul(i + 1, seed | 1) >>> 24);
        const want = new Uint8Array(w * h);
        writeLuminance(pixels, w, h, want);
        const got = new Uint8Array(w * h);
        simd.write(pixels, w, h, got);
        expect([...got]).toEqual([...want]);
      }),
      { numRuns: 200 },
    );
  });

  it('converts a 4K screen chunk by chunk and wipes its copy of the pixels afterwards', () => {
    const simd = new SimdLuminance();
    const [w, h] = [3840, 2160];
    const pixels = new Uint8Array(w * h * 4).fill(200);
    const out = new Uint8Array(w * h);
    simd.write(pixels, w, h, out);
    expect(out.every((y) => y === 200)).toBe(true);
    const memory = (simd as unknown as { memory: { buffer: ArrayBuffer } }).memory;
    expect(new Uint8Array(memory.buffer).some((b) => b !== 0)).toBe(false);
  });

  it('refuses buffers smaller than the size says', () => {
    const simd = new SimdLuminance();
    expect(() => simd.write(new Uint8Array(15), 2, 2, new Uint8Array(4))).toThrow(RangeError);
    expect(() => simd.write(new Uint8Array(16), 2, 2, new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('the SIMD luminance and local threshold (writeBinarised)', () => {
  /** What the JS passes give: luminance, then localThreshold in place. */
  function reference(pixels: Uint8Array, width: number, height: number): Uint8Array {
    const grey = new Uint8Array(width * height);
    writeLuminance(pixels, width, height, grey);
    localThreshold(grey, width, height);
    return grey;
  }

  /** Blocks of two colours with noise, so some blocks are flat and some have contrast. */
  function screen(width: number, height: number, seed: number): Uint8Array {
    const pixels = new Uint8Array(width * height * 4);
    let s = seed;
    for (let i = 0; i < width * height; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const x = i % width;
      const y = Math.floor(i / width);
      const base = ((x * 7) >> 5) % 3 === ((y * 5) >> 5) % 2 ? 25 : 225;
      pixels.set([base + ((s >>> 29) & 7), base + ((s >>> 26) & 7), base + ((s >>> 23) & 7), 255], i * 4);
      if (((s >>> 8) & 63) === 0) pixels.set([s >>> 24, s & 255, (s >>> 16) & 255], i * 4);
    }
    return pixels;
  }

  it('gives the same bytes as the JS passes for any size from 40×40, odd widths and heights included', () => {
    const simd = new SimdLuminance();
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 150 }), fc.integer({ min: 40, max: 60 }), fc.integer(), (w, h, seed) => {
        const pixels = screen(w, h, seed);
        const got = new Uint8Array(w * h);
        simd.writeBinarised(pixels, w, h, got);
        expect([...got]).toEqual([...reference(pixels, w, h)]);
      }),
      { numRuns: 100 },
    );
  });

  it('agrees on blocks whose contrast sits at the flat-block limit (ranges 22 to 26)', () => {
    const [w, h] = [120, 64];
    const pixels = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const x = i % w;
      const y = Math.floor(i / w);
      const block = (x >> 3) + (y >> 3) * 15;
      const base = 60 + ((block * 37) % 120);
      const v = x % 8 === 3 && y % 8 === 5 ? base + 22 + (block % 5) : base;
      pixels.set([v, v, v, 255], i * 4);
    }
    const got = new Uint8Array(w * h);
    new SimdLuminance().writeBinarised(pixels, w, h, got);
    expect([...got]).toEqual([...reference(pixels, w, h)]);
  });

  it.each([
    [1366, 768],
    [3024, 1964],
  ])('agrees on a whole %i×%i screen, writes only 0 and 255, and wipes its memory after', (w, h) => {
    const simd = new SimdLuminance();
    const pixels = screen(w, h, w + h);
    const got = new Uint8Array(w * h);
    simd.writeBinarised(pixels, w, h, got);
    expect(Buffer.from(got).equals(reference(pixels, w, h))).toBe(true);
    expect(got.every((v) => v === 0 || v === 255)).toBe(true);
    expect(got.some((v) => v === 0) && got.some((v) => v === 255)).toBe(true);
    const memory = (simd as unknown as { memory: { buffer: ArrayBuffer } }).memory;
    expect(new Uint8Array(memory.buffer).some((b) => b !== 0)).toBe(false);
  });

  it('refuses buffers smaller than the size says, and pictures under 40×40', () => {
    const simd = new SimdLuminance();
    expect(() => simd.writeBinarised(new Uint8Array(40 * 40 * 4 - 1), 40, 40, new Uint8Array(1600))).toThrow(
      RangeError,
    );
    expect(() => simd.writeBinarised(new Uint8Array(39 * 40 * 4), 39, 40, new Uint8Array(1560))).toThrow(RangeError);
  });
});
