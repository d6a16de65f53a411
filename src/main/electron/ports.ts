import type { Clipboard, DesktopCapturer, Dialog, NativeImage, Screen, SystemPreferences } from 'electron';
import { AppError } from '../../shared/result';
import type { ClipboardPort, RawImage, SaveFilePort, ScreenCapturePort } from '../core/ports';

/**
 * The core's desktop ports over Electron. They take the Electron modules as
 * arguments so the unit tests can hand in mocks, and so nothing here runs at
 * import time.
 */

function toRaw(image: NativeImage): RawImage | null {
  if (image.isEmpty()) return null;
  const { width, height } = image.getSize();
  // toBitmap() is BGRA on every platform; the decode worker converts.
  return { width, height, data: new Uint8Array(image.toBitmap()), format: 'bgra' };
}

const CONCEALED = 'electron application/osclipboard;format="org.nspasteboard.ConcealedType"';

export interface ClipboardDeps {
  readonly clipboard: Pick<Clipboard, 'write' | 'writeText' | 'readText' | 'read' | 'clear'>;
  readonly ClipboardItem: new (items: Record<string, string>) => Electron.ClipboardItem;
  readonly nativeImage: { createFromBuffer(buffer: Buffer): NativeImage };
  readonly platform: NodeJS.Platform;
}

/**
 * The OS clipboard. Electron's clipboard is asynchronous while the core's port
 * is synchronous, so this adapter keeps a snapshot:
 * - writeText writes through and remembers what we wrote;
 * - the core's "clear if it still holds our code" (readText, then
 *   writeText('')) is re-checked against the real clipboard before clearing,
 *   so a code is never cleared over something the user copied since;
 * - `refresh()` reads the clipboard's text and image into the snapshot; the
 *   adapter calls it before the core's scanClipboard reads them.
 */
export class ElectronClipboard implements ClipboardPort {
  private written = '';
  private snapshot: { text: string; image: RawImage | null } | null = null;
  /** The last write or clear, so tests and quit can wait for it. */
  pending: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ClipboardDeps) {}

  writeText(text: string, opts: { concealed: boolean }): void {
    const { clipboard } = this.deps;
    if (text === '') {
      const ours = this.written;
      this.written = '';
      this.pending = clipboard
        .readText()
        .then((current) => (current === ours ? clipboard.clear() : undefined))
        .catch(() => undefined);
      return;
    }
    this.written = text;
    this.snapshot = null;
    // On macOS the ConcealedType marker keeps clipboard managers from recording the code; both go in one atomic write.
    const item =
      opts.concealed && this.deps.platform === 'darwin'
        ? new this.deps.ClipboardItem({ 'text/plain': text, [CONCEALED]: '' })
        : new this.deps.ClipboardItem({ 'text/plain': text });
    this.pending = clipboard.write([item]).catch(() => clipboard.writeText(text).catch(() => undefined));
  }

  readText(): string {
    return this.snapshot ? this.snapshot.text : this.written;
  }

  readImage(): RawImage | null {
    return this.snapshot?.image ?? null;
  }

  async refresh(): Promise<void> {
    const { clipboard, nativeImage } = this.deps;
    const text = await clipboard.readText().catch(() => '');
    let image: RawImage | null = null;
    const items = await clipboard.read().catch(() => []);
    for (const item of items) {
      const type = item.types.find((t) => t === 'image/png' || t === 'image/jpeg' || t === 'image/webp');
      if (!type) continue;
      const blob = await item.getType(type);
      if (blob instanceof Blob) image = toRaw(nativeImage.createFromBuffer(Buffer.from(await blob.arrayBuffer())));
      if (image) break;
    }
    this.snapshot = { text, image };
  }
}

const PERMISSION_HELP_MAC =
  'Twofold may not record the screen. Open System Settings → Privacy & Security → Screen Recording, switch Twofold on, then reopen Twofold.';
const PERMISSION_HELP_LINUX =
  'The screen could not be captured: the desktop refused or no sharing dialog appeared. On Wayland, choose each screen in the sharing dialog and press Share; if none appears, install xdg-desktop-portal for your desktop. You can also open a screenshot file instead.';

export interface ScreenDeps {
  readonly desktopCapturer: Pick<DesktopCapturer, 'getSources'>;
  readonly screen: Pick<Screen, 'getAllDisplays'>;
  readonly systemPreferences?: Pick<SystemPreferences, 'getMediaAccessStatus'>;
  readonly platform: NodeJS.Platform;
}

/**
 * Every display at full resolution, in memory only. The thumbnail size is the
 * largest display's physical pixel size, so a small QR code on a 4K or Retina
 * screen keeps every module.
 */
export class ElectronScreens implements ScreenCapturePort {
  constructor(private readonly deps: ScreenDeps) {}

  async captureAll(): Promise<RawImage[]> {
    const { platform } = this.deps;
    if (platform === 'darwin' && this.deps.systemPreferences?.getMediaAccessStatus('screen') === 'denied') {
      throw new AppError('capture_permission', PERMISSION_HELP_MAC);
    }
    const displays = this.deps.screen.getAllDisplays();
    const width = Math.max(1, ...displays.map((d) => Math.round(d.size.width * d.scaleFactor)));
    const height = Math.max(1, ...displays.map((d) => Math.round(d.size.height * d.scaleFactor)));
    let sources: Awaited<ReturnType<DesktopCapturer['getSources']>>;
    try {
      sources = await this.deps.desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width, height } });
    } catch {
      throw new AppError('capture_permission', platform === 'darwin' ? PERMISSION_HELP_MAC : PERMISSION_HELP_LINUX);
    }
    const images = sources.map((s) => toRaw(s.thumbnail)).filter((i): i is RawImage => i !== null);
    if (images.length === 0) {
      throw new AppError('capture_permission', platform === 'darwin' ? PERMISSION_HELP_MAC : PERMISSION_HELP_LINUX);
    }
    return images;
  }
}

/** The save dialog, parented to our window. */
export class DialogSaveFile implements SaveFilePort {
  constructor(
    private readonly dialog: Pick<Dialog, 'showSaveDialog'>,
    private readonly parent: () => Electron.BaseWindow | null,
  ) {}
  async chooseSavePath(suggestedName: string): Promise<string | null> {
    const parent = this.parent();
    const options = {
      defaultPath: suggestedName,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as const,
    };
    const result = parent
      ? await this.dialog.showSaveDialog(parent, { ...options, properties: [...options.properties] })
      : await this.dialog.showSaveDialog({ ...options, properties: [...options.properties] });
    return result.canceled || !result.filePath ? null : result.filePath;
  }
}
