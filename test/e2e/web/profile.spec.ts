import { expect, type Page, test } from '@playwright/test';
import { enrolTotp } from '../../support/service';
import { backupCodesOnPage, confirmSavedCodes, expectAccessible, nextCode, signIn, signOut, stepNow } from './helpers';
import { type SeededUser, serviceForFile } from './users';

const file = serviceForFile();

interface Me {
  org: { requires2fa?: boolean };
}

/** Signs a freshly enrolled user in through the pages and answers what the profile needs next. */
async function signedInProfile(page: Page, user: SeededUser) {
  const e = await enrolTotp(file.svc.url, user.email, file.svc.demoPassword);
  // enrolTotp enables with the current code, so no step after this one has been used yet.
  let last = stepNow();
  await signIn(page, file.svc.url, user.email, file.svc.demoPassword);
  const first = await nextCode(e.secret, last);
  last = first.step;
  await page.getByLabel('6-digit code').fill(first.code);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const me = (await (
    await page.request.get(`${file.svc.url}/api/me`, { headers: { 'X-Twofold-Client': 'web' } })
  ).json()) as Me;
  /** The next code the service has not seen yet. */
  async function code(): Promise<string> {
    const next = await nextCode(e.secret, last);
    last = next.step;
    return next.code;
  }
  return { ...e, me, code };
}

test('regenerating backup codes needs a current code; the new ten replace the old ones', async ({ page }) => {
  const user = file.take((u) => u.role.startsWith('client'));
  const s = await signedInProfile(page, user);
  await page.getByRole('button', { name: 'Regenerate backup codes' }).click();
  await expect(page.getByRole('heading', { name: 'Make new backup codes' })).toBeFocused();
  await expectAccessible(page, 'the regenerate form');
  await page.getByLabel('6-digit code from your app').fill(await s.code());
  const fresh = await backupCodesOnPage(page);
  expect(fresh.filter((c) => s.backupCodes.includes(c))).toEqual([]);
  await confirmSavedCodes(page);
  await expect(page.getByTestId('backup-remaining')).toContainText('10 of 10');

  // An old code no longer signs in; a new one does.
  await signOut(page);
  for (const [backup, works] of [
    [s.backupCodes[0] ?? '', false],
    [fresh[0] ?? '', true],
  ] as const) {
    await signIn(page, file.svc.url, user.email, file.svc.demoPassword);
    await page.getByRole('button', { name: 'Use a backup code' }).click();
    await page.getByLabel('Backup code').fill(backup);
    await page.getByRole('button', { name: 'Verify' }).click();
    if (works) await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    else await expect(page.getByRole('alert')).toHaveText(/backup code isn’t valid/);
  }
});

test('turning 2FA off is refused, with the reason, when the organisation requires it', async ({ page }) => {
  const user = file.take((u) => u.role.startsWith('client'));
  const s = await signedInProfile(page, user);
  expect(s.me.org.requires2fa, 'the demo organisations require 2FA').toBe(true);
  // The page states the reason up front and offers no form the service would refuse.
  await expect(page.getByTestId('two-factor').getByRole('button', { name: 'Disable 2FA' })).toHaveCount(0);
  await expect(page.getByTestId('disable-refused')).toHaveText(new RegExp(`${user.orgName} requires it`));
  // The service refuses too, with that reason, when asked directly with the right password and code.
  const csrf = (await page.context().cookies(file.svc.url)).find((c) => c.name === 'twofold_csrf')?.value ?? '';
  const res = await page.request.post(`${file.svc.url}/api/me/2fa/disable`, {
    headers: { 'X-Twofold-Client': 'web', 'X-CSRF-Token': csrf },
    data: { password: file.svc.demoPassword, code: await s.code() },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('two_factor_required_by_org');
});

test('turning 2FA off needs the password and a current code where the organisation allows it', async ({ page }) => {
  const user = file.take((u) => u.role.startsWith('client'));
  // Every demo organisation requires 2FA; this one is switched off, as its administrators could.
  await file.svc.app.ctx.db.updateTable('orgs').set({ requires_2fa: 0 }).where('id', '=', user.orgId).execute();
  const s = await signedInProfile(page, user);
  expect(s.me.org.requires2fa).toBe(false);
  const section = page.getByTestId('two-factor');
  await section.getByRole('button', { name: 'Disable 2FA' }).click();
  await expect(page.getByRole('heading', { name: 'Turn off two-factor authentication' })).toBeFocused();
  await expectAccessible(page, 'the disable form');
  const code = await s.code();
  await page.getByLabel('Password').fill('not the password');
  await page.getByLabel('6-digit code from your app').fill(code);
  await page.getByRole('button', { name: 'Turn off 2FA' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password isn’t right. Check it and try again.');
  await expect(section.getByTestId('2fa-state')).toHaveText('On');
  // The service checks the password first, so the refused attempt did not use up the code.
  await page.getByLabel('Password').fill(file.svc.demoPassword);
  await page.getByLabel('6-digit code from your app').fill(code);
  await page.getByRole('button', { name: 'Turn off 2FA' }).click();
  await expect(section.getByTestId('2fa-state')).toHaveText('Off');
  await expect(page.getByRole('button', { name: 'Enable 2FA' })).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Two-factor authentication is off.');
  // Signing in now needs only the password.
  await signOut(page);
  await signIn(page, file.svc.url, user.email, file.svc.demoPassword);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});
