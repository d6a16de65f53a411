import { describe, expect, it } from 'vitest';
import { halfInvertedPgm, pgmHeader, toLuminancePgm } from '../../../../../src/main/core/qr/luminance';

describe('luminance for the decoder', () => {
  it('writes a PGM header whose pixels start word-aligned', () => {
    for (const [w, h] of [
      [1, 1],
      [1920, 1080],
      [5120, 2880],
      [123, 45],
    ] as const) {
      const header = pgmHeader(w, h);
      expect(header.length % 4).toBe(0);
      expect(new TextDecoder().decode(header)).toMatch(new RegExp(`^P5\\s+${w} ${h}\\n255\\n$`));
    }
  });

  it('gives (R + 2G + B) / 4 for each pixel, the same for RGBA and BGRA, including a tail of odd pixels', () => {
    const colours = [
      [255, 255, 255],
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [32, 32, 32],
      [200, 100, 50],
    ] as const;
    const rgba = new Uint8Array(colours.flatMap(([r, g, b]) => [r, g, b, 255]));
    const bgra = new Uint8Array(colours.flatMap(([r, g, b]) => [b, g, r, 255]));
    const expected = colours.map(([r, g, b]) => (r + 2 * g + b) >> 2);
    const header = pgmHeader(colours.length, 1).length;
    expect([...toLuminancePgm(rgba, colours.length, 1).subarray(header)]).toEqual(expected);
    expect([...toLuminancePgm(bgra, colours.length, 1).subarray(header)]).toEqual(expected);
  });

  it('accepts a pixel view that does not start on a word boundary', () => {
    const backing = new Uint8Array(1 + 8);
    backing.set([10, 20, 30, 255, 40, 50, 60, 255], 1);
    const out = toLuminancePgm(backing.subarray(1), 2, 1);
    expect([...out.subarray(out.length - 2)]).toEqual([(10 + 40 + 30) >> 2, (40 + 100 + 60) >> 2]);
  });

  it('refuses a buffer smaller than its size says', () => {
    expect(() => toLuminancePgm(new Uint8Array(15), 2, 2)).toThrow(RangeError);
  });

  it('makes the half-size inverted image for the dark-mode pass: 2×2 averages, flipped, odd edges dropped', () => {
    const w = 5;
    const h = 3;
    const grey = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150];
    const pgm = new Uint8Array([...pgmHeader(w, h), ...grey]);
    const half = halfInvertedPgm(pgm, w, h);
    expect([half.width, half.height]).toEqual([2, 1]);
    const pixels = [...half.pgm.subarray(pgmHeader(2, 1).length)];
    expect(pixels).toEqual([255 - ((10 + 20 + 60 + 70 + 2) >> 2), 255 - ((30 + 40 + 80 + 90 + 2) >> 2)]);
  });
});
