import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../../../../src/server/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The CLI bundled exactly as `npm run build` ships it (scripts/build.mjs), from
 * the current source, once per test process: starting it then costs a node
 * start instead of transpiling the whole service on every spawn.
 */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the project (.tmp/ is git-ignored) so that the bundle's bare imports find node_modules.
    await mkdir(join(ROOT, '.tmp'), { recursive: true });
    const outdir = await mkdtemp(join(ROOT, '.tmp', 'cli-'));
    await build({
      entryPoints: { 'server-cli': ENTRY },
      outdir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      absWorkingDir: ROOT,
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return join(outdir, 'server-cli.js');
  })();
  return bundled;
}
