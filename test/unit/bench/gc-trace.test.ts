import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gcNote, gcTrace, parseGcLine } from '../../../bench/server-support/gc-trace';

const SCAVENGE =
  '[670:0x32b4eee0]       31 ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, 1.49 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ';
const MARK_COMPACT =
  '[678:0x380e2eb0]      347 ms: Mark-Compact 77.9 (97.3) -> 63.4 (98.1) MB, 16.99 / 0.00 ms  (+ 59.1 ms in 113 steps since start of marking, biggest step 8.2 ms, walltime since start of marking 124 ms) (average mu = 1.000, current mu = 1.000) finalize incremental marking via stack guard; GC in old space requested';
const REDUCE =
  '[9:0x5d7c0a0]     8123 ms: Mark-Compact (reduce) 30.1 (40.0) -> 29.0 (39.0) MB, 4.50 / 0.10 ms  (average mu = 0.9) low memory notification; GC in old space requested';

describe("the service's GC pauses from --trace-gc", () => {
  it.each([
    [SCAVENGE, { at: 31, ms: 1.49, kind: 'Scavenge' }],
    [MARK_COMPACT, { at: 347, ms: 16.99, kind: 'Mark-Compact' }],
    [REDUCE, { at: 8123, ms: 4.5, kind: 'Mark-Compact' }],
    ['listening on http://127.0.0.1:8787', undefined],
    ['[670:0x32b4eee0]       31 ms: Scavenge', undefined],
    ['', undefined],
  ])('reads %j', (line, expected) => {
    expect(parseGcLine(line)).toEqual(expected);
  });

  it('puts each pause on the collector’s clock by the earliest arrival, and keeps those overlapping a phase', () => {
    let now = 0;
    const trace = gcTrace(() => now);
    now = 1_050; // isolate time 31 ms arrives at 1,050: the isolate's 0 is at 1,019 or later
    trace.line(SCAVENGE);
    now = 1_320; // isolate time 347 ms arrives at 1,320, the closer bound: its 0 is at 973
    trace.line(MARK_COMPACT);
    trace.line('not a gc line');
    const all = trace.between(0, 10_000);
    expect(all.map((p) => [p.kind, p.end])).toEqual([
      ['Scavenge', 31 + 973],
      ['Mark-Compact', 347 + 973],
    ]);
    // The Mark-Compact ran from 1,303 to 1,320: a phase from 1,310 overlaps it, one from 1,321 does not.
    expect(trace.between(1_310, 2_000).map((p) => p.kind)).toEqual(['Mark-Compact']);
    expect(trace.between(1_321, 2_000)).toEqual([]);
    expect(gcTrace(() => 0).between(0, 1)).toEqual([]);
  });

  it('notes the count, the total and the longest pause with when it began in the phase', () => {
    const pauses = [
      { at: 0, ms: 1.5, kind: 'Scavenge', end: 1_500 },
      { at: 0, ms: 12, kind: 'Mark-Compact', end: 6_512 },
    ];
    expect(gcNote(pauses, 1_000)).toBe("; the service's GC: 2 pauses, 14 ms, longest 12.0 ms (Mark-Compact) at 5.5 s");
    expect(gcNote([], 0)).toBe("; the service's GC: no pause");
  });

  it('reads what this Node prints', () => {
    const run = spawnSync(
      process.execPath,
      ['--trace-gc', '--expose-gc', '-e', 'const a = []; for (let i = 0; i < 2e5; i++) a.push({ i }); gc();'],
      { encoding: 'utf8' },
    );
    const pauses = run.stdout.split('\n').flatMap((line) => parseGcLine(line) ?? []);
    expect(pauses.length).toBeGreaterThan(0);
    expect(pauses.some((p) => p.kind === 'Mark-Compact')).toBe(true);
    expect(pauses.every((p) => p.ms >= 0 && p.at >= 0)).toBe(true);
  });
});
