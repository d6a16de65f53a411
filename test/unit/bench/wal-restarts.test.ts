import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseRestartLine, restartNote, restartTrace } from '../../../bench/server-support/wal-restarts';
import { logRestart } from '../../../src/server/db/wal-checkpointer';

const ORIGIN = 1_700_000_000_000;
const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 40, pid: 7, hostname: 'h', ...fields });

describe('WAL RESTARTs from the service log', () => {
  it.each([
    [
      line({ time: ORIGIN + 5_000, walRestartMs: 81.3, pastHoldLimit: false }),
      { end: 5_000, ms: 81.3, pastHoldLimit: false },
    ],
    [
      line({ time: ORIGIN + 9_000, walRestartMs: 412, pastHoldLimit: true }),
      { end: 9_000, ms: 412, pastHoldLimit: true },
    ],
    [line({ time: ORIGIN, msg: 'mail dispatch problem' }), undefined],
    [line({ walRestartMs: 80 }), undefined],
    ['{"walRestartMs": not json', undefined],
    ['listening on http://127.0.0.1:8787', undefined],
  ])('reads %s', (text, expected) => {
    expect(parseRestartLine(text, ORIGIN)).toEqual(expected);
  });

  it('keeps the RESTARTs whose hold overlapped a phase, and notes the longest with when it began', () => {
    const trace = restartTrace(ORIGIN);
    trace.line(line({ time: ORIGIN + 2_000, walRestartMs: 60 })); // held 1,940–2,000
    trace.line(line({ time: ORIGIN + 8_000, walRestartMs: 400, pastHoldLimit: true })); // held 7,600–8,000
    trace.line('{"level":30,"msg":"other"}');
    expect(trace.between(0, 10_000).map((r) => r.ms)).toEqual([60, 400]);
    expect(trace.between(1_990, 7_000).map((r) => r.ms)).toEqual([60]);
    expect(trace.between(2_001, 7_599)).toEqual([]);
    expect(restartNote(trace.between(1_000, 10_000), 1_000)).toBe(
      '; WAL restarts: 2, longest 400 ms (past the hold limit) at 6.6 s',
    );
    expect(restartNote([], 0)).toBe('; WAL restarts: none');
  });

  it("reads what the service's logger prints for a slow RESTART, and nothing at the bench's level for a usual one", async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'warn', stream: { write: (l: string) => lines.push(l.trim()) } } });
    const before = Date.now();
    logRestart(app.log, { heldMs: 8, pastLimit: false });
    logRestart(app.log, { heldMs: 120.04, pastLimit: false });
    await app.close();
    expect(lines).toHaveLength(1);
    const restart = parseRestartLine(lines[0] as string, 0);
    expect(restart).toMatchObject({ ms: 120, pastHoldLimit: false });
    expect(restart?.end).toBeGreaterThanOrEqual(before);
    expect(restart?.end).toBeLessThanOrEqual(Date.now());
  });
});
