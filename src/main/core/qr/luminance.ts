/**
 * Luminance for the QR reader, written straight into the buffer zxing reads
 * (its own wasm heap), so the pixels are converted once and copied never.
 *
 * Y = (R + 2G + B) / 4 is a close integer fit of BT.601 (0.299, 0.587, 0.114)
 * and, being symmetric in R and B, gives the same result for RGBA and BGRA,
 * so screen captures (BGRA) need no swizzle. Four pixels are read as 32-bit
 * words and, where `out` is word-aligned, four grey bytes written as one word.
 */
export function writeLuminance(pixels: Uint8Array, width: number, height: number, out: Uint8Array): void {
  const count = width * height;
  if (pixels.byteLength < count * 4) throw new RangeError('pixel buffer smaller than width × height × 4');
  if (out.byteLength < count) throw new RangeError('luminance buffer smaller than width × height');
  const src = pixels.byteOffset % 4 === 0 ? pixels : pixels.slice(0, count * 4);
  const px = new Uint32Array(src.buffer, src.byteOffset, count);
  let done = 0;
  if (out.byteOffset % 4 === 0) {
    done = count & ~3;
    const dst = new Uint32Array(out.buffer, out.byteOffset, done >> 2);
    // Little-endian words: byte 0 is the lowest 8 bits (R for RGBA, B for BGRA).
    for (let i = 0, j = 0; j < done; i++, j += 4) {
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
  }
  for (let j = done; j < count; j++) {
    const p = px[j] as number;
    out[j] = ((p & 255) + ((p >>> 7) & 510) + ((p >>> 16) & 255)) >>> 2;
  }
}
