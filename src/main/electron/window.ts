import type { BrowserWindowConstructorOptions, Event, HandlerDetails, WebContents } from 'electron';
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalWebLink } from './security';

export interface WindowConfig {
  /** Absolute path of the CommonJS preload bundle. */
  readonly preload: string;
  /** file:// URL of the built index.html, or the dev server's URL in development. */
  readonly appUrl: string;
  readonly isDev: boolean;
  /** Keep the window out of screenshots and screen shares (the user can turn it off). */
  readonly contentProtection: boolean;
  /** Absolute path of the window icon (resources/icon.png): the taskbar and Alt-Tab on Linux and Windows. */
  readonly icon: string;
}

/** The one set of window options: every hardening flag is explicit so a test can pin it. */
export function windowOptions(
  config: Pick<WindowConfig, 'preload' | 'isDev' | 'icon'>,
): BrowserWindowConstructorOptions {
  return {
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Twofold',
    icon: config.icon,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: config.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: config.isDev,
    },
  };
}

/**
 * Denies every navigation and new window. Links to http(s) pages open in the
 * OS browser; any other scheme (file:, javascript:, custom protocols) is
 * dropped, so a compromised page cannot load itself elsewhere or open apps.
 */
export function hardenWebContents(contents: WebContents, config: Pick<WindowConfig, 'appUrl' | 'isDev'>): void {
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    if (isExternalWebLink(details.url)) void shell.openExternal(details.url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event: Event, url: string) => {
    if (isAppUrl(url, config.appUrl) && config.isDev) return; // the dev server's own reload
    event.preventDefault();
    if (isExternalWebLink(url)) void shell.openExternal(url);
  });
  contents.on('will-redirect', (event: Event) => event.preventDefault());
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
  if (!config.isDev) {
    // Belt and braces with webPreferences.devTools: close them if anything opens them.
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

/** Sends the CSP as a header and refuses every permission the page might ask for (camera, notifications…). */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** The hardened window factory: the only place a BrowserWindow is made. */
export function createMainWindow(config: WindowConfig): BrowserWindow {
  const win = new BrowserWindow(windowOptions(config));
  hardenWebContents(win.webContents, config);
  win.setContentProtection(config.contentProtection);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(config.appUrl);
  return win;
}
