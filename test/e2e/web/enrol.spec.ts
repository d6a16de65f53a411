import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  backupCodesOnPage,
  checkAndShoot,
  confirmSavedCodes,
  manualKey,
  nextCode,
  signIn,
  stepNow,
  totpAt,
} from './helpers';
import { serviceForFile } from './users';

const file = serviceForFile();

test('a first sign-in where 2FA is required goes straight to setup, and enabling shows ten backup codes once', async ({
  page,
  context,
}) => {
  const user = file.take((u) => u.role.startsWith('client'));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: file.svc.url });
  await signIn(page, file.svc.url, user.email, file.svc.demoPassword);

  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication', level: 1 })).toBeVisible();
  const qr = page.getByRole('img', { name: /QR code to add Twofold/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  const apps = await page.locator('.apps li').allTextContents();
  expect(apps[0]).toMatch(/^Twofold/);
  expect(apps.join('\n')).toMatch(/Google Authenticator/);

  const secret = await manualKey(page);
  await page.getByRole('button', { name: 'Copy key' }).click();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
  await expect(page.getByTestId('status')).toContainText('Key copied');
  await checkAndShoot(page, 'setup');

  await expect(page.getByRole('heading', { name: 'Enter the 6-digit verification code' })).toBeVisible();
  const field = page.getByLabel('Verification code from your app');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  const { code } = await nextCode(secret, stepNow() - 2);
  await expect(page.getByRole('button', { name: 'Verify Code' })).toBeVisible();
  // Six digits submit by themselves; the button is there for people who prefer it.
  await field.fill(code);

  const codes = await backupCodesOnPage(page);
  expect(new Set(codes).size).toBe(10);
  await expect(page.getByTestId('backup-codes')).toContainText('Each code works once');
  await expect(page.getByTestId('backup-codes')).toContainText('never be shown again');
  await checkAndShoot(page, 'backup-codes');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download .txt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('twofold-backup-codes.txt');
  const text = readFileSync(await download.path(), 'utf8');
  for (const c of codes) expect(text).toContain(c);
  await page.getByRole('button', { name: 'Copy codes' }).click();
  const copied = String(await page.evaluate('navigator.clipboard.readText()'));
  for (const c of codes) expect(copied).toContain(c);

  await confirmSavedCodes(page);
  await expect(page.getByTestId('2fa-state')).toHaveText('On');
  await expect(page.getByTestId('backup-remaining')).toContainText('10 of 10');
  await checkAndShoot(page, 'profile');

  // Shown once: a reload of the profile never brings the codes back.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByTestId('backup-code')).toHaveCount(0);
});

test('a wrong verification code during setup reads as a sentence and the field is ready again', async ({ page }) => {
  const user = file.take((u) => u.role.startsWith('client'));
  await signIn(page, file.svc.url, user.email, file.svc.demoPassword);
  const secret = await manualKey(page);
  const field = page.getByLabel('Verification code from your app');
  const wrong = totpAt(secret, stepNow() + 5);
  // Pasting with a space still fills six digits and submits by itself.
  await field.fill(`${wrong.slice(0, 3)} ${wrong.slice(3)}`);
  await expect(page.getByRole('alert')).toHaveText(/That code isn’t right/);
  await expect(field).toHaveValue('');
  await expect(field).toBeFocused();
});

test('the pages are served with a strict CSP, no referrer and no framing', async ({ request }) => {
  const res = await request.get(`${file.svc.url}/`);
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(h['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  expect(h['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h['referrer-policy']).toBe('no-referrer');
});

test('a cookie-authenticated request without the CSRF header is refused; with it, it passes', async ({ request }) => {
  const user = file.take((u) => u.role.startsWith('client'));
  const web = { 'X-Twofold-Client': 'web' };
  const login = await request.post(`${file.svc.url}/api/auth/login`, {
    headers: web,
    data: { email: user.email, password: file.svc.demoPassword },
  });
  expect(((await login.json()) as { status: string }).status).toBe('2fa_setup_required');
  const cookies = (await request.storageState()).cookies;
  expect(cookies.find((c) => c.name === 'twofold_session')?.httpOnly).toBe(true);
  const csrf = cookies.find((c) => c.name === 'twofold_csrf');
  expect(csrf?.httpOnly).toBe(false);

  const without = await request.post(`${file.svc.url}/api/me/2fa/setup`, { headers: web });
  expect(without.status()).toBe(403);
  expect(((await without.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
  const forged = await request.post(`${file.svc.url}/api/me/2fa/setup`, {
    headers: { ...web, 'X-CSRF-Token': 'forged' },
  });
  expect(forged.status()).toBe(403);
  const withToken = await request.post(`${file.svc.url}/api/me/2fa/setup`, {
    headers: { ...web, 'X-CSRF-Token': csrf?.value ?? '' },
  });
  expect(withToken.status()).toBe(200);
});

test('keyboard focus runs email → password → sign in', async ({ page }) => {
  await page.goto(file.svc.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeFocused();
  await checkAndShoot(page, 'sign-in');
  await page.getByRole('heading', { name: 'Sign in' }).focus();
  const order: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    order.push(
      String(
        await page.evaluate('document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.textContent'),
      ),
    );
  }
  expect(order).toEqual(['Email', 'Password', 'Sign in']);
});
