import { expect, type Page } from '@playwright/test';
import { addByPaste, test } from './fixtures';

/** The main authenticator screens in both themes, saved for the README (docs/screenshots/desktop-*.png). */
const ACCOUNTS = [
  ['GitHub', 'octo@example.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ['Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP'],
  ['AWS', 'root@acme.test', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF'],
  ['Dropbox', 'alice@example.com', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'],
  ['Stripe', 'finance@acme.test', 'ONSWG4TFOQYTEMZUGU3DOOBZGAYTEMZU'],
  ['Twofold', 'admin@acme.test', 'NBSWY3DPFQQHO33SNRSCC4TFONZWK4TT'],
] as const;
const uri = ([issuer, label, secret]: readonly string[]) =>
  `otpauth://totp/${encodeURIComponent(issuer ?? '')}:${encodeURIComponent(label ?? '')}?secret=${secret}&issuer=${encodeURIComponent(issuer ?? '')}`;

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 8000 });
  await page.screenshot({ path: `docs/screenshots/desktop-${name}.png` });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`main authenticator screens, ${scheme} theme`, async ({ page, openApp }) => {
    await page.setViewportSize({ width: 1100, height: 720 });
    await openApp({ colorScheme: scheme });
    await addByPaste(page, ACCOUNTS.map(uri));
    await page.getByRole('button', { name: 'Edit AWS' }).click();
    await page.getByLabel('Group').fill('Work');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit Stripe' }).click();
    await page.getByLabel('Group').fill('Work');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('option')).toHaveCount(ACCOUNTS.length);
    await page.getByRole('option', { name: /^GitHub/ }).hover();
    await shoot(page, `codes-${scheme}`);
    await page.getByTestId('add-account').click();
    await shoot(page, `add-${scheme}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('export').click();
    await page.getByRole('radio', { name: /Google Authenticator QR codes/ }).check();
    await shoot(page, `export-${scheme}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('settings').click();
    await shoot(page, `settings-${scheme}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('lock').click();
    await expect(page.getByRole('heading', { name: 'Twofold is locked' })).toBeVisible();
    await shoot(page, `locked-${scheme}`);
  });
}
