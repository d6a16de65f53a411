/**
 * npm run bench: runs every bench/*.bench.ts (or those named on the command
 * line), prints one table and writes bench/results.json.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Bench, BenchRow } from './types';

const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchRow[] = [];
const failures: string[] = [];
const ctx = {
  pgUrl: process.env.TWOFOLD_TEST_PG_URL,
  keyring: process.env.TWOFOLD_TEST_KEYRING === '1',
  log: (line: string) => process.stderr.write(`  ${line}\n`),
};

for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  try {
    const mod = (await import(new URL(file, here).href)) as { default: Bench };
    rows.push(...(await mod.default(ctx)));
  } catch (error) {
    failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));
const table = rows.map((r) => ({
  bench: r.bench,
  metric: r.metric,
  value: `${fmt(r.value)} ${r.unit}`,
  peer: r.peer
    ? `${r.peer.name}: ${fmt(r.peer.value)} ${r.peer.unit ?? r.unit}${r.peer.note ? ` (${r.peer.note})` : ''}`
    : '',
  target: r.target ?? '',
  pass: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  note: r.note ?? '',
}));
console.table(table);
for (const f of failures) console.error(`FAILED ${f}`);

writeFileSync(
  new URL('results.json', here),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, rows, failures }, null, 2)}\n`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
