import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { type Bridge, startBridge } from '../../../src/bridge/server';

/**
 * The desktop window in Chromium: the built renderer served by the loopback
 * bridge, over the real core (a temp vault, the real Secret Service under
 * scripts/with-services.sh) and, for the console, a real service.
 */
export const CLEAR_SECONDS = 2;

export interface OpenOptions {
  readonly serviceUrl?: string;
  readonly screens?: readonly string[];
  readonly colorScheme?: 'light' | 'dark';
}

export const test = base.extend<{ openApp: (opts?: OpenOptions) => Promise<Bridge> }>({
  openApp: async ({ page }, use) => {
    const opened: { bridge: Bridge; home: string }[] = [];
    await use(async (opts = {}) => {
      const home = mkdtempSync(join(tmpdir(), 'twofold-e2e-vault-'));
      const bridge = await startBridge({
        home,
        serviceUrl: opts.serviceUrl,
        screens: opts.screens,
        clipboardClearSeconds: CLEAR_SECONDS,
      });
      opened.push({ bridge, home });
      if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
      await page.goto(bridge.url);
      await createVault(page);
      return bridge;
    });
    for (const { bridge, home } of opened) {
      await bridge.close();
      rmSync(home, { recursive: true, force: true });
    }
  },
});

export { expect };

/** First run: the vault is created with its key in the OS keychain. */
export async function createVault(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByTestId('add-account')).toBeVisible();
}

export function totpNow(secret: string, opts: { digits?: number; period?: number; algorithm?: string } = {}): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    digits: opts.digits ?? 6,
    period: opts.period ?? 30,
    algorithm: opts.algorithm ?? 'SHA1',
  }).generate();
}

/** Adds accounts through the Paste surface, the dry run and the import. */
export async function addByPaste(page: Page, uris: readonly string[]): Promise<void> {
  await page.getByTestId('add-account').click();
  await page.getByRole('button', { name: /^Paste/ }).click();
  await page.getByTestId('paste-text').fill(uris.join('\n'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: /^Review/ }).click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('dialog')).toBeHidden();
}

/** The code shown in an account's row, digits only. */
export async function shownCode(page: Page, name: string): Promise<string> {
  const text = await page
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .getByTestId('code')
    .innerText();
  return text.replace(/\s/g, '');
}
