import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthenticator, FixedSavePath, MemoryClipboard, NoScreens } from '../../../../src/main/core';
import type { ScreenCapturePort } from '../../../../src/main/core/ports';
import type { KeychainPort } from '../../../../src/main/core/vault/keychain';
import type { Logger } from '../../../../src/main/ipc/dispatcher';

export const PASS = 'correct horse battery staple';

export function tempHome(): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'twofold-core-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** A logger that keeps every line, so tests can prove what never reaches the log. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: put('info'), warn: put('warn'), error: put('error') };
}

export function core(
  home: string,
  extra: { keychain?: KeychainPort; screens?: ScreenCapturePort; savePath?: string | null; now?: () => number } = {},
) {
  const clipboard = new MemoryClipboard();
  const log = recordingLog();
  const auth = createAuthenticator({
    home,
    clipboard,
    screens: extra.screens ?? new NoScreens(),
    files: new FixedSavePath(extra.savePath ?? null),
    log,
    ...(extra.keychain ? { keychain: extra.keychain } : {}),
    ...(extra.now ? { now: extra.now } : {}),
  });
  return { auth, clipboard, log, h: auth.handlers };
}

/** Runs a handler call and returns the AppError it threw, synchronously or not (fails if it did not throw). */
export async function refusal(call: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await call();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to be refused');
}
