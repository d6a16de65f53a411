// Says exactly which Debian package to install when a tool the tests need is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { tool: 'dbus-run-session', pkg: 'dbus' },
  { tool: 'dbus-send', pkg: 'dbus' },
  { tool: 'gnome-keyring-daemon', pkg: 'gnome-keyring' },
  { tool: 'secret-tool', pkg: 'libsecret-tools' },
  { tool: 'pg_config', pkg: 'postgresql' },
];

function has(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = needs.filter((n) => !has(n.tool)).map((n) => n.pkg);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) missing.push('chromium');
if (missing.length > 0) {
  const unique = [...new Set(missing)];
  console.error(
    `Missing system packages: ${unique.join(', ')}. Install them with: apt-get install ${unique.join(' ')}`,
  );
  process.exit(3);
}
