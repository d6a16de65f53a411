import { describe, expect, it } from 'vitest';
import { backoffMs, backoffTable, LOCK_AFTER, retryAfterSeconds } from '../../../../src/server/domain/throttle';

describe('throttle', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [10, 32_000],
    [14, 512_000],
    [15, 900_000],
    [99, 900_000],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(backoffMs(failures)).toBe(ms);
  });

  it('tabulates every delay below the cap for the SQL CASE, in order', () => {
    const table = backoffTable();
    expect(table.map((r) => r.failures)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    for (const r of table) expect(r.delayMs).toBe(backoffMs(r.failures));
  });

  it('locks after 100 consecutive failures', () => {
    expect(LOCK_AFTER).toBe(100);
  });

  it('rounds the wait up to whole seconds, at least one', () => {
    expect(retryAfterSeconds(10_001, 0)).toBe(11);
    expect(retryAfterSeconds(5, 10)).toBe(1);
  });
});
