/**
 * Decoding generated QR images of every import kind through the real worker:
 * image files (PNG, JPEG, WebP), a screen capture holding two codes (one in
 * dark mode), the clipboard image, and a Google export spread over two codes.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMigrationUris } from '../../../../src/main/core/importer/migration';
import type { RawImage } from '../../../../src/main/core/ports';
import { QrDecoder } from '../../../../src/main/core/qr/decoder';
import { totpParams } from '../../../support/otp-params';
import { core, PASS, tempHome } from './helpers';
import { qrPng, screenshot } from './qr';

const TOTP = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=GitHub';
const HOTP = 'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7&issuer=Bank';
const PALE = 'otpauth://totp/Pale:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Pale';
const account = (label: string, n: number) => totpParams('Google', label, n);

let t: ReturnType<typeof tempHome>;
let c: ReturnType<typeof core>;
let screens: RawImage[] = [];
beforeAll(async () => {
  t = tempHome();
  c = core(t.home, { screens: { captureAll: async () => screens } });
  await c.h.vault.create({ passphrase: PASS, useKeychain: false }, null);
});
afterAll(async () => {
  await c.auth.dispose();
  t.cleanup();
});

describe('QR import from images', () => {
  it.each([
    ['PNG', (b: Buffer) => sharp(b).png().toBuffer()],
    ['JPEG', (b: Buffer) => sharp(b).flatten({ background: '#fff' }).jpeg({ quality: 85 }).toBuffer()],
    ['WebP', (b: Buffer) => sharp(b).webp({ quality: 90 }).toBuffer()],
  ])('reads an otpauth code from a %s file, with its position', async (_name, convert) => {
    const bytes = await convert(await qrPng(TOTP, 300));
    const report = await c.h.import.scanImages({ files: [{ name: 'code', bytes: new Uint8Array(bytes) }] }, null);
    expect(report).toMatchObject({ images: 1, qrCodes: 1, rejected: [] });
    expect(report.candidates).toMatchObject([
      { source: 'otpauth', issuer: 'GitHub', label: 'alice', position: { image: 0 } },
    ]);
    const pos = report.candidates[0]?.position;
    expect(pos?.x).toBeGreaterThan(5);
    expect(pos?.width).toBeGreaterThan(200);
  });

  it('finds both codes on a BGRA screen capture, one of them in dark mode', async () => {
    screens = [
      await screenshot(1920, 1080, [
        { text: TOTP, size: 260, left: 300, top: 200 },
        { text: HOTP, size: 260, left: 1300, top: 600, inverted: true },
      ]),
    ];
    const report = await c.h.import.scanScreens(undefined, null);
    expect(report.qrCodes).toBe(2);
    const found = report.candidates.map((x) => [x.label, x.type, Math.round((x.position?.x ?? 0) / 100)]);
    expect(found.sort()).toEqual([
      ['alice', 'totp', 3],
      ['bob', 'hotp', 13],
    ]);
  });

  it('reports a screen with no code as nothing found, and a non-OTP code with its reason', async () => {
    screens = [
      await screenshot(1280, 800, []),
      await screenshot(1280, 800, [{ text: 'https://example.com/', size: 200, left: 40, top: 40 }]),
    ];
    const report = await c.h.import.scanScreens(undefined, null);
    expect(report).toMatchObject({ images: 2, qrCodes: 1, candidates: [] });
    expect(report.rejected).toEqual([
      { reason: expect.stringMatching(/not an authenticator code/), position: expect.objectContaining({ image: 1 }) },
    ]);
  });

  it('reads the clipboard image', async () => {
    const { data, info } = await sharp(await qrPng(HOTP, 240))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    c.clipboard.image = { width: info.width, height: info.height, data: new Uint8Array(data), format: 'rgba' };
    const report = await c.h.import.scanClipboard(undefined, null);
    expect(report.candidates).toMatchObject([{ label: 'bob', type: 'hotp' }]);
    c.clipboard.image = null;
  });

  it('collects a Google export over two QR images and imports it once whole', async () => {
    const { uris } = encodeMigrationUris([account('one', 1), account('two', 2), account('three', 3)], 99, 2);
    expect(uris).toHaveLength(2);
    const page = async (i: number) => new Uint8Array(await qrPng(uris[i] as string, 400));
    const first = await c.h.import.scanImages({ files: [{ bytes: await page(1) }] }, null);
    expect(first.batches).toEqual([{ batchId: 99, size: 2, collected: [1], missing: [0], complete: false }]);
    expect(first.candidates).toEqual([]);
    const second = await c.h.import.scanImages({ files: [{ bytes: await page(0) }] }, null);
    expect(second.batches[0]?.complete).toBe(true);
    expect(second.candidates.map((x) => x.label).sort()).toEqual(['one', 'three', 'two']);
    const preview = await c.h.import.preview({ candidateIds: second.candidates.map((x) => x.id) }, null);
    expect(preview.items.map((i) => i.status)).toEqual(['new', 'new', 'new']);
    const done = await c.h.import.commit({ previewId: preview.previewId }, null);
    expect(done.imported).toHaveLength(3);
  });

  it('refuses a file that is not an image, naming it', async () => {
    await expect(
      c.h.import.scanImages({ files: [{ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }] }, null),
    ).rejects.toMatchObject({
      code: 'unsupported_image',
      message: expect.stringContaining('notes.txt'),
    });
  });
});

describe('the decode worker', () => {
  it('takes the pixel buffer by transfer and never blocks the main event loop', async () => {
    const decoder = new QrDecoder();
    const image = await screenshot(3840, 2160, [{ text: TOTP, size: 240, left: 2000, top: 1200 }]);
    let last = performance.now();
    let worstGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const codes = await decoder.decode(image, 'screen');
    clearInterval(tick);
    await decoder.close();
    expect(codes.map((x) => x.text)).toEqual([TOTP]);
    expect(image.data.byteLength).toBe(0); // detached: the buffer moved to the worker, it was not copied
    expect(worstGap).toBeLessThan(100);
  });

  it('finds a normal and a small dark-mode code on one screen, each with its polarity', async () => {
    const decoder = new QrDecoder();
    const image = await screenshot(2560, 1440, [
      { text: TOTP, size: 240, left: 200, top: 200 },
      { text: HOTP, size: 110, left: 1800, top: 900, inverted: true },
    ]);
    const codes = await decoder.decode(image, 'screen');
    await decoder.close();
    expect(codes.map((c) => [c.text, c.inverted]).sort()).toEqual([
      [HOTP, true],
      [TOTP, false],
    ]);
  });

  it('finds a normal and a 130 px dark-mode code on a 4K screen, each where it is', async () => {
    const decoder = new QrDecoder();
    const image = await screenshot(3840, 2160, [
      { text: TOTP, size: 240, left: 300, top: 300 },
      { text: HOTP, size: 130, left: 3000, top: 1700, inverted: true },
    ]);
    const codes = await decoder.decode(image, 'screen');
    await decoder.close();
    expect(codes.map((c) => [c.text, c.inverted]).sort()).toEqual([
      [HOTP, true],
      [TOTP, false],
    ]);
    const dark = codes.find((c) => c.inverted);
    expect(dark?.x).toBeGreaterThan(2990);
    expect(dark?.y).toBeGreaterThan(1690);
  });

  it("finds codes of low contrast and of colour on a screen, as zxing's own local threshold does", async () => {
    const decoder = new QrDecoder();
    const image = await screenshot(2560, 1440, [
      { text: TOTP, size: 240, left: 300, top: 400, colours: { dark: '#555555ff', light: '#b0b0b0ff' } },
      { text: HOTP, size: 220, left: 1600, top: 700, colours: { dark: '#1a3d7cff', light: '#ffffffff' } },
      // Both greys above a fixed cut at the middle: only a local threshold separates them.
      { text: PALE, size: 240, left: 900, top: 1000, colours: { dark: '#8c8c8cff', light: '#e8e8e8ff' } },
    ]);
    const codes = await decoder.decode(image, 'screen');
    await decoder.close();
    expect(codes.map((c) => c.text).sort()).toEqual([HOTP, PALE, TOTP].sort());
  });
});
