/**
 * Decodes QR codes off the main thread: untrusted pixels never block the
 * event loop, and a crash in the decoder takes down only this worker.
 * zxing-wasm's .wasm is read from node_modules and handed over, because by
 * default it would try to download it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
import { halfInvertedPgm, toLuminancePgm } from './luminance';
import type { FoundCode, WorkerReply, WorkerRequest } from './protocol';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
const ready = prepareZXingModule({
  overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
  fireImmediately: true,
});

const base: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: false, // QR finder patterns are found at any rotation already; this pass only costs time
  maxNumberOfSymbols: 255,
};

async function read(pgm: Uint8Array, options: ReaderOptions, invertedInput: boolean): Promise<FoundCode[]> {
  await ready;
  const results = await readBarcodes(pgm, { ...base, ...options });
  const codes: FoundCode[] = [];
  for (const r of results) {
    if (!r.isValid) continue;
    const p = r.position;
    const xs = [p.topLeft.x, p.topRight.x, p.bottomRight.x, p.bottomLeft.x];
    const ys = [p.topLeft.y, p.topRight.y, p.bottomRight.y, p.bottomLeft.y];
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    const w = Math.max(...xs) - x;
    const h = Math.max(...ys) - y;
    codes.push({ text: r.text, x, y, width: w, height: h, inverted: r.isInverted !== invertedInput });
  }
  return codes;
}

/** Positions found on the half-size image, back in the caller's pixels. */
const doubled = (codes: FoundCode[]) =>
  codes.map((c) => ({ ...c, x: c.x * 2, y: c.y * 2, width: c.width * 2, height: c.height * 2 }));

async function handle(req: WorkerRequest): Promise<FoundCode[]> {
  if (req.type === 'luminance')
    return doubled(await read(new Uint8Array(req.pgm), { tryInvert: false, tryDownscale: false }, true));
  const pgm = toLuminancePgm(new Uint8Array(req.pixels), req.width, req.height);
  // Files (often photos) get zxing's own inverted and downscaled passes at full size; so do tiny images.
  if (req.kind === 'file' || req.width < 400 || req.height < 400)
    return read(pgm, { tryInvert: true, tryDownscale: req.kind === 'file' }, false);
  // Screens: the normal pass at full size (small codes), the dark-mode pass at half size.
  const half = halfInvertedPgm(pgm, req.width, req.height);
  if (req.splitInverted) {
    parentPort?.postMessage(
      { type: 'inverted', id: req.id, pgm: half.pgm.buffer as ArrayBuffer } satisfies WorkerReply,
      [half.pgm.buffer as ArrayBuffer],
    );
    return read(pgm, { tryInvert: false, tryDownscale: false }, false);
  }
  const normal = await read(pgm, { tryInvert: false, tryDownscale: false }, false);
  const dark = doubled(await read(half.pgm, { tryInvert: false, tryDownscale: false }, true));
  return [...normal, ...dark];
}

parentPort?.on('message', (req: WorkerRequest) => {
  const started = performance.now();
  handle(req).then(
    (codes) =>
      parentPort?.postMessage({
        type: 'done',
        id: req.id,
        ok: true,
        codes,
        ms: performance.now() - started,
      } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        type: 'done',
        id: req.id,
        ok: false,
        error: error instanceof Error ? error.name : 'decode failed',
      } satisfies WorkerReply),
  );
});
