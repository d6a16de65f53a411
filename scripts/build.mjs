// npm run build: the Electron app (electron-vite), the account pages (Vite) and the two CLIs (esbuild).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npx', ['electron-vite', 'build', '--logLevel', 'warn']);
if (existsSync('src/web/vite.config.ts'))
  run('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']);

const entries = {
  'server-cli': 'src/server/cli.ts',
  'twofold-cli': 'src/main/cli/index.ts',
  'decode-worker': 'src/main/core/qr/decode-worker.ts',
};
const present = Object.fromEntries(Object.entries(entries).filter(([, path]) => existsSync(path)));
if (Object.keys(present).length > 0) {
  await build({
    entryPoints: present,
    outdir: 'out/cli',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}
