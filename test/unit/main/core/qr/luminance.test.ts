import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
