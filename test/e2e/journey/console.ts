import type { Page } from '@playwright/test';
import type { Bridge } from '../../../src/bridge/server';
import type { StartedService } from '../../support/service';
import { signInWithVault, stepNow, waitForStepAfter } from '../desktop/console-helpers';
import { expect } from '../desktop/fixtures';

/** The desktop console's rows, by email (the desktop helper's test ids). */
export const userRow = (page: Page, email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`);

export async function signOutOfConsole(page: Page): Promise<void> {
  await page.locator('.console-bar').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the admin console' })).toBeVisible();
}

/**
 * Journey step 7: search the user, open the profile, reset with a reason. The
 * admin's proof of 2FA is first made 11 minutes old (the service's step-up
 * window is 10), so the console must ask for a fresh code, which it fills from
 * the admin's own vault.
 */
export async function resetFromConsole(
  page: Page,
  bridge: Bridge,
  svc: StartedService,
  admin: { email: string; step: number },
  target: { email: string; name: string },
  reason: string,
): Promise<void> {
  const signedInStep = await signInWithVault(page, bridge, svc, admin.email, admin.step);
  await page.getByTestId('user-search').fill(target.email.split('@')[0] ?? '');
  await expect(userRow(page, target.email)).toBeVisible();
  await userRow(page, target.email).click();
  await expect(page.getByTestId('profile')).toContainText(target.name);
  await expect(page.getByTestId('profile')).toContainText('Enabled');

  const db = svc.app.ctx.db;
  const { id } = await db.selectFrom('users').select('id').where('email', '=', admin.email).executeTakeFirstOrThrow();
  await db
    .updateTable('sessions')
    .set({ two_factor_at: Date.now() - 11 * 60_000 })
    .where('user_id', '=', id)
    .execute();
  await page.getByTestId('profile-reset').click();
  await page.getByTestId('reset-reason').fill(reason);
  await page.getByTestId('confirm-reset').click();
  const stepUp = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(stepUp).toBeVisible();
  await waitForStepAfter(signedInStep);
  await stepUp.getByTestId('fill-from-vault').click();
  await expect(stepUp.getByTestId('code-input')).toHaveValue(/^\d{6}$/);
  await page.screenshot({ path: 'docs/screenshots/journey-5-console-step-up.png' });
  await stepUp.getByTestId('step-up-submit').click();
  await expect(page.getByRole('status')).toContainText(`2FA reset for ${target.name}`);
  await expect(page.getByTestId('profile')).toContainText('Not enrolled');
  expect(stepNow()).toBeGreaterThan(signedInStep);
}
