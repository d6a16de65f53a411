import { describe, expect, it, vi } from 'vitest';
import { type ClipboardDeps, ElectronClipboard } from '../../../../src/main/electron/ports';

/**
 * Electron 45's clipboard is the W3C-style promise API (readText/read/write
 * resolve later, there is no readImage); the core's ClipboardPort is
 * synchronous. These pin how the adapter bridges the two.
 */
class FakeItem {
  constructor(readonly items: Record<string, string>) {}
}

function setup(platform: NodeJS.Platform = 'linux', image: { width: number; height: number } | null = null) {
  let text = '';
  const clipboard = {
    write: vi.fn(async (items: FakeItem[]) => {
      text = items[0]?.items['text/plain'] ?? '';
    }),
    writeText: vi.fn(async (t: string) => {
      text = t;
    }),
    readText: vi.fn(async () => text),
    read: vi.fn(async () =>
      image
        ? [{ types: ['image/png'], getType: async () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) }]
        : [],
    ),
    clear: vi.fn(() => {
      text = '';
    }),
  };
  const nativeImage = {
    createFromBuffer: vi.fn(() => ({
      isEmpty: () => image === null,
      getSize: () => image ?? { width: 0, height: 0 },
      toBitmap: () => Buffer.alloc((image?.width ?? 0) * (image?.height ?? 0) * 4, 7),
    })),
  };
  const port = new ElectronClipboard({
    clipboard,
    ClipboardItem: FakeItem,
    nativeImage,
    platform,
  } as unknown as ClipboardDeps);
  return {
    port,
    clipboard,
    nativeImage,
    /** What the OS clipboard holds now. */
    current: () => text,
    /** The user copies something in another app. */
    userCopies: (t: string) => {
      text = t;
    },
  };
}

describe('Electron clipboard adapter', () => {
  it('clears a copied code when the clipboard still holds it', async () => {
    const c = setup();
    c.port.writeText('123456', { concealed: true });
    await c.port.pending;
    expect(c.current()).toBe('123456');
    // The core's timer: "if it still holds our code, clear it".
    if (c.port.readText() === '123456') c.port.writeText('', { concealed: false });
    await c.port.pending;
    expect(c.clipboard.clear).toHaveBeenCalledTimes(1);
    expect(c.current()).toBe('');
  });

  it('never clears over something the user copied after the code', async () => {
    const c = setup();
    c.port.writeText('123456', { concealed: true });
    await c.port.pending;
    c.userCopies('meeting notes');
    if (c.port.readText() === '123456') c.port.writeText('', { concealed: false });
    await c.port.pending;
    expect(c.clipboard.clear).not.toHaveBeenCalled();
    expect(c.current()).toBe('meeting notes');
  });

  it.each([
    ['darwin', true],
    ['linux', false],
    ['win32', false],
  ] as const)('on %s, the concealed marker is written with the code in one write: %s', async (platform, marked) => {
    const c = setup(platform);
    c.port.writeText('654321', { concealed: true });
    await c.port.pending;
    const item = c.clipboard.write.mock.calls[0]?.[0]?.[0];
    expect(item?.items['text/plain']).toBe('654321');
    expect(Object.keys(item?.items ?? {}).some((k) => k.includes('org.nspasteboard.ConcealedType'))).toBe(marked);
  });

  it('falls back to a plain text write where the multi-format write is refused', async () => {
    const c = setup();
    c.clipboard.write.mockRejectedValueOnce(new Error('unsupported format'));
    c.port.writeText('111222', { concealed: true });
    await c.port.pending;
    expect(c.clipboard.writeText).toHaveBeenCalledWith('111222');
    expect(c.current()).toBe('111222');
  });

  it('refresh() reads the text and image the user copied, for the core to scan', async () => {
    const c = setup('linux', { width: 2, height: 3 });
    c.userCopies('otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXP');
    expect(c.port.readImage()).toBeNull();
    await c.port.refresh();
    expect(c.port.readText()).toBe('otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXP');
    expect(c.port.readImage()).toMatchObject({ width: 2, height: 3, format: 'bgra' });
    expect(c.port.readImage()?.data).toHaveLength(2 * 3 * 4);
  });

  it('a copy after a refresh makes readText answer our code, not the stale snapshot', async () => {
    const c = setup();
    c.userCopies('old text');
    await c.port.refresh();
    c.port.writeText('999000', { concealed: true });
    expect(c.port.readText()).toBe('999000');
    expect(c.port.readImage()).toBeNull();
  });
});
