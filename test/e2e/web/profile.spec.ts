import { expect, type Page, test } from '@playwright/test';
import { enrolTotp, type StartedService, startService } from '../../support/service';
import { backupCodesOnPage, confirmSavedCodes, expectAccessible, nextCode, signIn, signOut, stepNow } from './helpers';
import { type SeededUser, userPool } from './users';

let svc: StartedService;
let take: ReturnType<typeof userPool>;

test.beforeAll(async () => {
  svc = await startService();
  take = userPool(svc.users);
});
test.afterAll(async () => {
  await svc?.stop();
});

interface Me {
  org: { requires2fa?: boolean };
}

/** Signs a freshly enrolled user in through the pages and answers what the profile needs next. */
async function signedInProfile(page: Page, user: SeededUser) {
  const e = await enrolTotp(svc.url, user.email, svc.demoPassword);
  // enrolTotp enables with the current code, so no step after this one has been used yet.
  let last = stepNow();
  await signIn(page, svc.url, user.email, svc.demoPassword);
  const first = await nextCode(e.secret, last);
  last = first.step;
  await page.getByLabel('6-digit code').fill(first.code);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const me = (await (
    await page.request.get(`${svc.url}/api/me`, { headers: { 'X-Twofold-Client': 'web' } })
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
  const user = take((u) => u.role.startsWith('client'));
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
    await signIn(page, svc.url, user.email, svc.demoPassword);
    await page.getByRole('button', { name: 'Use a backup code' }).click();
    await page.getByLabel('Backup code').fill(backup);
    await page.getByRole('button', { name: 'Verify' }).click();
    if (works) await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    else await expect(page.getByRole('alert')).toHaveText(/backup code isn’t valid/);
  }
});

test('turning 2FA off needs the password and a code, or is refused with the reason when the organisation requires it', async ({
  page,
}) => {
  const user = take((u) => u.role.startsWith('client'));
  const s = await signedInProfile(page, user);
  const section = page.getByTestId('two-factor');
  if (s.me.org.requires2fa) {
    // The page states the reason up front and offers no form the service would refuse.
    await expect(section.getByRole('button', { name: 'Disable 2FA' })).toHaveCount(0);
    await expect(page.getByTestId('disable-refused')).toHaveText(new RegExp(`${user.orgName} requires it`));
    // The service refuses too, with the reason, when asked directly.
    const csrf = (await page.context().cookies(svc.url)).find((c) => c.name === 'twofold_csrf')?.value ?? '';
    const res = await page.request.post(`${svc.url}/api/me/2fa/disable`, {
      headers: { 'X-Twofold-Client': 'web', 'X-CSRF-Token': csrf },
      data: { password: svc.demoPassword, code: await s.code() },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('two_factor_required_by_org');
    return;
  }
  await section.getByRole('button', { name: 'Disable 2FA' }).click();
  await page.getByLabel('Password').fill('not the password');
  await page.getByLabel('6-digit code from your app').fill(await s.code());
  await page.getByRole('button', { name: 'Turn off 2FA' }).click();
  await expect(page.getByRole('alert')).toHaveText(/password or the code isn’t right/);
  await page.getByLabel('Password').fill(svc.demoPassword);
  await page.getByLabel('6-digit code from your app').fill(await s.code());
  await page.getByRole('button', { name: 'Turn off 2FA' }).click();
  await expect(page.getByTestId('2fa-state')).toHaveText('Off');
  await expect(page.getByRole('button', { name: 'Enable 2FA' })).toBeVisible();
});
