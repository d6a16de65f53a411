import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

// The Electron adapter: the window factory, IPC registration and desktop
// integrations are built on top of the plain-Node core in src/main/core.
app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
  void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
});
