import { describe, expect, it } from 'vitest';
import { logRestart, SLOW_RESTART_MS } from '../../../../src/server/db/wal-checkpointer';

/** A logger that records each call as [level, fields, message]. */
function recorder() {
  const lines: Array<[string, Record<string, unknown>, string]> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push([level, fields, message]);
  };
  return { lines, log: { warn: at('warn'), debug: at('debug') } };
}

describe('logRestart', () => {
  it.each([
    ['a usual RESTART at debug level', 8.04, false, 'debug', 8, []],
    ['one just under the threshold at debug level', SLOW_RESTART_MS - 0.1, false, 'debug', 49.9, []],
    ['a slow one as a warning naming the fsync', 81.26, false, 'warn', 81.3, [/81\.3 ms/, /slow fsync/]],
    ['one past the hold limit saying the event loop blocked', 412, true, 'warn', 412, [/busy handler/, /blocked/]],
  ] as const)('logs %s', (_, heldMs, pastLimit, level, rounded, says) => {
    const { lines, log } = recorder();
    logRestart(log, { heldMs, pastLimit });
    expect(lines).toHaveLength(1);
    const [gotLevel, fields, message] = lines[0] as (typeof lines)[number];
    expect(gotLevel).toBe(level);
    expect(fields).toEqual({ walRestartMs: rounded, pastHoldLimit: pastLimit });
    for (const pattern of says) expect(message).toMatch(pattern);
    if (!pastLimit) expect(message).not.toMatch(/busy handler/);
  });

  it('warns from a lower threshold when asked (TWOFOLD_SQLITE_SLOW_RESTART_MS), without blaming the disk', () => {
    const { lines, log } = recorder();
    logRestart(log, { heldMs: 8.04, pastLimit: false }, 0);
    expect(lines).toEqual([['warn', { walRestartMs: 8, pastHoldLimit: false }, expect.stringMatching(/8 ms\.$/)]]);
  });
});
