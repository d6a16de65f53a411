/**
 * The main-thread side of the QR decoder: one lazily started worker, requests
 * matched to replies by correlation id, pixel buffers transferred rather than
 * copied.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/result';
import type { RawImage } from '../ports';
import type { FoundCode, GreyRequest, PixelsRequest, WorkerReply } from './protocol';

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
  readonly width: number;
  readonly height: number;
  /** Replies still to come: 2 when the dark-mode pass runs on the second worker. */
  remaining: number;
  readonly codes: FoundCode[];
  ms: number;
  resolve(codes: FoundCode[]): void;
  reject(error: Error): void;
}

/** From this many pixels (a 4K screen has 8.3 million) the dark-mode pass pays for a second worker. */
const SPLIT_PIXELS = 4_000_000;

/**
 * The first worker takes the pixels and writes their luminance into zxing's
 * heap. On a large screen it also makes the inverted image, hands it to the
 * second worker for the dark-mode codes and reads the normal ones itself, so
 * the two polarities are read at the same time; otherwise it reads both from
 * one binarisation.
 */
export class QrDecoder {
  private readonly workers: (Worker | null)[] = [null, null];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Time spent inside the workers for the last decode (the slower of the two), for benchmarks. */
  lastWorkerMs = 0;

  /** `split`: use the second worker for large screens. Default: where there are at least 2 cores. */
  constructor(private readonly opts: { split?: boolean } = {}) {}

  private worker(index: 0 | 1): Worker {
    const existing = this.workers[index];
    if (existing) return existing;
    const worker = new Worker(workerLocation());
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    const fail = () => {
      if (this.workers[index] !== worker) return;
      this.workers[index] = null;
      for (const p of this.pending.values())
        p.reject(new AppError('decode_failed', 'The QR decoder stopped unexpectedly. Try again.'));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.workers[index] = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'inverted') {
      const req: GreyRequest = { type: 'grey', id: reply.id, width: p.width, height: p.height, grey: reply.grey };
      this.worker(1).postMessage(req, [reply.grey]);
      return;
    }
    if (!reply.ok) {
      this.settle(reply.id);
      p.reject(new AppError('decode_failed', 'The image could not be decoded. Try a clearer screenshot or file.'));
      return;
    }
    for (const c of reply.codes) {
      // One code is reported once, even if both passes (or mirrored displays) saw it.
      const same = (o: FoundCode) => o.text === c.text && Math.abs(o.x - c.x) < 8 && Math.abs(o.y - c.y) < 8;
      if (!p.codes.some(same)) p.codes.push(c);
    }
    p.ms = Math.max(p.ms, reply.ms);
    if (--p.remaining > 0) return;
    this.settle(reply.id);
    this.lastWorkerMs = p.ms;
    p.resolve(p.codes);
  }

  /** Forgets a request; when none is left the workers stop holding the process open. */
  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) for (const w of this.workers) w?.unref();
  }

  /**
   * Finds every QR code in the image. The image's pixel buffer is transferred
   * to the worker: the caller must not use `image.data` afterwards.
   */
  decode(image: RawImage, kind: PixelsRequest['kind']): Promise<FoundCode[]> {
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
    const split =
      (this.opts.split ?? availableParallelism() >= 2) && kind === 'screen' && width * height >= SPLIT_PIXELS;
    const first = this.worker(0);
    // Each keeps the process alive while a decode is outstanding, and only then.
    first.ref();
    if (split) this.worker(1).ref();
    const id = this.nextId++;
    return new Promise<FoundCode[]>((resolve, reject) => {
      this.pending.set(id, { width, height, remaining: split ? 2 : 1, codes: [], ms: 0, resolve, reject });
      const req: PixelsRequest = { type: 'pixels', id, width, height, pixels: owned, kind, splitInverted: split };
      first.postMessage(req, [owned]);
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0, 2, null, null);
    await Promise.all(workers.map((w) => w?.terminate()));
  }
}
