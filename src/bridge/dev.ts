/**
 * npm run dev:web: the renderer in any browser, over the test bridge and the
 * real core. The vault lives in TWOFOLD_HOME (default ./data/dev-vault) and
 * the console offers TWOFOLD_SERVICE_URL (default http://127.0.0.1:8787).
 */
import { resolve } from 'node:path';
import { startBridge } from './server';

const home = resolve(process.env.TWOFOLD_HOME ?? 'data/dev-vault');
const serviceUrl = process.env.TWOFOLD_SERVICE_URL ?? 'http://127.0.0.1:8787';
const screens = (process.env.TWOFOLD_SCREENS ?? '').split(',').filter(Boolean);
const port = Number(process.env.TWOFOLD_BRIDGE_PORT ?? 0);

const bridge = await startBridge({
  home,
  serviceUrl,
  screens,
  port,
  log: {
    info: (m) => console.log(`[core] ${m}`),
    warn: (m) => console.warn(`[core] ${m}`),
    error: (m) => console.error(`[core] ${m}`),
  },
});
console.log(`Twofold (browser, test bridge): ${bridge.url}`);
console.log(`vault: ${home}   service: ${serviceUrl}   saved files: ${bridge.outputDir}`);
const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
