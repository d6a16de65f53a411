import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { READ_AHEAD_BYTES, readAheadRange, walReadAhead } from '../../../../src/server/db/wal-read-ahead';

const PAGE = 4096;
const FRAME = PAGE + 24;
const MB = 1024 * 1024;

describe('the WAL read-ahead range', () => {
  it.each([
    ['a WAL still growing: nothing past its last frame', 1000, 32 + 1000 * FRAME, 0, null],
    ['just after a RESTART: from the first frame, 32 MB on', 0, 256 * MB, 0, [32, 32 + READ_AHEAD_BYTES]],
    [
      'the next round: only what was not read yet',
      2000,
      256 * MB,
      32 + READ_AHEAD_BYTES,
      [32 + READ_AHEAD_BYTES, 32 + 2000 * FRAME + READ_AHEAD_BYTES],
    ],
    [
      'near the end of the file: up to its end',
      60_000,
      32 + 60_500 * FRAME,
      0,
      [32 + 60_000 * FRAME, 32 + 60_500 * FRAME],
    ],
    ['all of it read already', 10, 256 * MB, 64 * MB, null],
  ] as const)('%s', (_, frames, fileSize, readUpTo, range) => {
    expect(readAheadRange(frames, PAGE, fileSize, readUpTo)).toEqual(range);
  });
});

describe('reading the WAL ahead of the service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twofold-wal-ahead-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a reused WAL once past the last frame, its start again before a RESTART, and a missing one not at all', () => {
    const wal = join(dir, 'reused.db-wal');
    writeFileSync(wal, Buffer.alloc(3 * MB + 100));
    const ahead = walReadAhead(wal, PAGE);
    expect(ahead.ahead(100)).toBe(3 * MB + 100 - 32 - 100 * FRAME);
    expect(ahead.ahead(200)).toBe(0);
    expect(ahead.beforeRestart()).toBe(3 * MB + 100 - 32);
    expect(ahead.ahead(10)).toBe(0); // after the RESTART: read already
    ahead.close();
    expect(walReadAhead(join(dir, 'missing.db-wal'), PAGE).ahead(0)).toBe(0);
  });
});
