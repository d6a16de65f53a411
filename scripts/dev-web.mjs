// npm run dev:web: build the renderer, then serve it through the loopback test
// bridge (src/bridge) so the whole UI runs in a browser without Electron.
import { spawn, spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const bridge = spawn(process.execPath, ['--import', 'tsx', 'src/bridge/dev.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => bridge.kill(signal));
bridge.on('exit', (code) => process.exit(code ?? 0));
