/**
 * What the core needs from the desktop, as narrow ports. The Electron adapter
 * implements them over clipboard / desktopCapturer / dialog; the CLI and tests
 * use the in-memory versions below where there is no desktop.
 */
import { AppError } from '../../shared/result';

/** Pixels of one image. Electron's NativeImage.toBitmap() gives BGRA; sharp gives RGBA. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  readonly format: 'rgba' | 'bgra';
}

export interface ClipboardPort {
  /** `concealed` asks the OS to keep the text out of clipboard managers (macOS org.nspasteboard.ConcealedType). */
  writeText(text: string, opts: { concealed: boolean }): void;
  readText(): string;
  readImage(): RawImage | null;
}

export interface ScreenCapturePort {
  /**
   * Every display, in memory only. Throws AppError('capture_permission', …) when the OS refuses
   * (macOS Screen Recording, the Wayland portal) or AppError('capture_failed', …).
   */
  captureAll(): Promise<RawImage[]>;
}

export interface SaveFilePort {
  /** Asks where to save; null when the user cancels. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

/** A clipboard held in memory: the CLI's and the tests' stand-in for the OS clipboard. */
export class MemoryClipboard implements ClipboardPort {
  text = '';
  concealed = false;
  image: RawImage | null = null;
  writeText(text: string, opts: { concealed: boolean }): void {
    this.text = text;
    this.concealed = opts.concealed;
    this.image = null;
  }
  readText(): string {
    return this.text;
  }
  readImage(): RawImage | null {
    return this.image;
  }
}

/** Where there is no display (the CLI, CI), capturing says so instead of pretending the screen is empty. */
export class NoScreens implements ScreenCapturePort {
  async captureAll(): Promise<RawImage[]> {
    throw new AppError(
      'capture_failed',
      'There is no screen to capture here. Scan an image file or paste the otpauth:// link instead.',
    );
  }
}

/** Always saves to one path chosen up front (the CLI's --out). */
export class FixedSavePath implements SaveFilePort {
  constructor(private readonly path: string | null) {}
  async chooseSavePath(): Promise<string | null> {
    return this.path;
  }
}
