import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary, MISSING_ELECTRON } from '../../../scripts/electron-binary.mjs';
import { totpNow } from './fixtures';

/**
 * The real Electron app (out/main/index.js) where its binary is installed.
 * Where it is not (its download host is unreachable here), every test in this
 * file reports a skip that says so and how to get it.
 */
const binary = electronBinary();
test.skip(binary === null, MISSING_ELECTRON);

const SECRET = 'JBSWY3DPEHPK3PXP';

test('the Electron window creates a vault, imports a pasted URI and shows its code', async () => {
  const home = mkdtempSync(join(tmpdir(), 'twofold-electron-'));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: ['.', '--no-sandbox'],
    env: { ...process.env, TWOFOLD_HOME: home },
  });
  try {
    const page = await app.firstWindow();
    // The preload exposes the API, and nothing of Node leaks into the page.
    expect(await page.evaluate(() => typeof (globalThis as { twofold?: unknown }).twofold)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByTestId('add-account').click();
    await page.getByRole('button', { name: /^Paste/ }).click();
    await page.getByTestId('paste-text').fill(`otpauth://totp/ACME:alice%40example.com?secret=${SECRET}&issuer=ACME`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /^Review/ }).click();
    await page.getByTestId('import-confirm').click();
    const code = page.getByRole('option', { name: /^ACME/ }).getByTestId('code');
    await expect.poll(async () => (await code.innerText()).replace(/\s/g, '') === totpNow(SECRET)).toBe(true);

    await page.getByTestId('lock').click();
    await expect(page.getByRole('heading', { name: 'Twofold is locked' })).toBeVisible();
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
});
