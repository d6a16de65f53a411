import type { Bridge } from '../../../src/bridge/server';
import type { VaultStatus } from '../../../src/shared/ipc/vault';
import { addByPaste, expect, shownCode, test, totpNow } from './fixtures';

/** Settings: auto-lock, screen-sharing protection, and the passphrase slot with passphrase unlock. */
const ACME = 'JBSWY3DPEHPK3PXP';
const ACME_URI = `otpauth://totp/ACME%20Corp:alice%40example.com?secret=${ACME}&issuer=ACME%20Corp`;
const PASSPHRASE = 'violet staple orbit';

/** What the core itself says, read past the page. */
async function coreStatus(bridge: Bridge): Promise<VaultStatus> {
  const r = await bridge.composition.dispatcher.dispatch('vault:status', undefined, { via: 'bridge' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as VaultStatus;
}

test('a passphrase added in Settings unlocks the vault; a wrong one is refused in a sentence', async ({
  page,
  openApp,
}) => {
  const bridge = await openApp();
  await addByPaste(page, [ACME_URI]);
  await page.getByTestId('settings').click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('button', { name: 'Add passphrase' })).toBeDisabled();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('new-passphrase-confirm').fill(`${PASSPHRASE}!`);
  await expect(dialog.getByRole('alert')).toHaveText('The two passphrases differ. Type the same passphrase twice.');
  await page.getByTestId('new-passphrase-confirm').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Add passphrase' }).click();
  await expect(page.getByRole('status')).toContainText('Passphrase saved');
  await expect(dialog.getByRole('button', { name: 'Change passphrase' })).toBeVisible();
  expect((await coreStatus(bridge)).slots).toEqual(expect.arrayContaining(['keychain', 'passphrase']));
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByTestId('lock').click();
  await expect(page.getByRole('heading', { name: 'Twofold is locked' })).toBeVisible();
  await page.getByTestId('passphrase').fill('wrong passphrase');
  await page.getByRole('button', { name: 'Unlock with passphrase' }).click();
  const refusal = page.getByTestId('lock-screen').getByRole('alert');
  await expect(refusal).toBeVisible();
  await expect(refusal).not.toContainText('wrong passphrase');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByTestId('passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock with passphrase' }).click();
  await expect.poll(async () => (await shownCode(page, 'ACME Corp')) === totpNow(ACME)).toBe(true);
});

test('the auto-lock time is saved by the core, kept across a reload, and the window follows an auto-lock', async ({
  page,
  openApp,
}) => {
  const bridge = await openApp();
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('auto-lock')).toHaveValue('300');
  await page.getByTestId('auto-lock').selectOption({ label: 'After 1 minute' });
  await expect(page.getByRole('status')).toContainText('Auto-lock saved.');
  expect((await coreStatus(bridge)).autoLockSeconds).toBe(60);
  await page.getByTestId('auto-lock').selectOption({ label: 'Never' });
  await expect.poll(async () => (await coreStatus(bridge)).autoLockSeconds).toBe(0);

  await page.reload();
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('auto-lock')).toHaveValue('0');
  await page.keyboard.press('Escape');

  // The lock a short timeout causes reaches the window; a value set outside the menu is shown as it is.
  await bridge.composition.dispatcher.dispatch('vault:set-auto-lock', { seconds: 2 }, { via: 'bridge' });
  await expect(page.getByRole('heading', { name: 'Twofold is locked' })).toBeVisible({ timeout: 8000 });
  await bridge.composition.dispatcher.dispatch('vault:set-auto-lock', { seconds: 120 }, { via: 'bridge' });
  await page.getByTestId('unlock').click();
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('auto-lock').locator('option:checked')).toHaveText('After 2 minutes');
  await page.getByTestId('auto-lock').selectOption({ label: 'After 15 minutes' });
  await expect.poll(async () => (await coreStatus(bridge)).autoLockSeconds).toBe(900);
});

test('screen-sharing protection is switched from Settings', async ({ page, openApp }) => {
  const bridge = await openApp();
  const info = async () => {
    const r = await bridge.composition.dispatcher.dispatch('app:info', undefined, { via: 'bridge' });
    return r.ok ? (r.value as { contentProtection: boolean }).contentProtection : null;
  };
  await page.getByTestId('settings').click();
  const toggle = page.getByTestId('settings-content-protection');
  await expect(toggle).not.toBeChecked();
  // The box follows main's answer, not the click: it is ticked once main says protection is on.
  await toggle.click();
  await expect(toggle).toBeChecked();
  expect(await info()).toBe(true);
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  expect(await info()).toBe(false);
});
