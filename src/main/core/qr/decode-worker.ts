/**
 * Decodes QR codes off the main thread: untrusted pixels never block the
 * event loop, and a crash in the decoder takes down only this worker.
 * zxing-wasm's .wasm is read from node_modules and handed over, because by
 * default it would try to download it.
 *
 * The luminance is written straight into zxing's heap and read with
 * readBarcodesFromPixmap, the call zxing-wasm's own readBarcodes makes for
 * ImageData after a grey pass into a temporary array: here there is no
 * temporary, no image-file parse and no second copy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import {
  binarizers,
  characterSets,
  defaultReaderOptions,
  eanAddOnSymbols,
  encodeFormats,
  getZXingModule,
  prepareZXingModule,
  type ReaderOptions,
  textModes,
} from 'zxing-wasm/reader';
import { SimdLuminance } from './luminance';
import type { FoundCode, PixelsRequest, WorkerReply } from './protocol';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
prepareZXingModule({
  overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
});
/** The Emscripten heap calls the module has; zxing-wasm's types leave them to @types/emscripten. */
interface Heap {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  readonly HEAPU8: Uint8Array;
}
const luminance = new SimdLuminance();
const zxing = getZXingModule() as Promise<Awaited<ReturnType<typeof getZXingModule>> & Heap>;

type Options = Pick<ReaderOptions, 'tryInvert' | 'tryDownscale' | 'binarizer'>;

/** ReaderOptions in the encoded form the module takes (what zxing-wasm's readBarcodes does before the call). */
function encoded(options: Options) {
  return {
    ...defaultReaderOptions,
    tryHarder: true, // every row is scanned for finder patterns: small codes on big screens need it
    tryRotate: false, // QR finder patterns are found at any rotation already; this pass only costs time
    maxNumberOfSymbols: 255,
    ...options,
    formats: encodeFormats(['QRCode']),
    binarizer: binarizers.indexOf(options.binarizer ?? 'LocalAverage'),
    eanAddOnSymbol: eanAddOnSymbols.indexOf('Ignore'),
    textMode: textModes.indexOf('HRI'),
    characterSet: characterSets.indexOf('Unknown'),
    tryCode39ExtendedMode: true,
  };
}

/**
 * Screens: binarised here with zxing's own local-average rule (local-threshold.ts, in SIMD),
 * so zxing reads black and white at its cheapest threshold; read as it is and inverted (dark
 * mode), at full size so small codes of either polarity are found. Files (often photos) and
 * tiny images keep zxing's binariser and also get its downscaled passes, which need grey.
 */
const SCREEN = encoded({ tryInvert: true, tryDownscale: false, binarizer: 'FixedThreshold' });
const FILE = encoded({ tryInvert: true, tryDownscale: true });

async function handle(req: PixelsRequest): Promise<FoundCode[]> {
  const module = await zxing;
  const { width, height } = req;
  const count = width * height;
  const ptr = module._malloc(count);
  if (!ptr) throw new RangeError('The decoder could not allocate memory for this image.');
  try {
    const screen = req.kind !== 'file' && width >= 400 && height >= 400;
    // HEAPU8 is read after malloc: growing the heap replaces it.
    const grey = module.HEAPU8.subarray(ptr, ptr + count);
    if (screen) luminance.writeBinarised(new Uint8Array(req.pixels), width, height, grey);
    else luminance.write(new Uint8Array(req.pixels), width, height, grey);
    const options = screen ? SCREEN : FILE;
    const results = module.readBarcodesFromPixmap(ptr, width, height, options);
    const codes: FoundCode[] = [];
    try {
      for (let i = 0; i < results.size(); i++) {
        const r = results.get(i);
        if (!r?.isValid) continue;
        const p = r.position;
        const xs = [p.topLeft.x, p.topRight.x, p.bottomRight.x, p.bottomLeft.x];
        const ys = [p.topLeft.y, p.topRight.y, p.bottomRight.y, p.bottomLeft.y];
        const x = Math.min(...xs);
        const y = Math.min(...ys);
        codes.push({
          text: r.text,
          x,
          y,
          width: Math.max(...xs) - x,
          height: Math.max(...ys) - y,
          inverted: r.isInverted,
        });
      }
    } finally {
      (results as { delete?: () => void }).delete?.();
    }
    return codes;
  } finally {
    module.HEAPU8.fill(0, ptr, ptr + count);
    module._free(ptr);
  }
}

parentPort?.on('message', (req: PixelsRequest) => {
  const started = performance.now();
  handle(req)
    .then(
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
    )
    .finally(() => {
      // The screen's pixels that came in are wiped once the answer is out.
      new Uint8Array(req.pixels).fill(0);
    });
});
