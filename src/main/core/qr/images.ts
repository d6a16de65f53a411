import sharp from 'sharp';
import { AppError } from '../../../shared/result';
import type { RawImage } from '../ports';

const FORMATS = new Set(['png', 'jpeg', 'webp']);

/** PNG, JPEG or WebP bytes to RGBA pixels, with sharp (libvips runs off the main thread). */
export async function decodeImageFile(bytes: Uint8Array, name = 'The file'): Promise<RawImage> {
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !FORMATS.has(format))
    throw new AppError('unsupported_image', `${name} is not a PNG, JPEG or WebP image.`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .autoOrient()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      format: 'rgba',
    };
  } catch {
    throw new AppError('invalid_image', `${name} could not be read as an image; it may be damaged or too large.`);
  }
}
