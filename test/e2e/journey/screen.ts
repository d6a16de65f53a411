import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import {
  type Authenticator,
  createAuthenticator,
  FixedSavePath,
  MemoryClipboard,
  type RawImage,
} from '../../../src/main/core';

/**
 * The journey's "screen": a screenshot of the whole browser page, decoded to
 * RGBA with sharp and handed to the real authenticator core through its
 * ScreenCapturePort. The PNG is also saved for the README.
 */
export async function pageAsScreen(page: Page, savePath?: string): Promise<RawImage> {
  const png = await page.screenshot({ fullPage: true, ...(savePath ? { path: savePath } : {}) });
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  // A copy with its own ArrayBuffer: the core transfers the buffer to its decode worker.
  return { width: info.width, height: info.height, data: new Uint8Array(data), format: 'rgba' };
}

/** A real authenticator core on a vault in a temp directory; its key goes to the real Secret Service. */
export async function tempAuthenticator(): Promise<{
  core: Authenticator;
  home: string;
  /** What the next scanScreens call sees. */
  show(image: RawImage): void;
  close(): Promise<void>;
}> {
  const home = await mkdtemp(join(tmpdir(), 'twofold-journey-vault-'));
  let screen: RawImage | null = null;
  const core = createAuthenticator({
    home,
    clipboard: new MemoryClipboard(),
    files: new FixedSavePath(null),
    screens: {
      async captureAll() {
        if (!screen) throw new Error('The journey scanned the screen before showing anything on it.');
        const shown = screen;
        screen = null;
        return [shown];
      },
    },
  });
  await core.handlers.vault.create({ useKeychain: true }, undefined);
  return {
    core,
    home,
    show(image) {
      screen = image;
    },
    async close() {
      // The key's keychain entry stays behind in scripts/with-services.sh's throwaway keyring, deleted with it.
      await core.dispose();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Mean luminance (0–255) of a rectangle of a saved screenshot. */
export async function meanLuma(
  pngPath: string,
  box: { x: number; y: number; width: number; height: number },
): Promise<number> {
  const { data, info } = await sharp(pngPath)
    .extract({
      left: Math.round(box.x),
      top: Math.round(box.y),
      width: Math.max(1, Math.round(box.width)),
      height: Math.max(1, Math.round(box.height)),
    })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    sum += 0.2126 * (data[i] ?? 0) + 0.7152 * (data[i + 1] ?? 0) + 0.0722 * (data[i + 2] ?? 0);
  }
  return sum / (data.length / info.channels);
}
