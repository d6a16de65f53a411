import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import { type Composition, composeDispatcher, type IpcContext } from '../main/compose';
import { createAuthenticator, type KeychainPort, MemoryClipboard } from '../main/core';
import { CONTENT_SECURITY_POLICY } from '../main/electron/security';
import type { Logger } from '../main/ipc/dispatcher';
import { decode, encode } from './codec';
import { ImageFileScreens, TempDirFiles } from './ports';

/**
 * The loopback test bridge: serves the built renderer to a browser and
 * answers the preload API over HTTP, calling the very Dispatcher the Electron
 * adapter registers (src/main/compose.ts). Tests and `npm run dev:web` only;
 * src/main/index.ts never imports it, so it is never built into the app.
 */
export interface BridgeOptions {
  /** The vault directory. */
  readonly home: string;
  /** Offered on the console's sign-in form. */
  readonly serviceUrl?: string;
  /** Default: the OS keychain (Secret Service). */
  readonly keychain?: KeychainPort;
  /** Image files that stand in for the displays when the page asks to scan screens. */
  readonly screens?: readonly string[];
  /** The built renderer. Default: out/renderer. */
  readonly rendererDir?: string;
  readonly port?: number;
  readonly log?: Logger;
  /** Seconds before a copied code is cleared (30 in the app); tests shorten it. */
  readonly clipboardClearSeconds?: number;
}

export interface Bridge {
  /** The page URL, token included. */
  readonly url: string;
  /** The clipboard the core writes to, readable by tests. */
  readonly clipboard: MemoryClipboard;
  readonly screens: ImageFileScreens;
  /** Where "save" dialogs put files. */
  readonly outputDir: string;
  /** The save dialog's stand-in (set `cancelNext` to answer Cancel). */
  readonly saveDialog: TempDirFiles;
  /** http(s) links the page asked to open in the OS browser. */
  readonly opened: string[];
  readonly composition: Composition;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const MAX_BODY = 80 * 1024 * 1024;
const quiet: Logger = { info() {}, warn() {}, error() {} };
let clientBundle: Promise<string> | null = null;

function bundleClient(): Promise<string> {
  clientBundle ??= build({
    entryPoints: [join(import.meta.dirname, 'client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return clientBundle;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('hex');
  const rendererDir = resolve(opts.rendererDir ?? 'out/renderer');
  const clipboard = new MemoryClipboard();
  const screens = new ImageFileScreens(opts.screens ?? []);
  const files = new TempDirFiles();
  const opened: string[] = [];
  const clients = new Set<ServerResponse>();
  let contentProtection = false;
  const log = opts.log ?? quiet;

  const core = createAuthenticator({
    home: opts.home,
    keychain: opts.keychain,
    clipboard,
    screens,
    files,
    log,
    clipboardClearSeconds: opts.clipboardClearSeconds,
  });
  const composition = composeDispatcher({
    core,
    app: {
      version: 'bridge',
      platform: process.platform,
      bridge: true,
      getContentProtection: () => contentProtection,
      setContentProtection: (enabled) => {
        contentProtection = enabled;
      },
      openExternal: (url) => {
        opened.push(url);
      },
    },
    log,
    emit: (event, payload) => {
      const data = `data: ${encode({ event, payload })}\n\n`;
      for (const res of clients) res.write(data);
    },
    defaultServiceUrl: opts.serviceUrl,
  });
  const ctx: IpcContext = { via: 'bridge' };
  const client = await bundleClient();
  const tokenBytes = Buffer.from(token);

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'bridge error'));
  });
  server.listen(opts.port ?? 0, '127.0.0.1');
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Loopback only, and no other host name (DNS rebinding) or page (CSRF) may drive the vault.
    if (req.headers.host !== `127.0.0.1:${port}`) return send(res, 403, 'text/plain', 'forbidden');
    const url = new URL(req.url ?? '/', origin);
    const [, given = '', ...rest] = url.pathname.split('/');
    const givenBytes = Buffer.from(given);
    if (givenBytes.length !== tokenBytes.length || !timingSafeEqual(givenBytes, tokenBytes)) {
      return send(res, 404, 'text/plain', 'not found');
    }
    const path = rest.join('/');
    if (path === 'api/invoke' && req.method === 'POST') {
      if (req.headers.origin && req.headers.origin !== origin) return send(res, 403, 'text/plain', 'forbidden');
      const body = decode(await readBody(req)) as { channel?: unknown; args?: unknown };
      const result =
        typeof body?.channel === 'string'
          ? await composition.dispatcher.dispatch(body.channel, body.args, ctx)
          : { ok: false, error: { code: 'invalid_arguments', message: 'The request names no channel.' } };
      return send(res, 200, 'application/json', encode(result));
    }
    if (path === 'api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (path === 'bridge-client.js') return send(res, 200, MIME['.js'] as string, client);
    if (path === '' || path === 'index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
      // A classic script runs before the (deferred) module script, so window.twofold exists first; it sits after the CSP meta.
      const page = html.replace('</head>', '  <script src="./bridge-client.js"></script>\n  </head>');
      return send(res, 200, MIME['.html'] as string, page);
    }
    const file = normalize(join(rendererDir, path));
    if (!file.startsWith(rendererDir + sep)) return send(res, 404, 'text/plain', 'not found');
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) return send(res, 404, 'text/plain', 'not found');
    return send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', bytes);
  }

  return {
    url: `${origin}/${token}/`,
    clipboard,
    screens,
    outputDir: files.dir,
    saveDialog: files,
    opened,
    composition,
    async close() {
      for (const res of clients) res.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await composition.dispose();
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
