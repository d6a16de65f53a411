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

/** The WebAssembly API used here; the Node tsconfig has no DOM lib to declare it. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * The same pass with WebAssembly SIMD (luminance.wat), sixteen pixels a step:
 * about three times the speed of the JS loop on a 4K screen, copy included.
 * The pixels are copied into the module's memory and the grey bytes out of it;
 * both are wiped after each image, since a screen can hold anything.
 */
export class SimdLuminance {
  private readonly memory: WasmMemory;
  private readonly run: (src: number, dst: number, count: number) => void;

  constructor() {
    const { Instance, Module } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const instance = new Instance(new Module(Buffer.from(LUMINANCE_WASM_BASE64, 'base64')));
    this.memory = instance.exports.memory as WasmMemory;
    this.run = instance.exports.luminance as (src: number, dst: number, count: number) => void;
  }

  write(pixels: Uint8Array, width: number, height: number, out: Uint8Array): void {
    const count = width * height;
    if (pixels.byteLength < count * 4) throw new RangeError('pixel buffer smaller than width × height × 4');
    if (out.byteLength < count) throw new RangeError('luminance buffer smaller than width × height');
    const bytes = count * 5;
    const short = bytes - this.memory.buffer.byteLength;
    if (short > 0) this.memory.grow(Math.ceil(short / 65536));
    const heap = new Uint8Array(this.memory.buffer);
    try {
      heap.set(pixels.subarray(0, count * 4));
      const whole = count & ~15;
      this.run(0, count * 4, whole);
      out.set(heap.subarray(count * 4, count * 4 + whole));
      if (whole < count)
        writeLuminance(pixels.subarray(whole * 4, count * 4), count - whole, 1, out.subarray(whole, count));
    } finally {
      heap.fill(0, 0, bytes);
    }
  }
}
