import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

/** A stand-in for webContents: records handlers so a test can fire navigation events. */
class FakeContents {
  listeners = new Map<string, Listener>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  closeDevTools = vi.fn();
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  fire(event: string, url: string) {
    const preventDefault = vi.fn();
    this.listeners.get(event)?.({ preventDefault }, url);
    return preventDefault;
  }
}

const created: { options: Record<string, unknown>; win: Record<string, unknown> }[] = [];
const openExternal = vi.fn(async () => undefined);

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents();
    setContentProtection = vi.fn();
    once = vi.fn();
    loadURL = vi.fn(async () => undefined);
    constructor(options: Record<string, unknown>) {
      created.push({ options, win: this as unknown as Record<string, unknown> });
    }
  }
  return { BrowserWindow, shell: { openExternal }, session: { defaultSession: {} } };
});

const { createMainWindow, hardenWebContents, windowOptions } = await import('../../../../src/main/electron/window');

const APP = 'file:///opt/twofold/out/renderer/index.html';
const ICON = '/opt/twofold/resources/icon.png';

beforeEach(() => {
  created.length = 0;
  openExternal.mockClear();
});

describe('window options', () => {
  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
  ])('pins webPreferences.%s to %s', (key, value) => {
    const prefs = windowOptions({ preload: '/p.cjs', isDev: false, icon: ICON }).webPreferences as Record<
      string,
      unknown
    >;
    expect(prefs[key]).toBe(value);
  });

  it.each([
    [false, false],
    [true, true],
  ])('devtools are available only in development (dev=%s)', (isDev, devTools) => {
    expect(windowOptions({ preload: '/p.cjs', isDev, icon: ICON }).webPreferences?.devTools).toBe(devTools);
  });

  it('the factory applies content protection as asked and loads only the app URL', () => {
    createMainWindow({ preload: '/p.cjs', appUrl: APP, isDev: false, contentProtection: true, icon: ICON });
    const win = created[0]?.win as {
      setContentProtection: ReturnType<typeof vi.fn>;
      loadURL: ReturnType<typeof vi.fn>;
    };
    expect(win.setContentProtection).toHaveBeenCalledWith(true);
    expect(win.loadURL).toHaveBeenCalledWith(APP);
  });

  it('the window carries the app icon it was given, in development and in production', () => {
    for (const isDev of [false, true]) {
      createMainWindow({ preload: '/p.cjs', appUrl: APP, isDev, contentProtection: false, icon: ICON });
    }
    expect(created.map((c) => c.options.icon)).toEqual([ICON, ICON]);
  });

  it('the window is created hidden and shown once ready, so no blank frame flashes', () => {
    createMainWindow({ preload: '/p.cjs', appUrl: APP, isDev: false, contentProtection: true, icon: ICON });
    expect(created[0]?.options.show).toBe(false);
    const once = created[0]?.win.once as ReturnType<typeof vi.fn>;
    expect(once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
  });

  it('resources/icon.png, which main passes as the icon, is a square PNG large enough for HiDPI taskbars', () => {
    const png = readFileSync(resolve(import.meta.dirname, '../../../../resources/icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(256);
  });
});

describe('navigation denial', () => {
  const setup = (isDev = false) => {
    const contents = new FakeContents();
    hardenWebContents(contents as never, { appUrl: APP, isDev });
    return contents;
  };

  it.each([
    ['https://evil.example/phish', true],
    ['http://example.com/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
  ])('will-navigate to %s is prevented; opened in the OS browser: %s', (url, external) => {
    const contents = setup();
    expect(contents.fire('will-navigate', url)).toHaveBeenCalled();
    if (external) expect(openExternal).toHaveBeenCalledWith(url);
    else expect(openExternal).not.toHaveBeenCalled();
  });

  it.each([
    ['https://docs.example/help', true],
    ['file:///tmp/x.html', false],
    ['twofold://anything', false],
  ])('window.open(%s) is denied; opened in the OS browser: %s', (url, external) => {
    const contents = setup();
    expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(external ? 1 : 0);
  });

  it('redirects and webviews are refused', () => {
    const contents = setup();
    expect(contents.fire('will-redirect', 'https://x.example')).toHaveBeenCalled();
    expect(contents.fire('will-attach-webview', '')).toHaveBeenCalled();
  });

  it('devtools opened in production are closed again', () => {
    const contents = setup(false);
    contents.listeners.get('devtools-opened')?.();
    expect(contents.closeDevTools).toHaveBeenCalled();
    expect(setup(true).listeners.has('devtools-opened')).toBe(false);
  });
});
