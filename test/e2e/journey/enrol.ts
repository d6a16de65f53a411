import { expect, type Page } from '@playwright/test';
import type { Authenticator } from '../../../src/main/core';
import { backupCodesOnPage } from '../web/helpers';
import { pageAsScreen, type tempAuthenticator } from './screen';

type Vault = Awaited<ReturnType<typeof tempAuthenticator>>;

/** The TOTP step a code from the core belongs to, from the core's own clock and period. */
async function coreCode(core: Authenticator, accountId: string) {
  const { at, codes } = await core.handlers.codes.get({ ids: [accountId] }, undefined);
  const c = codes[0];
  if (!c?.period) throw new Error('The imported account has no TOTP code.');
  return { code: c.code, step: Math.floor(at / 1000 / c.period) };
}

/** The core's code for the first step after `afterStep`: the service refuses a step it already accepted. */
export async function nextCoreCode(core: Authenticator, accountId: string, afterStep: number) {
  for (;;) {
    const c = await coreCode(core, accountId);
    if (c.step > afterStep) return c;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Journey steps 2–4 on a page showing the setup QR code: the whole page as the
 * screen, the core's scan, dry run and import, then the core's current code
 * typed into the page. Answers the ten backup codes and the step just used.
 */
export async function enrolFromScreen(page: Page, vault: Vault, email: string, screenshotPath: string) {
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  const qr = page.getByTestId('qr');
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img) => (img as unknown as { complete: boolean }).complete)).toBe(true);

  // Step 2: the whole browser page is the screen.
  vault.show(await pageAsScreen(page, screenshotPath));

  // Step 3: scan, dry run, import.
  const scan = await vault.core.handlers.import.scanScreens(undefined, undefined);
  expect(scan.qrCodes).toBe(1);
  expect(scan.candidates).toEqual([expect.objectContaining({ issuer: 'Twofold', label: email, type: 'totp' })]);
  const found = scan.candidates[0];
  const candidate = found?.id ?? '';
  const preview = await vault.core.handlers.import.preview({ candidateIds: [candidate] }, undefined);
  expect(preview.items).toEqual([expect.objectContaining({ status: 'new', issuer: 'Twofold', label: email })]);
  const before = await vault.core.handlers.vault.status(undefined, undefined);
  const committed = await vault.core.handlers.import.commit({ previewId: preview.previewId }, undefined);
  expect(committed.imported).toHaveLength(1);
  const after = await vault.core.handlers.vault.status(undefined, undefined);
  expect(after.accountCount).toBe((before.accountCount ?? 0) + 1);
  const accountId = committed.imported[0]?.id ?? '';

  // Step 4: the core's code for the current step, typed and verified.
  const { code, step } = await coreCode(vault.core, accountId);
  await page.getByLabel('Verification code from your app').pressSequentially(code);
  const backupCodes = await backupCodesOnPage(page);
  return { accountId, backupCodes, step, position: found?.position ?? null };
}
