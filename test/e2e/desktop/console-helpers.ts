import type { Page } from '@playwright/test';
import type { Bridge } from '../../../src/bridge/server';
import { enrolTotp, type StartedService } from '../../support/service';
import { addByPaste, expect } from './fixtures';

const PERIOD_MS = 30_000;
export const stepNow = () => Math.floor(Date.now() / PERIOD_MS);

/**
 * The service refuses a TOTP step it already accepted (RFC 6238 §5.2); the
 * vault shows the current step's code, so wait for the clock to pass `step`.
 */
export async function waitForStepAfter(step: number): Promise<void> {
  while (stepNow() <= step) await new Promise((r) => setTimeout(r, 250));
}

/** Enrols `email` over the API and puts its secret into the vault through the Paste surface. */
export async function enrolIntoVault(page: Page, svc: StartedService, email: string) {
  const enrolled = await enrolTotp(svc.url, email, svc.demoPassword);
  const step = stepNow();
  const uri = `otpauth://totp/Twofold:${encodeURIComponent(email)}?secret=${enrolled.secret}&issuer=Twofold`;
  await addByPaste(page, [uri]);
  return { ...enrolled, step };
}

/** Console sign-in: service, email and password, then the code filled in one click from the vault. */
export async function signInWithVault(
  page: Page,
  bridge: Bridge,
  svc: StartedService,
  email: string,
  afterStep: number,
) {
  await page.getByTestId('console-tab').click();
  await expect(page.getByTestId('service-url')).toHaveValue(svc.url);
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(svc.demoPassword);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await waitForStepAfter(afterStep);
  await page.getByTestId('fill-from-vault').click();
  await expect(page.getByTestId('code-input')).toHaveValue(/^\d{6}$/);
  const step = stepNow();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('tab', { name: 'Users' })).toBeVisible();
  expect(bridge.url).toContain('127.0.0.1');
  return step;
}
