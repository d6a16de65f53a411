/**
 * The main-thread side of the QR decoder: one lazily started worker, requests
 * matched to replies by correlation id, pixel buffers transferred rather than
 * copied.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/result';
import type { RawImage } from '../ports';
import type { FoundCode, PixelsRequest, WorkerReply } from './protocol';

export type { FoundCode } from './protocol';

/** Built (electron-vite): decode-worker.js beside the bundle. From source (vitest, tsx): see sourceWorker. */
function workerLocation(): URL {
  const source = new URL('./decode-worker.ts', import.meta.url);
  if (!import.meta.url.endsWith('.ts') || !existsSync(source)) return new URL('./decode-worker.js', import.meta.url);
  return sourceWorker(source);
}

let sourceBundle: URL | undefined;

/**
 * Running from source, the worker's TypeScript is bundled once per process with esbuild (a dev
 * dependency) into the project's git-ignored .tmp/decode-worker/, bare imports left to node_modules,
 * as the build ships it. A worker that registers tsx's module hooks itself can deadlock on Node 20
 * (the hooks thread, nodejs/node#50948), and one did, once, in a full test run.
 */
function sourceWorker(source: URL): URL {
  if (sourceBundle) return sourceBundle;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const dir = fileURLToPath(new URL('../../../../.tmp/decode-worker/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'decode-worker.mjs');
  const [out] = esbuild.buildSync({
    entryPoints: [fileURLToPath(source)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    write: false,
    logLevel: 'silent',
  }).outputFiles;
  // Test processes run side by side: each writes whole and renames, so none reads a half-written file.
  const part = `${outfile}.${process.pid}-${threadId}.part`;
  writeFileSync(part, out?.contents ?? '');
  renameSync(part, outfile);
  sourceBundle = pathToFileURL(outfile);
  return sourceBundle;
}

interface Pending {
  resolve(reply: { codes: FoundCode[]; ms: number }): void;
  reject(error: Error): void;
}

/**
 * One worker takes the pixels, writes their luminance into zxing's heap and
 * reads every code of either polarity. (A second worker for the dark-mode pass
 * was measured: on 2 cores it lost to one binarisation read twice.)
 */
export class QrDecoder {
  private current: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Time spent inside the worker for the last decode, for benchmarks. */
  lastWorkerMs = 0;

  private worker(): Worker {
    if (this.current) return this.current;
    const worker = new Worker(workerLocation());
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    const fail = () => {
      if (this.current !== worker) return;
      this.current = null;
      for (const p of this.pending.values())
        p.reject(new AppError('decode_failed', 'The QR decoder stopped unexpectedly. Try again.'));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.current = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.settle(reply.id);
    if (!reply.ok) {
      p.reject(new AppError('decode_failed', 'The image could not be decoded. Try a clearer screenshot or file.'));
      return;
    }
    p.resolve(reply);
  }

  /** Forgets a request; when none is left the worker stops holding the process open. */
  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.current?.unref();
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
    const worker = this.worker();
    worker.ref(); // keeps the process alive while a decode is outstanding, and only then
    const id = this.nextId++;
    return new Promise<{ codes: FoundCode[]; ms: number }>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const req: PixelsRequest = { type: 'pixels', id, width, height, pixels: owned, kind };
      worker.postMessage(req, [owned]);
    }).then(({ codes, ms }) => {
      this.lastWorkerMs = ms;
      return codes;
    });
  }

  async close(): Promise<void> {
    const worker = this.current;
    this.current = null;
    await worker?.terminate();
  }
}
