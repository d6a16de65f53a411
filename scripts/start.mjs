// npm start: seed and start the service on the embedded SQLite file under ./data,
// then open the desktop app pointed at it.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary, MISSING_ELECTRON } from './electron-binary.mjs';

const host = process.env.TWOFOLD_HOST ?? '127.0.0.1';
const port = process.env.TWOFOLD_PORT ?? '8787';
const database = process.env.DATABASE_URL ?? 'sqlite:./data/twofold.db';
const serviceUrl = `http://${host}:${port}`;
const cli = ['bin/twofold-server.js'];

function step(args) {
  const r = spawnSync(process.execPath, [...cli, ...args, '--database', database], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step(['migrate']);
step(['seed-demo']);

const server = spawn(process.execPath, [...cli, 'serve', '--host', host, '--port', port, '--database', database], {
  stdio: 'inherit',
});
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(process.exitCode ?? code ?? 0));

async function waitForHealth() {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${serviceUrl}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

if (!(await waitForHealth())) {
  console.error(`The service did not answer on ${serviceUrl}/api/health within 10 s.`);
  stop();
  process.exit(1);
}
console.log(`Twofold service: ${serviceUrl} (account pages at ${serviceUrl}/)`);

const binary = electronBinary();
if (!binary) {
  console.error(MISSING_ELECTRON);
  stop();
  process.exitCode = 1;
} else {
  const desktop = spawn(binary, ['.'], { stdio: 'inherit', env: { ...process.env, TWOFOLD_SERVICE_URL: serviceUrl } });
  desktop.on('exit', stop);
}
