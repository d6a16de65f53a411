import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
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

export interface Instance {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A service instance as its own OS process (`twofold-server serve`, bundled from the
 * current source as the build ships it), listening on a free port; resolves once it says where.
 */
export async function startInstance(opts: {
  database: string;
  dataDir: string;
  env?: Record<string, string>;
  /** Node's own flags for the instance, e.g. `--trace-gc`. */
  nodeArgs?: readonly string[];
  /** Each line the instance writes to stdout once it listens (what `nodeArgs` such as `--trace-gc` print). */
  onLine?: (line: string) => void;
}): Promise<Instance> {
  const cli = await cliBundle();
  // TWOFOLD_INSTANCE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the instances (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = [
    ...(process.env.TWOFOLD_INSTANCE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ...(opts.nodeArgs ?? []),
  ];
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      cli,
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--database',
      opts.database,
      '--data-dir',
      opts.dataDir,
    ],
    { env: { ...process.env, TWOFOLD_LOG_LEVEL: 'warn', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start in 30 s: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${stderr}`)));
    let listening = false;
    // Line by line, and read to the end: a pipe nobody drains would stall the instance once it fills.
    createInterface({ input: child.stdout as Readable }).on('line', (line) => {
      if (listening) return opts.onLine?.(line);
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(line);
      if (match?.[1]) {
        listening = true;
        clearTimeout(timer);
        // From here on, whatever the instance says on stderr (warnings, a crash) reaches the runner's output.
        child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[twofold-server ${child.pid}] ${d.toString()}`));
        child.once('exit', (code, signal) => {
          if (code !== 0 && signal !== 'SIGTERM')
            process.stderr.write(`[twofold-server ${child.pid}] exited (${code ?? signal})\n`);
        });
        const url = match[1];
        resolve({
          url,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
