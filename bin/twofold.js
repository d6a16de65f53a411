#!/usr/bin/env node
// The built CLI when present (npm run build), else the TypeScript source through tsx (development).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/twofold-cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  await import('tsx/esm');
  await import(new URL('../src/main/cli/index.ts', import.meta.url).href);
}
