import { expect, test } from '@playwright/test';
import { type StartedService, startService } from '../../support/service';
import { confirmSavedCodes, signIn } from '../web/helpers';
import { enrolFromScreen } from './enrol';
import { meanLuma, tempAuthenticator } from './screen';

/**
 * Journey steps 2–4 again with the QR code smaller, larger and inverted. Browser
 * zoom is emulated as Chromium applies it: the device pixel ratio scales and the
 * CSS viewport shrinks or grows by the same factor, so the 1280×800 window's
 * screenshot shows the page at 50 % or 200 %. Each run uses a fresh user.
 */
const WINDOW = { width: 1280, height: 800 };
const variants = [
  { name: 'zoom-100', email: 'chloe@cobalt.test', zoom: 1, scheme: 'light' },
  { name: 'zoom-50', email: 'cole@cobalt.test', zoom: 0.5, scheme: 'light' },
  { name: 'zoom-200', email: 'dev@delta.test', zoom: 2, scheme: 'light' },
  { name: 'dark', email: 'dana@delta.test', zoom: 1, scheme: 'dark' },
] as const;

let svc: StartedService;
const qrWidths = new Map<string, number>();
test.beforeAll(async () => {
  svc = await startService();
});
test.afterAll(async () => {
  await svc?.stop();
});

for (const v of variants) {
  test(`steps 2–4 at ${v.zoom * 100} % zoom in ${v.scheme} mode: scanned from the screen, verified, ten backup codes`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: Math.round(WINDOW.width / v.zoom), height: Math.round(WINDOW.height / v.zoom) },
      deviceScaleFactor: v.zoom,
      colorScheme: v.scheme,
    });
    const vault = await tempAuthenticator();
    try {
      const page = await context.newPage();
      await signIn(page, svc.url, v.email, svc.demoPassword);
      const shotPath = `docs/screenshots/journey-${v.name}.png`;
      const enrolled = await enrolFromScreen(page, vault, v.email, shotPath);
      expect(enrolled.backupCodes).toHaveLength(10);
      await confirmSavedCodes(page);
      await expect(page.getByTestId('2fa-state')).toHaveText('On');

      // The screenshot really shows the code at this size: compare with the 100 % run.
      const width = enrolled.position?.width ?? 0;
      expect(width).toBeGreaterThan(0);
      qrWidths.set(v.name, width);
      const base = qrWidths.get('zoom-100');
      if (v.name !== 'zoom-100') {
        expect(base, 'the 100 % run comes first').toBeDefined();
        expect(width / (base ?? 1)).toBeCloseTo(v.zoom, 1);
      }
      // Dark mode shows the code inverted: light modules on a dark ground.
      // Dark mode shows the code inverted: a dark quiet zone around a finder pattern whose corner is light.
      const box = enrolled.position ?? { x: 0, y: 0, width: 0, height: 0 };
      const quietZone = await meanLuma(shotPath, { x: box.x - 4, y: box.y, width: 3, height: box.height });
      const finderCorner = await meanLuma(shotPath, { x: box.x + 1, y: box.y + 1, width: 3, height: 3 });
      if (v.scheme === 'dark') {
        expect(quietZone).toBeLessThan(60);
        expect(finderCorner).toBeGreaterThan(195);
      } else {
        expect(quietZone).toBeGreaterThan(195);
        expect(finderCorner).toBeLessThan(60);
      }
    } finally {
      await context.close();
      await vault.close();
    }
  });
}
