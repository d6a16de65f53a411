import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RawImage, SaveFilePort, ScreenCapturePort } from '../main/core';
import { AppError } from '../shared/result';

/**
 * The bridge's stand-in for the displays: image files the test supplies,
 * decoded to RGBA in memory, one "screen" per file.
 */
export class ImageFileScreens implements ScreenCapturePort {
  constructor(public files: readonly string[] = []) {}

  async captureAll(): Promise<RawImage[]> {
    if (this.files.length === 0) {
      throw new AppError('capture_failed', 'There is no screen to capture here. Open an image file instead.');
    }
    return Promise.all(
      this.files.map(async (file) => {
        const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, data: new Uint8Array(data), format: 'rgba' as const };
      }),
    );
  }
}

/** Saves into one temp directory under the suggested name, where the test can read it. */
export class TempDirFiles implements SaveFilePort {
  readonly dir = mkdtempSync(join(tmpdir(), 'twofold-bridge-out-'));
  /** Set by a test: the next save dialog is cancelled, as a person pressing Cancel. */
  cancelNext = false;
  async chooseSavePath(suggestedName: string): Promise<string | null> {
    if (this.cancelNext) {
      this.cancelNext = false;
      return null;
    }
    return join(this.dir, suggestedName.replace(/[/\\]/g, '_'));
  }
}
