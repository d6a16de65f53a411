/**
 * Luminance for the QR reader, written straight after a PGM (P5) header so
 * zxing-wasm's public readBarcodes() takes it as an image file without a
 * second RGBA→grey pass of its own.
 *
 * Y = (R + 2G + B) / 4 is a close integer fit of BT.601 (0.299, 0.587, 0.114)
 * and, being symmetric in R and B, gives the same result for RGBA and BGRA,
 * so screen captures (BGRA) need no swizzle. Four pixels are read as 32-bit
 * words and four grey bytes written as one word: the pass is memory-bound.
 */
export function pgmHeader(width: number, height: number): Uint8Array {
  // Padded to a multiple of 4 so the pixels start word-aligned; PNM allows any whitespace run.
  const core = `${width} ${height}\n255\n`;
  const pad = (4 - ((core.length + 3) % 4)) % 4;
  return new TextEncoder().encode(`P5\n${' '.repeat(pad)}${core}`);
}

export function toLuminancePgm(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const count = width * height;
  if (pixels.byteLength < count * 4) throw new RangeError('pixel buffer smaller than width × height × 4');
  const header = pgmHeader(width, height);
  const out = new Uint8Array(header.length + count);
  out.set(header);
  const aligned = pixels.byteOffset % 4 === 0;
  const src = aligned ? pixels : pixels.slice(0, count * 4);
  const px = new Uint32Array(src.buffer, src.byteOffset, count);
  const whole = count & ~3;
  const dst = new Uint32Array(out.buffer, header.length, whole >> 2);
  // Little-endian words: byte 0 is the lowest 8 bits (R for RGBA, B for BGRA).
  for (let i = 0, j = 0; j < whole; i++, j += 4) {
    const a = px[j] as number;
    const b = px[j + 1] as number;
    const c = px[j + 2] as number;
    const d = px[j + 3] as number;
    dst[i] =
      (((a & 255) + ((a >>> 7) & 510) + ((a >>> 16) & 255)) >>> 2) |
      ((((b & 255) + ((b >>> 7) & 510) + ((b >>> 16) & 255)) >>> 2) << 8) |
      ((((c & 255) + ((c >>> 7) & 510) + ((c >>> 16) & 255)) >>> 2) << 16) |
      ((((d & 255) + ((d >>> 7) & 510) + ((d >>> 16) & 255)) >>> 2) << 24);
  }
  for (let j = whole; j < count; j++) {
    const p = px[j] as number;
    out[header.length + j] = ((p & 255) + ((p >>> 7) & 510) + ((p >>> 16) & 255)) >>> 2;
  }
  return out;
}

/**
 * Half-size, inverted copy of a PGM (2×2 box average, then 255 − y), for the
 * dark-mode pass: light-on-dark codes are found as ordinary ones at a quarter
 * of the pixels. Dark-mode codes need about 3 screen pixels per module for it.
 */
export function halfInvertedPgm(
  pgm: Uint8Array,
  width: number,
  height: number,
): { pgm: Uint8Array; width: number; height: number } {
  const src = pgm.subarray(pgmHeader(width, height).length);
  const w = width >> 1;
  const h = height >> 1;
  const header = pgmHeader(w, h);
  const out = new Uint8Array(header.length + w * h);
  out.set(header);
  let o = header.length;
  for (let y = 0; y < h; y++) {
    let a = 2 * y * width;
    let b = a + width;
    for (let x = 0; x < w; x++, a += 2, b += 2)
      out[o++] =
        255 - (((src[a] as number) + (src[a + 1] as number) + (src[b] as number) + (src[b + 1] as number) + 2) >> 2);
  }
  return { pgm: out, width: w, height: h };
}
