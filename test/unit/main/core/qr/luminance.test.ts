import { describe, expect, it } from 'vitest';
import { writeLuminance } from '../../../../../src/main/core/qr/luminance';

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
