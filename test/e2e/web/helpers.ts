import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

/**
 * Shared by the account-page specs and the journey. Codes here come from the
 * otpauth library, independent of the service's own TOTP code; the journey
 * takes its codes from the real authenticator core instead.
 */

const PERIOD = 30;
export const stepNow = (at = Date.now()) => Math.floor(at / 1000 / PERIOD);

export function totpAt(secret: string, step: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    timestamp: step * PERIOD * 1000,
  });
}

/**
 * A code the service will still accept after `lastStep` was used: the service
 * takes the previous, current and next step but never one at or before the last
 * accepted (RFC 6238 §5.2), so this waits for the clock when it must.
 */
export async function nextCode(secret: string, lastStep: number): Promise<{ code: string; step: number }> {
  for (;;) {
    // The current step if it is new, else the next one, which the service accepts a step early.
    const now = stepNow();
    const step = Math.max(lastStep + 1, now);
    if (step <= now + 1) return { code: totpAt(secret, step), step };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A six-digit string that is not a valid code for any step the service would accept now. */
export function wrongCode(secret: string): string {
  const now = stepNow();
  const valid = new Set([now - 1, now, now + 1, now + 2].map((s) => totpAt(secret, s)));
  for (let n = 0; ; n++) {
    const c = String((123457 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** The manual key as the page shows it, without the grouping spaces. */
export async function manualKey(page: Page): Promise<string> {
  const grouped = (await page.getByTestId('manual-key').textContent()) ?? '';
  expect(grouped).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
  return grouped.replace(/ /g, '');
}

export async function backupCodesOnPage(page: Page): Promise<string[]> {
  const items = page.getByTestId('backup-code');
  await expect(items).toHaveCount(10);
  return (await items.allTextContents()).map((c) => c.trim());
}

/** Ticks "I have saved these codes" (Continue stays disabled until then) and continues to the profile. */
export async function confirmSavedCodes(page: Page): Promise<void> {
  const next = page.getByRole('button', { name: 'Continue' });
  await expect(next).toBeDisabled();
  await page.getByLabel('I have saved these codes').check();
  await next.click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and fails on serious or critical violations. The
 * source is evaluated through the DevTools protocol: the pages' CSP (rightly)
 * refuses an injected <script> element.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  // A string, not a function: this file compiles without the DOM library.
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

/**
 * Checks a page with axe and saves its screenshot, in light and then in dark
 * mode (colour contrast differs), as docs/screenshots/web-<name>-<scheme>.png.
 */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAccessible(page, `${name} (${scheme})`);
    await page.screenshot({ path: `docs/screenshots/web-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
}
