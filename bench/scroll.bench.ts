/**
 * Scrolls a list of 1,000 accounts in Chromium and reports frame times.
 *
 * The renderer is the built one (out/renderer), served by the test bridge over
 * the real core with a 1,000-account vault. Chromium runs without vsync or a
 * frame-rate cap, so each requestAnimationFrame interval is the time one
 * frame really took: scroll, React's render of the visible rows, layout and
 * paint. Target: p95 under 16.7 ms (60 frames a second).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../playwright.config';
import { startBridge } from '../src/bridge/server';
import { type BenchContext, type BenchRow, median, percentile } from './types';

const ACCOUNTS = 1000;
const FRAMES = 600;
const STEP_PX = 45;

function ensureRenderer(): void {
  if (existsSync('out/renderer/index.html')) return;
  const r = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}

/** Base32 secrets that differ per account, so every row has its own code. */
function secretFor(i: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let s = '';
  for (let n = i + 1, k = 0; k < 32; k++, n = (n * 1103515245 + 12345) >>> 0) s += alphabet[n % 32];
  return s;
}

export default async function scrollBench(ctx: BenchContext): Promise<BenchRow[]> {
  ensureRenderer();
  const home = mkdtempSync(join(tmpdir(), 'twofold-bench-scroll-'));
  const bridge = await startBridge({ home });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--disable-background-networking'],
  });
  try {
    const { dispatcher } = bridge.composition;
    const call = async (channel: string, args?: unknown) => {
      const r = await dispatcher.dispatch(channel, args, { via: 'bridge' });
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as never;
    };
    // A passphrase vault, so the bench does not depend on a keyring being present.
    await call('vault:create', { passphrase: 'bench-passphrase', useKeychain: false });
    for (let start = 0; start < ACCOUNTS; start += 250) {
      const uris = Array.from({ length: 250 }, (_, j) => {
        const i = start + j;
        return `otpauth://totp/Service%20${i}:user${i}%40example.com?secret=${secretFor(i)}&issuer=Service%20${i}`;
      });
      const report: { candidates: { id: string }[] } = await call('import:parse-text', { text: uris.join('\n') });
      const preview: { previewId: string } = await call('import:preview', {
        candidateIds: report.candidates.map((c) => c.id),
      });
      await call('import:commit', { previewId: preview.previewId });
    }
    ctx.log(`vault holds ${ACCOUNTS} accounts`);

    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(bridge.url);
    await page.getByTestId('account-list').waitFor();
    await page.locator('[data-testid="code"]').first().waitFor();
    // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
    const frames = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('[data-testid="account-list"]');
      const times = [];
      let last = performance.now();
      let n = 0;
      const tick = () => {
        const now = performance.now();
        if (n > 0) times.push(now - last);
        last = now;
        list.scrollTop = (list.scrollTop + ${STEP_PX}) % (list.scrollHeight - list.clientHeight);
        if (++n <= ${FRAMES}) requestAnimationFrame(tick);
        else resolve(times);
      };
      requestAnimationFrame(tick);
    })`)) as number[];
    const rows = await page.locator('[data-testid="account-row"]').count();
    const p95 = percentile(frames, 95);
    return [
      {
        bench: 'scroll',
        metric: `frame time p95, ${ACCOUNTS} accounts (${rows} rows in the DOM)`,
        value: p95,
        unit: 'ms',
        target: '< 16.7 ms',
        pass: p95 < 16.7,
      },
      { bench: 'scroll', metric: 'frame time median', value: median(frames), unit: 'ms' },
      { bench: 'scroll', metric: 'frame time max', value: Math.max(...frames), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await bridge.close();
    rmSync(home, { recursive: true, force: true });
  }
}
