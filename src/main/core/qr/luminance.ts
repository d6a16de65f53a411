import { instantiateEmbedded, type WasmMemory } from '../wasm';
import { LUMINANCE_WASM_BASE64 } from './luminance-wasm';
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

/** Pixels per chunk: 1 MiB of RGBA and its 256 KiB of grey stay in the CPU's cache between the steps. */
const CHUNK = 1 << 18;

/**
 * The same pass with WebAssembly SIMD (luminance.wat), sixteen pixels a step.
 * The pixels go through the module's memory a chunk at a time: copied in,
 * converted, the grey bytes copied out; the chunk stays in cache, and only
 * 1.25 MiB has to be wiped after each image (a screen can hold anything).
 */
export class SimdLuminance {
  private readonly memory: WasmMemory;
  private readonly run: (src: number, dst: number, count: number) => void;

  constructor() {
    const exports = instantiateEmbedded(LUMINANCE_WASM_BASE64);
    this.memory = exports.memory;
    this.run = exports.luminance as (src: number, dst: number, count: number) => void;
    const short = CHUNK * 5 - this.memory.buffer.byteLength;
    if (short > 0) this.memory.grow(Math.ceil(short / 65536));
  }

  write(pixels: Uint8Array, width: number, height: number, out: Uint8Array): void {
    const count = width * height;
    if (pixels.byteLength < count * 4) throw new RangeError('pixel buffer smaller than width × height × 4');
    if (out.byteLength < count) throw new RangeError('luminance buffer smaller than width × height');
    const heap = new Uint8Array(this.memory.buffer);
    const grey = CHUNK * 4;
    try {
      for (let at = 0; at < count; at += CHUNK) {
        const n = Math.min(CHUNK, count - at);
        const whole = n & ~15;
        heap.set(pixels.subarray(at * 4, (at + whole) * 4));
        this.run(0, grey, whole);
        out.set(heap.subarray(grey, grey + whole), at);
        if (whole < n)
          writeLuminance(
            pixels.subarray((at + whole) * 4, (at + n) * 4),
            n - whole,
            1,
            out.subarray(at + whole, at + n),
          );
      }
    } finally {
      heap.fill(0, 0, CHUNK * 5);
    }
  }
}
