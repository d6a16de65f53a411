import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { CHECKPOINTER_COMMAND } from '../../../src/server/db/wal-checkpointer';
import { type Instance, startInstance } from '../../support/server-cli';
import { type ScratchDatabase, scratchDatabase } from './support/engines';

/**
 * `twofold-server serve` on SQLite checkpoints the WAL from a child process, so
 * the fsync of a checkpoint never blocks the service's event loop. These tests
 * run the real CLI and watch the real database file.
 */

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** The checkpointer children of a process (Linux `ps`). */
function checkpointers(parent: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child
  }
  return out
    .split('\n')
    .filter((line) => line.includes(CHECKPOINTER_COMMAND))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SQLite WAL checkpoints in a child process of serve', () => {
  let scratch: ScratchDatabase;
  let path: string;
  let instance: Instance | undefined;

  beforeEach(async () => {
    scratch = await scratchDatabase('sqlite', 'wal');
    path = join(scratch.dir, 'twofold.db');
    const h = openDatabase(parseDatabaseUrl(scratch.url));
    await migrateToLatest(h.db);
    await h.close();
  });
  afterEach(async () => {
    await instance?.stop();
    instance = undefined;
    await scratch.dispose();
  });

  const serve = (background: '0' | '1', env: Record<string, string> = {}, onLine?: (line: string) => void) =>
    startInstance({
      database: scratch.url,
      dataDir: join(scratch.dir, 'data'),
      env: { TWOFOLD_SQLITE_BACKGROUND_CHECKPOINTS: background, ...env },
      ...(onLine ? { onLine } : {}),
    });

  it.each([
    ['reach the database file through the child', '1', true],
    ['stay in the WAL with the child turned off, nobody else checkpointing', '0', false],
  ] as const)('writes %s', async (_, background, reachFile) => {
    instance = await serve(background);
    expect(checkpointers(instance.process.pid as number)).toHaveLength(reachFile ? 1 : 0);
    // A second writer that never checkpoints itself; the service's connection does not write.
    const writer = new Database(path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table filler (x blob)');
    const before = statSync(path).size;
    const insert = writer.prepare('insert into filler values (randomblob(4000))');
    writer.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run();
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(2_000_000);
    expect(await until(() => statSync(path).size > before + 1_500_000, 3000)).toBe(reachFile);
    writer.close();
  });

  it('makes the WAL start over past its limit while writes never pause', async () => {
    const restarts: number[] = []; // pino writes to standard output, a JSON object a line
    instance = await serve('1', { TWOFOLD_SQLITE_WAL_LIMIT_MB: '2', TWOFOLD_LOG_LEVEL: 'debug' }, (line) => {
      if (line.includes('walRestartMs')) restarts.push(JSON.parse(line).walRestartMs);
    });
    const writer = new Database(path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma('busy_timeout = 5000');
    writer.exec('create table filler (x blob)');
    const insert = writer.prepare('insert into filler values (randomblob(4000))');
    const write = writer.transaction(() => {
      for (let i = 0; i < 4; i++) insert.run();
    });
    // 48 MB over about 3 s in small transactions a millisecond apart, as a busy service writes: a PASSIVE
    // checkpoint never catches up with them, so without the RESTART the WAL ends up holding all of it.
    const rounds = 3000;
    let largest = 0;
    const deadline = Date.now() + 60_000;
    for (let i = 0; i < rounds && Date.now() < deadline; i++) {
      write();
      if (i % 25 === 0) largest = Math.max(largest, statSync(`${path}-wal`).size);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(writer.prepare('select count(*) as n from filler').get()).toEqual({ n: rounds * 4 });
    expect(largest).toBeGreaterThan(2 * 1024 * 1024);
    expect(largest).toBeLessThan(16 * 1024 * 1024);
    // The service logs each RESTART with how long it held the service's writes.
    expect(await until(() => restarts.length > 0, 3000)).toBe(true);
    for (const ms of restarts) expect(ms).toBeGreaterThan(0);
    writer.close();
  });

  it('stops the child with the service', async () => {
    instance = await serve('1');
    const [child] = checkpointers(instance.process.pid as number);
    expect(child).toBeGreaterThan(0);
    await instance.stop();
    instance = undefined;
    expect(await until(() => !alive(child as number), 5000)).toBe(true);
  });

  it('takes checkpoints back into the service when the child dies, and keeps serving', async () => {
    instance = await serve('1');
    let log = ''; // pino writes to standard output
    instance.process.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const [child] = checkpointers(instance.process.pid as number);
    process.kill(child as number, 'SIGKILL');
    expect(await until(() => log.includes('checkpoints are back in the service process'), 5000)).toBe(true);
    const health = await fetch(`${instance.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
