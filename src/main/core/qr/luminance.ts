import { instantiateEmbedded, type WasmMemory } from '../wasm';
import { blockGrid } from './local-threshold';
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
  const count = checkedCount(pixels, width, height, out);
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

/** luminance.wat's functions; every argument but the sizes is an address in its memory. */
interface LuminanceExports {
  luminance(src: number, dst: number, count: number): void;
  block_stats(grey: number, width: number, height: number, sums: number, mins: number, maxs: number): void;
  black_points(sums: number, mins: number, maxs: number, cols: number, rows: number, points: number): void;
  block_thresholds(points: number, cols: number, rows: number, across: number, window: number, out: number): void;
  threshold(grey: number, width: number, height: number, thresholds: number): void;
}

/** Pixels per chunk: 1 MiB of RGBA and its 256 KiB of grey stay in the CPU's cache between the steps. */
const CHUNK = 1 << 18;

/**
 * The same pass with WebAssembly SIMD (luminance.wat), sixteen pixels a step.
 * The pixels go through the module's memory a chunk at a time: copied in,
 * converted, the grey bytes copied out; the chunk stays in cache, and only
 * 1.25 MiB has to be wiped after each image (a screen can hold anything).
 *
 * `writeBinarised` also runs the local-average binariser (local-threshold.ts)
 * on the whole grey picture before it goes out, so zxing reads black and white.
 */
export class SimdLuminance {
  private readonly memory: WasmMemory;
  private readonly wasm: LuminanceExports;

  constructor() {
    const exports = instantiateEmbedded(LUMINANCE_WASM_BASE64);
    this.memory = exports.memory;
    this.wasm = exports as unknown as LuminanceExports;
    this.reserve(CHUNK * 5);
  }

  write(pixels: Uint8Array, width: number, height: number, out: Uint8Array): void {
    const count = checkedCount(pixels, width, height, out);
    const heap = new Uint8Array(this.memory.buffer);
    const grey = CHUNK * 4;
    try {
      for (let at = 0; at < count; at += CHUNK) {
        const n = Math.min(CHUNK, count - at);
        this.chunk(heap, pixels, at, n, grey);
        out.set(heap.subarray(grey, grey + n), at);
      }
    } finally {
      heap.fill(0, 0, CHUNK * 5);
    }
  }

  /** Luminance, then the local threshold: `out` gets 0 (dark) or 255 (light) per pixel. */
  writeBinarised(pixels: Uint8Array, width: number, height: number, out: Uint8Array): void {
    const count = checkedCount(pixels, width, height, out);
    const { cols, rows } = blockGrid(width, height);
    const blocks = cols * rows;
    // The whole grey picture (block_stats reads up to 8 bytes past it), then per block:
    // u16 sums, darkest, lightest, black point, threshold, u16 scratch; u32 scratch per column.
    const grey = CHUNK * 4;
    const sums = (grey + count + 16 + 15) & ~15;
    const mins = sums + blocks * 2;
    const maxs = mins + blocks;
    const points = maxs + blocks;
    const thresholds = points + blocks;
    const across = (thresholds + blocks + 1) & ~1;
    const window = (across + blocks * 2 + 3) & ~3;
    const end = window + cols * 4;
    this.reserve(end);
    const heap = new Uint8Array(this.memory.buffer);
    try {
      for (let at = 0; at < count; at += CHUNK) this.chunk(heap, pixels, at, Math.min(CHUNK, count - at), grey + at);
      this.wasm.block_stats(grey, width, height, sums, mins, maxs);
      this.wasm.black_points(sums, mins, maxs, cols, rows, points);
      this.wasm.block_thresholds(points, cols, rows, across, window, thresholds);
      this.wasm.threshold(grey, width, height, thresholds);
      out.set(heap.subarray(grey, grey + count));
    } finally {
      heap.fill(0, 0, end);
    }
  }

  /** Pixels [at, at + n) converted to grey at `dst` in the module's memory, through the staging area at 0. */
  private chunk(heap: Uint8Array, pixels: Uint8Array, at: number, n: number, dst: number): void {
    const whole = n & ~15;
    heap.set(pixels.subarray(at * 4, (at + whole) * 4));
    this.wasm.luminance(0, dst, whole);
    if (whole < n)
      writeLuminance(
        pixels.subarray((at + whole) * 4, (at + n) * 4),
        n - whole,
        1,
        heap.subarray(dst + whole, dst + n),
      );
  }

  private reserve(bytes: number): void {
    const short = bytes - this.memory.buffer.byteLength;
    if (short > 0) this.memory.grow(Math.ceil(short / 65536));
  }
}

function checkedCount(pixels: Uint8Array, width: number, height: number, out: Uint8Array): number {
  const count = width * height;
  if (pixels.byteLength < count * 4) throw new RangeError('pixel buffer smaller than width × height × 4');
  if (out.byteLength < count) throw new RangeError('luminance buffer smaller than width × height');
  return count;
}
