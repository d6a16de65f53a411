import { describe, expect, it } from 'vitest';
import { parseCpuLine, stealMeter, stealNote, withSteal } from '../../../bench/server-support/steal';

describe('hypervisor steal from /proc/stat', () => {
  it.each([
    ['cpu  100 5 20 800 10 0 5 60 0 0\ncpu0 1 2 3', { total: 1000, steal: 60 }],
    ['cpu 1 2 3 4 5 6 7 8', { total: 36, steal: 8 }],
    ['cpu  1 2 3 4 5 6 7\n', undefined], // a kernel too old to count steal
    ['cpu0 1 2 3 4 5 6 7 8', undefined], // not the machine's line
    ['cpu  1 2 x 4 5 6 7 8', undefined],
    ['', undefined],
  ])('reads %j', (stat, expected) => {
    expect(parseCpuLine(stat)).toEqual(expected);
  });

  it('gives a share between 0 and 100 % over a phase on Linux', async () => {
    const meter = stealMeter();
    const until = Date.now() + 50;
    while (Date.now() < until); // at least one clock tick of work
    await new Promise((resolve) => setTimeout(resolve, 20));
    const share = meter.stop();
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(100);
  });

  it('answers the work’s own result beside the share', async () => {
    const [result, share] = await withSteal(async () => 'done');
    expect(result).toBe('done');
    expect(share === undefined || (share >= 0 && share <= 100)).toBe(true);
  });

  it.each([
    [undefined, ''],
    [12.4, '; hypervisor steal 12 %'],
  ])('notes %j as %j', (share, note) => {
    expect(stealNote(share)).toBe(note);
  });
});
