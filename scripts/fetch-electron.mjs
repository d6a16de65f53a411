// Downloads the Electron binary that `npm install` skips (it comes from outside the npm registry).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';

if (electronBinary()) {
  console.log(`Electron is already installed: ${electronBinary()}`);
  process.exit(0);
}
const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const r = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] });
if (r.status !== 0 || !electronBinary()) {
  console.error(
    'Could not download the Electron binary (this machine may not reach its download host). ' +
      'Set ELECTRON_MIRROR to a reachable mirror, or copy an Electron build into node_modules/electron/dist.',
  );
  process.exit(1);
}
console.log(`Electron installed: ${electronBinary()}`);
