import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeMigrationUris } from '../../../src/main/core/importer/migration';
import { totpParams } from '../../support/otp-params';
import { addByPaste, expect, shownCode, test, totpNow } from './fixtures';
import { qrSheet } from './images';

/** Every way in that the authenticator spec does not drive: screens, clipboard, Google export pages, backups. */
const ACME = 'JBSWY3DPEHPK3PXP';
const ACME_URI = `otpauth://totp/ACME%20Corp:alice%40example.com?secret=${ACME}&issuer=ACME%20Corp`;
const GLOBEX = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const GLOBEX_URI = `otpauth://totp/Globex:bob%40globex.test?secret=${GLOBEX}&issuer=Globex`;

const imageDir = () => mkdtempSync(join(tmpdir(), 'twofold-e2e-import-'));

/** From the scan result to the vault: review, the dry run, import. */
async function reviewAndImport(page: Page, count: number) {
  await page.getByRole('button', { name: `Review ${count}` }).click();
  await expect(page.getByRole('list', { name: 'Import preview' }).getByRole('listitem')).toHaveCount(count);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('dialog')).toBeHidden();
}

test('scanning screens reads a QR code from every display', async ({ page, openApp }) => {
  const dir = imageDir();
  const bridge = await openApp();
  bridge.screens.files = [await qrSheet(dir, 'left.png', [ACME_URI]), await qrSheet(dir, 'right.png', [GLOBEX_URI])];
  await page.getByTestId('add-account').click();
  await page.getByRole('button', { name: /^Scan screens/ }).click();
  const found = page.getByRole('list', { name: 'Accounts found' });
  await expect(found.getByRole('listitem')).toHaveCount(2);
  await expect(found).toContainText('ACME Corp');
  await expect(found).toContainText('Globex');
  await reviewAndImport(page, 2);
  await expect(page.getByRole('option')).toHaveCount(2);
  await expect.poll(async () => (await shownCode(page, 'Globex')) === totpNow(GLOBEX)).toBe(true);
});

test('a screen without a QR code says so in a sentence', async ({ page, openApp }) => {
  const bridge = await openApp();
  bridge.screens.files = [await qrSheet(imageDir(), 'blank.png', [])];
  await page.getByTestId('add-account').click();
  await page.getByRole('button', { name: /^Scan screens/ }).click();
  await expect(page.getByRole('dialog')).toContainText('No QR code or account was found in the image');
  await expect(page.getByRole('button', { name: /^Review/ })).toBeDisabled();
});

test('reading the clipboard imports the otpauth link on it, and an empty clipboard is explained', async ({
  page,
  openApp,
}) => {
  const bridge = await openApp();
  await page.getByTestId('add-account').click();
  await page.getByRole('button', { name: /^Paste/ }).click();
  await page.getByRole('button', { name: 'Read clipboard' }).click();
  await expect(page.getByRole('alert')).toContainText('The clipboard holds no image and no otpauth:// link');
  bridge.clipboard.text = `Your key:\n${ACME_URI}\n`;
  await page.getByRole('button', { name: 'Read clipboard' }).click();
  await expect(page.getByRole('list', { name: 'Accounts found' })).toContainText('ACME Corp');
  await reviewAndImport(page, 1);
  await expect.poll(async () => (await shownCode(page, 'ACME Corp')) === totpNow(ACME)).toBe(true);
});

const googleAccount = (label: string, n: number) => totpParams('Google', label, n);

test('a Google Authenticator export over two QR pages lists the missing page, then imports once whole', async ({
  page,
  openApp,
}) => {
  const dir = imageDir();
  // Two pages of one batch, built as the core's own tests build them (two accounts per page).
  const { uris } = encodeMigrationUris(
    [googleAccount('ann@example.com', 1), googleAccount('ben@example.com', 2), googleAccount('cat@example.com', 3)],
    4242,
    2,
  );
  expect(uris).toHaveLength(2);
  const [first, second] = await Promise.all(uris.map((u, i) => qrSheet(dir, `page-${i + 1}.png`, [u])));
  await openApp();
  await page.getByTestId('add-account').click();
  await page.getByTestId('image-input').setInputFiles(second as string);
  const pending = page.getByRole('status').filter({ hasText: 'Google Authenticator export' });
  await expect(pending).toContainText('1 of 2 pages collected. Still missing page 1.');
  await expect(page.getByRole('button', { name: /^Review/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Scan more' }).click();
  await page.getByTestId('image-input').setInputFiles(first as string);
  const found = page.getByRole('list', { name: 'Accounts found' });
  await expect(found.getByRole('listitem')).toHaveCount(3);
  await expect(pending).toHaveCount(0);
  await reviewAndImport(page, 3);
  for (const label of ['ann@example.com', 'ben@example.com', 'cat@example.com']) {
    await expect(page.getByRole('option', { name: `Google, ${label}` })).toHaveCount(1);
  }
  await expect(page.getByRole('option')).toHaveCount(3);
});

test('an encrypted backup imports into a fresh vault, the dry run telling duplicates from new', async ({
  page,
  openApp,
}) => {
  const passphrase = 'correct horse battery';
  const first = await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.getByTestId('export').click();
  await page.getByTestId('export-passphrase').fill(passphrase);
  await page.getByTestId('export-confirm').fill(passphrase);
  await page.getByTestId('export-save').click();
  const backup = await page.getByTestId('export-path').innerText();
  expect(backup.startsWith(first.outputDir)).toBe(true);

  await openApp(); // a second, empty vault in the same page
  await addByPaste(page, [GLOBEX_URI]);
  await page.getByTestId('add-account').click();
  await page.getByRole('button', { name: /^Import backup/ }).click();
  await page.getByLabel('Backup file').setInputFiles(backup);
  await page.getByLabel('Backup passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Read backup' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('alert')).not.toContainText('not the passphrase');
  await page.getByLabel('Backup file').setInputFiles(backup);
  await page.getByLabel('Backup passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Read backup' }).click();
  await expect(page.getByRole('list', { name: 'Accounts found' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Review 2' }).click();
  const preview = page.getByRole('list', { name: 'Import preview' });
  const globex = preview.getByRole('listitem').filter({ hasText: 'Globex' });
  const acme = preview.getByRole('listitem').filter({ hasText: 'ACME Corp' });
  await expect(globex).toContainText('Already in your vault');
  await expect(globex.getByRole('checkbox')).not.toBeChecked();
  await expect(acme).toContainText('New');
  await expect(acme.getByRole('checkbox')).toBeChecked();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('option')).toHaveCount(2);
  await expect.poll(async () => (await shownCode(page, 'ACME Corp')) === totpNow(ACME)).toBe(true);
});
