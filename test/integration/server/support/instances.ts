import { type ChildProcess, spawn } from 'node:child_process';
import { cliBundle } from './cli-bundle';

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
}): Promise<Instance> {
  const cli = await cliBundle();
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--host', '127.0.0.1', '--port', '0', '--database', opts.database, '--data-dir', opts.dataDir],
    { env: { ...process.env, TWOFOLD_LOG_LEVEL: 'warn', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start in 30 s: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${stderr}`)));
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
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
