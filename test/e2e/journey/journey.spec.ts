import type { Page } from '@playwright/test';
import { ENGINES } from '../../integration/server/support/engines';
import { type StartedService, startService } from '../../support/service';
import { enrolIntoVault, signInWithVault } from '../desktop/console-helpers';
import { expect, test } from '../desktop/fixtures';
import { confirmSavedCodes, signIn, signOut } from '../web/helpers';
import { resetFromConsole, signOutOfConsole, userRow } from './console';
import { enrolFromScreen, nextCoreCode } from './enrol';
import { tempAuthenticator } from './screen';

/**
 * Issue 6's journey, steps 1–9, in one run: a real service, Chromium for the
 * user's browser and for the desktop console (through the loopback bridge), and
 * the real authenticator core with its key in the Secret Service (run under
 * scripts/with-services.sh). It runs once on a temp SQLite file and once on the
 * throwaway PostgreSQL; the README's screenshots come from the SQLite run.
 */
const USER = { email: 'colin@birch.test', name: 'Colin Bell' }; // client_ops at Birch Bakery, a client of Abacus & Co
const ADMIN = 'paula@abacus.test'; // partner_admin, Abacus & Co
const OTHER_FIRM_ADMIN = 'lena@ledgerline.test'; // partner_admin, Ledgerline Partners
const PARTNER_OPS = 'olive@abacus.test'; // partner_ops, Abacus & Co
const REASON = 'Lost phone, ticket 7788';
let shots = 'docs/screenshots';
const shot = (name: string) => `${shots}/journey-${name}.png`;

let svc: StartedService;

const profile = (page: Page) => page.getByRole('heading', { name: 'Your account' });
const setupHeading = (page: Page) => page.getByRole('heading', { name: 'Set up two-factor authentication' });

/** Console screenshots wait for the last toast to go, so the README shows the view itself. */
async function consoleShot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: shot(name) });
}

async function signInWithBackupCode(page: Page, code: string): Promise<void> {
  await signIn(page, svc.url, USER.email, svc.demoPassword);
  await page.getByRole('button', { name: 'Use a backup code' }).click();
  await page.getByLabel('Backup code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

for (const engine of ENGINES) {
  test.describe(`on ${engine}`, () => {
    test.beforeAll(async () => {
      shots = engine === 'sqlite' ? 'docs/screenshots' : `test-results/journey-${engine}`;
      svc = await startService({ database: engine });
    });
    test.afterAll(async () => {
      await svc?.stop();
    });

    test('enable 2FA in a browser, scan it from the screen, sign in, get reset by an admin, enrol again', async ({
      browser,
      page: consolePage,
      openApp,
    }) => {
      test.setTimeout(300_000);
      const vault = await tempAuthenticator();
      const remembered = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await remembered.newPage();

        // 1. A new user signs in with the demo password and is asked to set up 2FA.
        await signIn(page, svc.url, USER.email, svc.demoPassword);
        await expect(setupHeading(page)).toBeVisible();

        // 2–4. The page as the screen; the core scans, previews and imports; its code is verified; ten backup codes.
        const first = await enrolFromScreen(page, vault, USER.email, shot('1-setup-qr'));
        const [keptA = '', keptB = ''] = first.backupCodes;
        await page.screenshot({ path: shot('2-backup-codes'), fullPage: true });
        await confirmSavedCodes(page);
        const me = (await (await page.request.get(`${svc.url}/api/me`)).json()) as { id: string };

        // 5. Sign out; sign in with the next code, remembering this browser; the next sign-in skips the code.
        await signOut(page);
        await signIn(page, svc.url, USER.email, svc.demoPassword);
        await page.getByLabel('Remember this browser for 30 days').check();
        const next = await nextCoreCode(vault.core, first.accountId, first.step);
        await page.getByLabel('6-digit code').pressSequentially(next.code);
        await expect(profile(page)).toBeVisible();
        await signOut(page);
        await signIn(page, svc.url, USER.email, svc.demoPassword);
        await expect(profile(page)).toBeVisible();
        await expect(page.getByTestId('device')).toContainText('This browser');
        await page.screenshot({ path: shot('3-remembered-browser'), fullPage: true });

        // 6. A backup code works once (in a browser that is not remembered); the same code again is refused.
        const other = await fresh.newPage();
        await signInWithBackupCode(other, keptA);
        await expect(profile(other)).toBeVisible();
        await expect(other.getByTestId('backup-remaining')).toContainText('9 of 10');
        await signOut(other);
        await signInWithBackupCode(other, keptA);
        await expect(other.getByRole('alert')).toHaveText(/backup code isn’t valid/);
        await other.screenshot({ path: shot('4-backup-code-used'), fullPage: true });

        // 7. A partner admin of the user's firm resets the user's 2FA in the console; step-up comes from her vault.
        const bridge = await openApp({ serviceUrl: svc.url });
        const admin = await enrolIntoVault(consolePage, svc, ADMIN);
        const otherFirm = await enrolIntoVault(consolePage, svc, OTHER_FIRM_ADMIN);
        const ops = await enrolIntoVault(consolePage, svc, PARTNER_OPS);
        await resetFromConsole(consolePage, bridge, svc, { email: ADMIN, step: admin.step }, USER, REASON);

        // 8. The remembered browser no longer skips the code: the user is asked to set up 2FA again.
        await signIn(page, svc.url, USER.email, svc.demoPassword);
        await expect(setupHeading(page)).toBeVisible();
        await expect(profile(page)).toHaveCount(0);
        // Enrolling again from the screen: the old vault entry goes first, as a person would remove it.
        await vault.core.handlers.accounts.remove({ id: first.accountId }, undefined);
        const second = await enrolFromScreen(page, vault, USER.email, shot('6-setup-again'));
        expect(second.backupCodes.filter((c) => first.backupCodes.includes(c))).toEqual([]);
        await confirmSavedCodes(page);
        // The kept backup code died with the reset; a new one works.
        await signInWithBackupCode(other, keptB);
        await expect(other.getByRole('alert')).toHaveText(/backup code isn’t valid/);
        await signInWithBackupCode(other, second.backupCodes[0] ?? '');
        await expect(profile(other)).toBeVisible();
        // The audit view shows the reset; the outbox holds the notification.
        await consolePage.getByRole('tab', { name: 'Audit' }).click();
        const audit = consolePage.getByTestId('audit');
        await expect(audit).toContainText(USER.name);
        await expect(audit).toContainText(REASON);
        await consoleShot(consolePage, '7-console-audit');
        const mail = (await svc.outbox()).filter((m) => m.to === USER.email);
        expect(mail).toHaveLength(1);
        expect(mail[0]?.subject).toMatch(/two-factor authentication was reset/i);
        await consolePage.getByRole('tab', { name: 'Users' }).click();
        await signOutOfConsole(consolePage);

        // 9. A partner admin of another firm cannot see the user: not in search, and 404 by id.
        await signInWithVault(consolePage, bridge, svc, OTHER_FIRM_ADMIN, otherFirm.step);
        await consolePage.getByTestId('user-search').fill('colin');
        await expect(consolePage.getByText('No user matches these filters.')).toBeVisible();
        await expect(userRow(consolePage, USER.email)).toHaveCount(0);
        const byId = await fetch(`${svc.url}/api/admin/users/${me.id}`, {
          headers: { authorization: `Bearer ${otherFirm.token}` },
        });
        expect(byId.status).toBe(404);
        const viaConsole = await consolePage.evaluate(
          `window.twofold.console.getUser({ id: ${JSON.stringify(me.id)} })`,
        );
        expect(viaConsole).toMatchObject({ ok: false, error: { code: 'not_found' } });
        await signOutOfConsole(consolePage);
        //    A partner ops user of the firm sees the user, and the reset button disabled with its reason.
        await signInWithVault(consolePage, bridge, svc, PARTNER_OPS, ops.step);
        await consolePage.getByTestId('user-search').fill('colin');
        await userRow(consolePage, USER.email).click();
        await expect(consolePage.getByTestId('profile')).toContainText(USER.name);
        const button = consolePage.getByTestId('profile-reset');
        await expect(button).toBeDisabled();
        const why = (await consolePage.locator('#profile-reset-reason').innerText()).trim();
        expect(why).toMatch(/\w{3,}.*\w{3,}/);
        await expect(button).toHaveAccessibleDescription(why);
        await consoleShot(consolePage, '8-partner-ops-disabled');
      } finally {
        await remembered.close();
        await fresh.close();
        await vault.close();
      }
    });
  });
}
