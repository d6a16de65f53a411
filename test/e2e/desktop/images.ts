import { join } from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';

/** A PNG holding each URI as its own QR code, side by side on a grey page, like a screenshot. */
export async function qrSheet(dir: string, name: string, uris: readonly string[]): Promise<string> {
  const size = 360;
  const gap = 80;
  const codes = await Promise.all(uris.map((u) => QRCode.toBuffer(u, { width: size, margin: 2 })));
  const file = join(dir, name);
  await sharp({
    create: { width: gap + uris.length * (size + gap), height: size + 2 * gap, channels: 3, background: '#e9ebef' },
  })
    .composite(codes.map((input, i) => ({ input, left: gap + i * (size + gap), top: gap })))
    .png()
    .toFile(file);
  return file;
}
