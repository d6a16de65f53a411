/** Generates QR test images in memory (qrcode + sharp), so no binary fixture is committed. */
import QRCode from 'qrcode';
import sharp from 'sharp';
import type { RawImage } from '../../../../src/main/core/ports';

export async function qrPng(
  text: string,
  width: number,
  opts: { dark?: string; light?: string } = {},
): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: opts.dark ?? '#000000ff', light: opts.light ?? '#ffffffff' },
  });
}

export interface Placed {
  readonly text: string;
  readonly size: number;
  readonly left: number;
  readonly top: number;
  readonly inverted?: boolean;
  /** Module and background colours, for codes that are neither black on white nor the dark-mode pair. */
  readonly colours?: { dark: string; light: string };
}

/** A web-page-like screen: grey background, bars and text, with the given codes placed on it. */
export async function screenshot(
  width: number,
  height: number,
  codes: readonly Placed[],
  format: 'rgba' | 'bgra' = 'bgra',
): Promise<RawImage> {
  const clutter = Array.from({ length: 40 }, (_, i) => {
    const x = (i * 397) % width;
    const y = (i * 211) % height;
    return `<rect x="${x}" y="${y}" width="${200 + (i % 5) * 60}" height="${18 + (i % 3) * 10}" fill="#${i % 2 ? 'd0d4da' : '8a8f99'}"/><text x="${(x + 37) % width}" y="${(y + 53) % height}" font-size="${14 + (i % 4) * 4}" fill="#333">Account settings · Two-factor authentication ${i}</text>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#eef0f3"/>${clutter}</svg>`;
  const layers = await Promise.all(
    codes.map(async (c) => ({
      input: await qrPng(c.text, c.size, c.colours ?? (c.inverted ? { dark: '#f2f2f2ff', light: '#1e1f22ff' } : {})),
      left: c.left,
      top: c.top,
    })),
  );
  const { data, info } = await sharp(Buffer.from(svg))
    .composite(layers)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (format === 'bgra')
    for (let i = 0; i < pixels.length; i += 4) {
      const r = pixels[i] as number;
      pixels[i] = pixels[i + 2] as number;
      pixels[i + 2] = r;
    }
  return { width: info.width, height: info.height, data: pixels, format };
}
