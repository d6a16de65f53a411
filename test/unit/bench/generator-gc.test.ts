import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { collectGeneratorHeap } from '../../../bench/server-support/generator-heap';
import { generatorGcNote } from '../../../bench/server-support/load';

describe("the generator's own GC note", () => {
  it.each([
    [undefined, "; the generator's own GC: no pause"],
    [{ count: 0, ms: 0, longest: null }, "; the generator's own GC: no pause"],
    [
      { count: 17, ms: 51.2, longest: { ms: 30.04, at: 3.42 } },
      "; the generator's own GC: 17 pauses, 51 ms, longest 30.0 ms at 3.4 s",
    ],
    [{ count: 2, ms: 3, longest: null }, "; the generator's own GC: 2 pauses, 3 ms"],
  ])('%j', (gc, note) => {
    expect(generatorGcNote(gc)).toBe(note);
  });
});

describe("the generator's heap before a timed phase", () => {
  it('is collected in full (a major GC of this process)', async () => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    collectGeneratorHeap();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the observer hears of it on a later turn
    observer.disconnect();
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MAJOR);
  });
});
