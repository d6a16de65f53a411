import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, embedded, WASM_MODULES } from '../../scripts/build-wasm.mjs';

// The hand-written WebAssembly is reviewed as .wat; the app runs the copy embedded in TypeScript.
describe('embedded WebAssembly', () => {
  it.each(WASM_MODULES.map((m) => [m.wat, m] as const))('%s is what its embedded copy holds', async (_wat, m) => {
    const ts = readFileSync(new URL(`../../${m.ts}`, import.meta.url), 'utf8');
    expect(ts).toBe(embedded(m, await assemble(m.wat)));
  });
});
