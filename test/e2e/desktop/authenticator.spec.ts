import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addByPaste, CLEAR_SECONDS, expect, shownCode, test, totpNow } from './fixtures';
import { qrSheet } from './images';

const ACME = 'JBSWY3DPEHPK3PXP';
const ACME_URI = `otpauth://totp/ACME%20Corp:alice%40example.com?secret=${ACME}&issuer=ACME%20Corp`;
const GLOBEX = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const GLOBEX_URI = `otpauth://totp/Globex:bob%40globex.test?secret=${GLOBEX}&issuer=Globex`;

test('a pasted otpauth URI becomes a row whose code is the one otpauth computes for that second', async ({
  page,
  openApp,
}) => {
  await openApp();
  await addByPaste(page, [ACME_URI]);
  const row = page.getByRole('option', { name: /^ACME Corp/ });
  await expect(row).toContainText('alice@example.com');
  await expect(row.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
  await expect.poll(async () => (await shownCode(page, 'ACME Corp')) === totpNow(ACME)).toBe(true);
});

test('an image holding two QR codes lists both, and only the picked one is imported', async ({ page, openApp }) => {
  const dir = mkdtempSync(join(tmpdir(), 'twofold-e2e-img-'));
  const sheet = await qrSheet(dir, 'two-codes.png', [ACME_URI, GLOBEX_URI]);
  await openApp();
  await page.getByTestId('add-account').click();
  await page.getByTestId('image-input').setInputFiles(sheet);
  const found = page.getByRole('list', { name: 'Accounts found' });
  await expect(found.getByRole('listitem')).toHaveCount(2);
  await found.getByRole('checkbox', { name: /ACME Corp/ }).uncheck();
  await page.getByRole('button', { name: 'Review 1' }).click();
  await expect(page.getByRole('list', { name: 'Import preview' })).toContainText('Globex');
  await expect(page.getByRole('list', { name: 'Import preview' })).toContainText('New');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option', { name: /^Globex/ })).toBeVisible();
  await expect.poll(async () => (await shownCode(page, 'Globex')) === totpNow(GLOBEX)).toBe(true);
});

test('copying puts the code on the clipboard, says when it clears, and clears it', async ({ page, openApp }) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI]);
  const shown = await shownCode(page, 'ACME Corp');
  await page.getByRole('option', { name: /^ACME Corp/ }).click();
  await expect(page.getByRole('status')).toContainText(`Copied, clears in ${CLEAR_SECONDS} s`);
  // The shown code, or the next one if the period rolled over between reading and clicking.
  expect([shown, totpNow(ACME)]).toContain(bridge.clipboard.text);
  expect(bridge.clipboard.concealed).toBe(true);
  await expect.poll(() => bridge.clipboard.text, { timeout: (CLEAR_SECONDS + 3) * 1000 }).toBe('');
});

test('keyboard: / searches, arrows move, Enter copies the selected code', async ({ page, openApp }) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.locator('body').press('/');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.type('glob');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: /^Globex/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(() => bridge.clipboard.text).toBe(totpNow(GLOBEX));
});

test('locking hides every code and the keychain unlocks the vault again', async ({ page, openApp }) => {
  await openApp();
  await addByPaste(page, [ACME_URI]);
  await page.getByTestId('lock').click();
  await expect(page.getByRole('heading', { name: 'Twofold is locked' })).toBeVisible();
  await expect(page.getByTestId('code')).toHaveCount(0);
  await page.getByTestId('unlock').click();
  await expect.poll(async () => (await shownCode(page, 'ACME Corp')) === totpNow(ACME)).toBe(true);
});

test('rename, group and delete with undo', async ({ page, openApp }) => {
  await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.getByRole('button', { name: 'Edit ACME Corp' }).click();
  await page.getByLabel('Issuer').fill('Acme Payroll');
  await page.getByLabel('Group').fill('Work');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('option', { name: /^Acme Payroll/ })).toBeVisible();
  await expect(page.getByText('Work', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Edit Globex' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('option', { name: /^Globex/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('option', { name: /^Globex/ })).toBeVisible();
});

test('the quick search palette copies the code of the account typed', async ({ page, openApp }) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI, GLOBEX_URI]);
  await page.keyboard.press('Control+K');
  await page.getByTestId('palette-input').fill('acme');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette-input')).toBeHidden();
  await expect.poll(() => bridge.clipboard.text).toBe(totpNow(ACME));
});
