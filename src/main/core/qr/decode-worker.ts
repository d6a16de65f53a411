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
import { toLuminancePgm } from './luminance';
import type { DecodeReply, DecodeRequest, FoundCode } from './protocol';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
const ready = prepareZXingModule({
  overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
  fireImmediately: true,
});

const base: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true, // dark-mode pages show light-on-dark codes
  tryRotate: false, // QR finder patterns are found at any rotation already; this pass only costs time
  maxNumberOfSymbols: 255,
};

async function decode(req: DecodeRequest): Promise<FoundCode[]> {
  await ready;
  const pgm = toLuminancePgm(new Uint8Array(req.pixels), req.width, req.height);
  const results = await readBarcodes(pgm, { ...base, tryDownscale: req.kind === 'file' });
  const seen = new Set<string>();
  const codes: FoundCode[] = [];
  for (const r of results) {
    if (!r.isValid) continue;
    const xs = [r.position.topLeft.x, r.position.topRight.x, r.position.bottomRight.x, r.position.bottomLeft.x];
    const ys = [r.position.topLeft.y, r.position.topRight.y, r.position.bottomRight.y, r.position.bottomLeft.y];
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    const key = `${Math.round(x / 8)}:${Math.round(y / 8)}:${r.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    codes.push({ text: r.text, x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y, inverted: r.isInverted });
  }
  return codes;
}

parentPort?.on('message', (req: DecodeRequest) => {
  const started = performance.now();
  decode(req).then(
    (codes) =>
      parentPort?.postMessage({ id: req.id, ok: true, codes, ms: performance.now() - started } satisfies DecodeReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: req.id,
        ok: false,
        error: error instanceof Error ? error.name : 'decode failed',
      } satisfies DecodeReply),
  );
});
