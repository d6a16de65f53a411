import { expect, type Page, test } from '@playwright/test';
import { enrolTotp } from '../../support/service';
import { checkAndShoot, nextCode, signIn, signOut, stepNow, wrongCode } from './helpers';
import { serviceForFile } from './users';

const file = serviceForFile();

/** A seeded user with 2FA already on (through the API), and the step its enrolment used. */
async function enrolled() {
  const user = file.take((u) => u.role.startsWith('client'));
  const e = await enrolTotp(file.svc.url, user.email, file.svc.demoPassword);
  // enrolTotp enables with the current code, so no step after this one has been used yet.
  return { user, ...e, lastStep: stepNow() };
}

const codeField = (page: Page) => page.getByLabel('6-digit code');
const profile = (page: Page) => page.getByRole('heading', { name: 'Your account' });

test('the code field hints a numeric keyboard and one-time-code autofill, and a pasted code submits itself', async ({
  page,
}) => {
  const u = await enrolled();
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await expect(codeField(page)).toBeFocused();
  await expect(codeField(page)).toHaveAttribute('inputmode', 'numeric');
  await expect(codeField(page)).toHaveAttribute('autocomplete', 'one-time-code');
  await checkAndShoot(page, 'challenge');

  await codeField(page).fill(wrongCode(u.secret));
  await expect(page.getByRole('alert')).toHaveText(/That code isn’t right/);
  await expect(codeField(page)).toHaveValue('');
  await checkAndShoot(page, 'wrong-code');

  const { code } = await nextCode(u.secret, u.lastStep);
  await codeField(page).fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(profile(page)).toBeVisible();

  // The same code again, at the next sign-in: RFC 6238 §5.2, and the page says what to do.
  await signOut(page);
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await codeField(page).fill(code);
  await expect(page.getByRole('alert')).toHaveText(/already been used\. Wait for the next code/);
});

test('a backup code works once; the same code again is refused', async ({ page }) => {
  const u = await enrolled();
  const backup = u.backupCodes[0] ?? '';
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await page.getByRole('button', { name: 'Use a backup code' }).click();
  const field = page.getByLabel('Backup code');
  await expect(field).toBeFocused();
  await field.fill(backup);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(profile(page)).toBeVisible();
  await expect(page.getByTestId('backup-remaining')).toContainText('9 of 10');

  await signOut(page);
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await page.getByRole('button', { name: 'Use a backup code' }).click();
  await page.getByLabel('Backup code').fill(backup);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toHaveText(/backup code isn’t valid/);
});

test('“Remember this browser” skips the code next time, until the browser is revoked on the profile', async ({
  page,
  context,
}) => {
  const u = await enrolled();
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await page.getByLabel('Remember this browser for 30 days').check();
  const { code } = await nextCode(u.secret, u.lastStep);
  await codeField(page).fill(code);
  await expect(profile(page)).toBeVisible();
  const device = (await context.cookies(file.svc.url)).find((c) => c.name === 'twofold_device');
  expect(device?.httpOnly).toBe(true);
  expect(device?.sameSite).toBe('Strict');

  await signOut(page);
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await expect(profile(page)).toBeVisible();
  const row = page.getByTestId('device');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('This browser');
  await checkAndShoot(page, 'devices');

  await row.getByRole('button', { name: /Revoke/ }).click();
  await expect(page.getByTestId('device')).toHaveCount(0);
  await expect(page.getByTestId('status')).toContainText('will need a code');
  await signOut(page);
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
});

test('too many wrong codes lock the form with a live countdown', async ({ page }) => {
  const u = await enrolled();
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  const alert = page.getByRole('alert');
  const timer = page.getByRole('timer');
  const seconds = async () => {
    const text = (await timer.textContent()) ?? '';
    const part = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
    return part(/(\d+) minute/) * 60 + part(/(\d+) second/);
  };
  // The service doubles the wait after each failure past the fifth (1 s, 2 s, 4 s, …): fail until it is long
  // enough to watch it count down, sitting out the shorter waits as a person would.
  for (let attempt = 0; ; attempt++) {
    expect(attempt, 'the service never throttled the wrong codes').toBeLessThan(12);
    await codeField(page).fill(wrongCode(u.secret));
    await expect(alert).toHaveText(/isn’t right|Too many attempts/);
    if (!/Too many attempts/.test((await alert.textContent()) ?? '')) continue;
    await expect(page.getByRole('button', { name: 'Verify' })).toBeDisabled();
    if ((await seconds()) >= 3) break;
    await expect(alert).toHaveText('You can try again now.', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Verify' })).toBeEnabled();
  }
  await expect(alert).toHaveText(/^Too many attempts\. Try again in \d+ seconds?\.$/);
  const first = await seconds();
  await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(first);
  await checkAndShoot(page, 'too-many-attempts');
});

test('an expired challenge sends the person back to email and password, with the reason', async ({ page }) => {
  const u = await enrolled();
  await signIn(page, file.svc.url, u.user.email, file.svc.demoPassword);
  await expect(codeField(page)).toBeVisible();
  // Waiting out the service's 5-minute challenge would slow every run; a challenge token it no longer holds gets
  // the same answer (challenge_expired), so the request is sent with one. The service itself answers.
  await page.route('**/api/auth/2fa', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, challengeToken: 'expired-challenge-token' }) });
  });
  const { code } = await nextCode(u.secret, u.lastStep);
  await codeField(page).fill(code);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('notice')).toHaveText(
    /This sign-in has expired\. Enter your email and password again\./,
  );
  await expect(page.getByLabel('Email')).toHaveValue(u.user.email);
});
