import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  ClipboardItem,
  clipboard,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  screen,
  shell,
  systemPreferences,
  Tray,
} from 'electron';
import { events } from '../shared/ipc';
import { composeDispatcher } from './compose';
import { createAuthenticator } from './core';
import { createTray, QUICK_SEARCH_SHORTCUT } from './electron/desktop';
import { registerIpc } from './electron/ipc';
import { DialogSaveFile, ElectronClipboard, ElectronScreens } from './electron/ports';
import { createMainWindow, hardenSession } from './electron/window';
import type { Logger } from './ipc/dispatcher';

// The Electron adapter: one hardened window, IPC from the shared contract,
// and the desktop ports the plain-Node core needs. Everything else is in
// compose.ts, which the test bridge shares.

const isDev = !app.isPackaged && !!process.env.ELECTRON_RENDERER_URL;
const appUrl = isDev
  ? (process.env.ELECTRON_RENDERER_URL as string)
  : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const home = process.env.TWOFOLD_HOME ?? join(app.getPath('userData'), 'vault');

/** Logs actions and kinds, never values: a message could quote a secret. */
const log: Logger = {
  info: (message, fields) => console.log(`[twofold] ${message}`, fields ?? ''),
  warn: (message, fields) => console.warn(`[twofold] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[twofold] ${message}`, fields ?? ''),
};

let win: BrowserWindow | null = null;
let contentProtection = true;

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  hardenSession();
  const clip = new ElectronClipboard({ clipboard, ClipboardItem, nativeImage, platform: process.platform });
  const core = createAuthenticator({
    home,
    clipboard: clip,
    screens: new ElectronScreens({ desktopCapturer, screen, systemPreferences, platform: process.platform }),
    files: new DialogSaveFile(dialog, () => win),
    log,
  });
  const { dispatcher, dispose } = composeDispatcher({
    core: {
      ...core,
      handlers: {
        ...core.handlers,
        import: {
          ...core.handlers.import,
          // Electron's clipboard is asynchronous: read it before the core looks.
          scanClipboard: async (args, ctx) => {
            await clip.refresh();
            return core.handlers.import.scanClipboard(args, ctx);
          },
        },
      },
    },
    app: {
      version: app.getVersion(),
      platform: process.platform,
      bridge: false,
      getContentProtection: () => contentProtection,
      setContentProtection: (enabled) => {
        contentProtection = enabled;
        win?.setContentProtection(enabled);
      },
      openExternal: (url) => shell.openExternal(url),
    },
    log,
    emit: (event, payload) => win?.webContents.send(event, payload),
    defaultServiceUrl: process.env.TWOFOLD_SERVICE_URL,
  });

  const preload = join(import.meta.dirname, '../preload/index.cjs');
  const icon = join(import.meta.dirname, '../../resources/icon.png');
  const open = () => {
    win = createMainWindow({ preload, appUrl, isDev, contentProtection, icon });
    win.on('closed', () => {
      win = null;
    });
  };
  open();
  registerIpc(ipcMain, dispatcher, { contents: () => win?.webContents ?? null, appUrl }, { via: 'electron' as const });

  const tray = createTray({
    Tray,
    Menu,
    icon: join(import.meta.dirname, '../../resources/tray.png'),
    window: () => win,
    accounts: async () => {
      const r = await dispatcher.dispatch('accounts:list', undefined, { via: 'electron' });
      return r.ok ? (r.value as never) : null;
    },
    copy: (id) => void dispatcher.dispatch('codes:copy', { id }, { via: 'electron' }),
    lock: () => void dispatcher.dispatch('vault:lock', undefined, { via: 'electron' }),
    quit: () => app.quit(),
  });
  void tray.refresh();
  core.onVaultChanged(() => void tray.refresh());

  globalShortcut.register(QUICK_SEARCH_SHORTCUT, () => {
    if (!win) open();
    win?.show();
    win?.focus();
    win?.webContents.send(events.app.quickSearch.name, null);
  });

  app.on('second-instance', () => {
    win?.show();
    win?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    tray.destroy();
    void dispose();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
