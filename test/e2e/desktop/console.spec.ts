import type { Page } from '@playwright/test';
import { enrolTotp, type StartedService, startService } from '../../support/service';
import { enrolIntoVault, signInWithVault, stepNow, waitForStepAfter } from './console-helpers';
import { expect, test } from './fixtures';

let svc: StartedService;
test.beforeEach(async () => {
  svc = await startService();
});
test.afterEach(async () => {
  await svc.stop();
});

const row = (page: Page, email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`);

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 10_000 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `docs/screenshots/desktop-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a partner admin signs in with a code from the vault, finds users, and resets 2FA from the profile and the row menu', async ({
  page,
  openApp,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1180, height: 760 });
  // Targets are enrolled first: resetting someone without 2FA is refused as not_enrolled.
  await enrolTotp(svc.url, 'peter@abacus.test', svc.demoPassword);
  await enrolTotp(svc.url, 'cara@birch.test', svc.demoPassword);
  const bridge = await openApp({ serviceUrl: svc.url });
  const admin = await enrolIntoVault(page, svc, 'paula@abacus.test');
  await signInWithVault(page, bridge, svc, 'paula@abacus.test', admin.step);
  await expect(page.locator('.who')).toContainText('Paula Abbott');

  // Only her firm and its clients; searching narrows as she types.
  await expect(row(page, 'peter@abacus.test')).toBeVisible();
  await expect(row(page, 'ada@twofold.test')).toHaveCount(0);
  await shoot(page, 'console-users');
  await page.getByTestId('user-search').fill('birch');
  await expect(page.getByTestId('user-row')).toHaveCount(2);
  for (const email of await page
    .getByTestId('user-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')))) {
    expect(email).toContain('birch');
  }
  await page.getByTestId('user-search').fill('');
  await page.getByTestId('role-filter').selectOption('partner_ops');
  await expect(page.getByTestId('user-row')).toHaveCount(1);
  await expect(row(page, 'olive@abacus.test')).toBeVisible();
  await page.getByTestId('role-filter').selectOption('');

  // Her own profile: the button is disabled, with the service's reason on hover and as its description.
  await row(page, 'paula@abacus.test').click();
  const own = page.getByTestId('profile-reset');
  await expect(own).toBeDisabled();
  const reason = await page.locator('#profile-reset-reason').innerText();
  expect(reason.length).toBeGreaterThan(10);
  await expect(own).toHaveAttribute('title', reason);
  await expect(own).toHaveAccessibleDescription(reason);
  await page.getByRole('button', { name: '← All users' }).click();

  // Reset from the profile's Access card, confirming in the pop-up.
  await row(page, 'peter@abacus.test').click();
  await expect(page.getByTestId('profile')).toContainText('Enabled');
  await shoot(page, 'console-profile');
  await page.getByTestId('profile-reset').click();
  const dialog = page.getByRole('dialog', { name: 'Reset 2FA?' });
  await expect(dialog).toContainText('Peter Acker (peter@abacus.test)');
  await page.getByTestId('reset-reason').fill('Lost phone, ticket 4411');
  await shoot(page, 'console-confirm');
  await page.getByTestId('confirm-reset').click();
  await expect(page.getByRole('status')).toContainText('2FA reset for Peter Acker');
  await expect(page.getByTestId('profile')).toContainText('Not enrolled');
  await expect(page.getByTestId('last-reset-at')).not.toHaveText('—');
  await page.getByRole('button', { name: '← All users' }).click();
  await expect(row(page, 'peter@abacus.test')).toContainText('Not enrolled');

  // Reset from the row's ellipsis menu; the row updates in place.
  await expect(row(page, 'cara@birch.test')).toContainText('Enabled');
  await row(page, 'cara@birch.test').getByTestId('row-menu').click();
  await page.getByRole('menuitem', { name: 'Reset 2FA' }).click();
  await expect(page.getByRole('dialog', { name: 'Reset 2FA?' })).toContainText('Cara Birch (cara@birch.test)');
  await page.getByTestId('confirm-reset').click();
  await expect(row(page, 'cara@birch.test')).toContainText('Not enrolled');

  // The row menu of her own row is disabled with the reason too.
  await row(page, 'paula@abacus.test').getByTestId('row-menu').click();
  await expect(page.getByRole('menuitem', { name: 'Reset 2FA' })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: 'Reset 2FA' })).toHaveAccessibleDescription(reason);

  // The audit view shows both resets.
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Audit' }).click();
  await expect(page.getByTestId('audit')).toContainText('Peter Acker');
  await expect(page.getByTestId('audit')).toContainText('Cara Birch');
  await expect(page.getByTestId('audit')).toContainText('Lost phone, ticket 4411');
});

test('a reset after the proof of 2FA went stale asks for a fresh code from the vault, then succeeds', async ({
  page,
  openApp,
}) => {
  test.setTimeout(150_000);
  await enrolTotp(svc.url, 'grace@twofold.test', svc.demoPassword);
  const bridge = await openApp({ serviceUrl: svc.url });
  const admin = await enrolIntoVault(page, svc, 'ada@twofold.test');
  const signedInStep = await signInWithVault(page, bridge, svc, 'ada@twofold.test', admin.step);
  // Eleven minutes pass: the session's proof of 2FA is older than the service's 10-minute window.
  await svc.app.ctx.db
    .updateTable('sessions')
    .set({ two_factor_at: Date.now() - 11 * 60_000 })
    .execute();

  await page.getByTestId('user-search').fill('grace');
  await expect(page.getByTestId('user-row')).toHaveCount(1);
  await row(page, 'grace@twofold.test').click();
  await page.getByTestId('profile-reset').click();
  await page.getByTestId('confirm-reset').click();
  const stepUp = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(stepUp).toContainText('Grace Hopper');
  await waitForStepAfter(signedInStep);
  await stepUp.getByTestId('fill-from-vault').click();
  await expect(stepUp.getByTestId('code-input')).toHaveValue(/^\d{6}$/);
  await shoot(page, 'console-step-up');
  await stepUp.getByTestId('step-up-submit').click();
  await expect(page.getByRole('status')).toContainText('2FA reset for Grace Hopper');
  await expect(page.getByTestId('profile')).toContainText('Not enrolled');
  expect(stepNow()).toBeGreaterThan(signedInStep);
});
