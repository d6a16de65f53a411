import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { addByPaste, expect, shownCode, test, totpNow } from './fixtures';

/** Export: main writes the file through the save port; the page only learns where. */
const ACME = 'JBSWY3DPEHPK3PXP';
const ACME_URI = `otpauth://totp/ACME%20Corp:alice%40example.com?secret=${ACME}&issuer=ACME%20Corp`;
const GLOBEX = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const GLOBEX_URI = `otpauth://totp/Globex:bob%40globex.test?secret=${GLOBEX}&issuer=Globex`;

test('the encrypted backup asks for the passphrase twice and writes no secret in the clear', async ({
  page,
  openApp,
}) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.getByTestId('export').click();
  const dialog = page.getByRole('dialog', { name: 'Export accounts' });
  await expect(dialog.getByRole('radio', { name: /Encrypted backup/ })).toBeChecked();
  await page.getByTestId('export-passphrase').fill('short');
  await expect(dialog.getByRole('alert')).toHaveText('A backup passphrase needs at least 8 characters.');
  await page.getByTestId('export-passphrase').fill('correct horse battery');
  await page.getByTestId('export-confirm').fill('correct horse batter');
  await expect(dialog.getByRole('alert')).toHaveText('The two passphrases differ. Type the same passphrase twice.');
  await expect(page.getByTestId('export-save')).toBeDisabled();
  await page.getByTestId('export-confirm').fill('correct horse battery');
  await page.getByTestId('export-save').click();
  await expect(page.getByRole('dialog', { name: 'Export saved' })).toContainText('Saved 2 accounts to:');
  const path = await page.getByTestId('export-path').innerText();
  expect(dirname(path)).toBe(bridge.outputDir);
  expect(path).toMatch(/twofold-backup-\d{4}-\d{2}-\d{2}\.twofold-backup$/);
  const file = readFileSync(path);
  for (const clear of [ACME, GLOBEX, 'alice@example.com', 'correct horse battery']) {
    expect(file.includes(Buffer.from(clear))).toBe(false);
  }
  // The page got a path and a count, never the file's contents.
  expect(await page.content()).not.toContain(ACME);
});

test('otpauth links: a warning first, only the ticked accounts, and the file is where the page says', async ({
  page,
  openApp,
}) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.getByTestId('export').click();
  await page.getByRole('radio', { name: /otpauth:\/\/ links/ }).check();
  await expect(page.getByRole('note')).toContainText('This file is not encrypted.');
  await expect(page.getByTestId('export-save')).toBeDisabled();
  await page
    .getByRole('list', { name: 'Accounts to export' })
    .getByRole('checkbox', { name: /Globex/ })
    .uncheck();
  await expect(page.getByText('Accounts: 1 of 2')).toBeVisible();
  await page.getByRole('checkbox', { name: /I understand/ }).check();
  await page.getByTestId('export-save').click();
  await expect(page.getByRole('dialog', { name: 'Export saved' })).toContainText('Saved 1 account to:');
  await expect(page.getByRole('note')).toContainText('holds your secret keys in plain text');
  const path = await page.getByTestId('export-path').innerText();
  expect(dirname(path)).toBe(bridge.outputDir);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^otpauth:\/\/totp\/ACME%20Corp:alice%40example\.com\?/);
  expect(lines[0]).toContain(`secret=${ACME}`);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('Google Authenticator QR codes: the exported image imports into a fresh vault when shown on screen', async ({
  page,
  openApp,
}) => {
  await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.getByTestId('export').click();
  await page.getByRole('radio', { name: /Google Authenticator QR codes/ }).check();
  await expect(page.getByRole('note')).toContainText('This file is not encrypted.');
  await page.getByRole('checkbox', { name: /I understand/ }).check();
  await page.getByTestId('export-save').click();
  await expect(page.getByRole('dialog', { name: 'Export saved' })).toContainText('Saved 2 accounts to:');
  const png = await page.getByTestId('export-path').innerText();
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

  // As a phone would: a second vault scans the exported QR code off the "screen".
  const phone = await openApp();
  phone.screens.files = [png];
  await page.getByTestId('add-account').click();
  await page.getByRole('button', { name: /^Scan screens/ }).click();
  await expect(page.getByRole('list', { name: 'Accounts found' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Review 2' }).click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('option')).toHaveCount(2);
  await expect.poll(async () => (await shownCode(page, 'ACME Corp')) === totpNow(ACME)).toBe(true);
  await expect.poll(async () => (await shownCode(page, 'Globex')) === totpNow(GLOBEX)).toBe(true);
});

test('cancelling the save dialog writes nothing and says so', async ({ page, openApp }) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI]);
  await page.getByTestId('export').click();
  await page.getByRole('radio', { name: /otpauth:\/\/ links/ }).check();
  await page.getByRole('checkbox', { name: /I understand/ }).check();
  bridge.saveDialog.cancelNext = true;
  await page.getByTestId('export-save').click();
  await expect(page.getByRole('status')).toContainText('Export cancelled. Nothing was written.');
  await expect(page.getByRole('dialog', { name: 'Export accounts' })).toBeVisible();
  expect(readdirSync(bridge.outputDir)).toEqual([]);
});
