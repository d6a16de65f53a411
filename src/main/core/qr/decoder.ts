/**
 * The main-thread side of the QR decoder: one lazily started worker, requests
 * matched to replies by correlation id, pixel buffers transferred rather than
 * copied.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/result';
import type { RawImage } from '../ports';
import type { DecodeReply, DecodeRequest, FoundCode } from './protocol';

export type { FoundCode } from './protocol';

/**
 * Built (electron-vite, esbuild): decode-worker.js beside the bundle. Source (vitest, tsx): the .ts file,
 * through a one-line bootstrap that registers tsx first — on Node 20 `execArgv: ['--import', 'tsx']`
 * does not reach a worker's own entry module.
 */
function workerLocation(): URL {
  const source = new URL('./decode-worker.ts', import.meta.url);
  if (!import.meta.url.endsWith('.ts') || !existsSync(source)) return new URL('./decode-worker.js', import.meta.url);
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const boot = `import { register } from ${JSON.stringify(pathToFileURL(tsx).href)}; register(); await import(${JSON.stringify(source.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

interface Pending {
  resolve(codes: FoundCode[]): void;
  reject(error: Error): void;
}

export class QrDecoder {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Time spent inside the worker for the last decode (luminance + zxing), for benchmarks. */
  lastWorkerMs = 0;

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerLocation());
    worker.on('message', (reply: DecodeReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) {
        this.lastWorkerMs = reply.ms;
        p.resolve(reply.codes);
      } else
        p.reject(new AppError('decode_failed', 'The image could not be decoded. Try a clearer screenshot or file.'));
    });
    const fail = () => {
      for (const p of this.pending.values())
        p.reject(new AppError('decode_failed', 'The QR decoder stopped unexpectedly. Try again.'));
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.worker = worker;
    return worker;
  }

  /**
   * Finds every QR code in the image. The image's pixel buffer is transferred
   * to the worker: the caller must not use `image.data` afterwards.
   */
  decode(image: RawImage, kind: DecodeRequest['kind']): Promise<FoundCode[]> {
    const { width, height, data } = image;
    if (
      !Number.isInteger(width) ||
      !Number.isInteger(height) ||
      width < 1 ||
      height < 1 ||
      width * height > 100_000_000
    )
      return Promise.reject(new AppError('invalid_image', 'The image has impossible dimensions.'));
    if (data.byteLength < width * height * 4)
      return Promise.reject(new AppError('invalid_image', 'The image holds fewer pixels than its size says.'));
    // A view into a shared or larger buffer (Node's small-Buffer pool) cannot be handed over whole.
    const owned =
      data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
        ? data.buffer
        : data.slice().buffer;
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<FoundCode[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Keeps the process alive while a decode is outstanding, and only then.
      worker.ref();
      const req: DecodeRequest = { id, width, height, pixels: owned, kind };
      worker.postMessage(req, [owned]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
