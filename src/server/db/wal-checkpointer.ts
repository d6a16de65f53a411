import { type ChildProcess, fork } from 'node:child_process';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { WAL_AUTOCHECKPOINT_PAGES } from './connect';
import type { DB } from './schema';
import { holdDirectWrites } from './sqlite-direct';
import { walReadAhead } from './wal-read-ahead';

/**
 * SQLite checkpoints in a process of their own, for `twofold-server serve`.
 *
 * A checkpoint copies the WAL into the database file and fsyncs it. Run by the
 * service's own connection (SQLite's autocheckpoint), it blocks the event loop
 * for its whole length. A PASSIVE checkpoint by another connection never blocks
 * a writer, so a child process runs them on a timer and the service's connection
 * stops checkpointing. The child dies with its parent (the IPC channel closes);
 * if it dies first, the service checkpoints again itself.
 */

/** The internal CLI command that runs the child. */
export const CHECKPOINTER_COMMAND = 'wal-checkpointer';
export const CHECKPOINT_EVERY_MS = 250;
/** Child → service: a RESTART is due. Service → child: writes are held, go. Child → service: done. */
export const RESTARTING = 'restarting';
export const GO = 'go';
export const RESTARTED = 'restarted';
const GO_TIMEOUT_MS = 1000;
const READY_TIMEOUT_MS = 5000;
/** The service's writes are held for a RESTART at most this long, whatever the child does. */
const RESTART_HOLD_LIMIT_MS = 250;
/**
 * By default a RESTART that held the service's writes this long is logged as a warning: they take 6–24 ms
 * on this project's VM, so a slower one is the disk's fsync stalling, and every sign-in waited for it.
 */
export const SLOW_RESTART_MS = 50;

/** Where the parent side logs: the service's pino logger. */
export interface CheckpointerLog {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

/** One RESTART as the service saw it: how long its writes were held, and whether the hold limit ran out first. */
export interface RestartReport {
  readonly heldMs: number;
  readonly pastLimit: boolean;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * How long a RESTART checkpoint waits for the service's transaction in flight
 * and for readers of old frames; the service's writers wait behind it meanwhile.
 */
const RESTART_WAIT_MS = 20;

/** At most this many extra PASSIVE rounds before a RESTART, each copying what came in during the one before. */
const CATCH_UP_ROUNDS = 3;
/** A round that found fewer new frames than this has caught up well enough for the RESTART. */
const CAUGHT_UP_FRAMES = 256;

/**
 * Child side: checkpoints `path` every CHECKPOINT_EVERY_MS until the parent goes.
 *
 * A PASSIVE checkpoint copies the frames that exist when it starts; under a
 * steady stream of writes new ones arrive meanwhile, so it never catches up, the
 * WAL never starts over, and it grows without bound (550 MB in the 20 s of the
 * TOTP bench). Past `limitMb`, a RESTART checkpoint copies the frames written since the
 * last PASSIVE one, holding new writers off for that and an fsync, and the next
 * write starts the WAL from its beginning again. Short PASSIVE rounds first copy
 * what arrived during the long one (hundreds of frames, against tens of
 * thousands), so the RESTART that blocks the writers has only a few left to
 * copy before its fsync: it held them 7–24 ms (median 10) without the rounds
 * and 6–15 ms (median 8) with them. The RESTART itself waits for the service's
 * GO (answerRestarts): the service then holds its sign-in writes in its event
 * loop for those milliseconds, where before they waited in SQLite's busy
 * handler and a 13 ms hold stalled answers for up to 48 ms.
 */
export function runWalCheckpointer(path: string, opts: { limitMb: number }): void {
  const sqlite = new Database(path, { fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const limitFrames = Math.floor((opts.limitMb * 1024 * 1024) / pageSize);
  const passive = () => (sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]?.log ?? 0;
  const readAhead = walReadAhead(`${path}-wal`, pageSize);
  let restarting = false;
  let unanswered: NodeJS.Timeout | undefined;
  const restart = () => {
    clearTimeout(unanswered);
    try {
      sqlite.pragma('wal_checkpoint(RESTART)');
    } catch {
      // Busy, or a transient I/O error: the next round tries again.
    } finally {
      process.send?.(RESTARTED);
      restarting = false;
    }
  };
  process.on('message', (m) => {
    if (m === GO && restarting) restart();
  });
  const timer = setInterval(() => {
    if (restarting) return;
    try {
      let frames = passive();
      readAhead.ahead(frames);
      if (frames <= limitFrames) return;
      readAhead.beforeRestart();
      for (let round = 0; round < CATCH_UP_ROUNDS; round++) {
        const before = frames;
        frames = passive();
        if (frames - before < CAUGHT_UP_FRAMES) break;
      }
      // The service holds its writes while the RESTART runs (GO), instead of waiting for the lock
      // inside SQLite's busy handler with its event loop blocked.
      restarting = true;
      if (!process.send) return restart();
      process.send(RESTARTING);
      // A service that does not answer (busy for a second) gets the RESTART anyway, waiting for the lock as before.
      unanswered = setTimeout(restart, GO_TIMEOUT_MS).unref();
    } catch {
      // Busy, or a transient I/O error: the next round tries again.
    }
  }, CHECKPOINT_EVERY_MS);
  const stop = () => {
    clearInterval(timer);
    readAhead.close();
    sqlite.close();
    process.exit(0);
  };
  process.once('disconnect', stop);
  process.once('SIGTERM', stop);
  process.send?.('ready');
}

/** Flags a profiler or debugger gave this process: the child takes none of them. */
const inherited = (flag: string) => !/^--(cpu-prof|heap-prof|inspect|prof)/.test(flag);

/**
 * Parent side: starts the child (`cli`, the CLI's own entry file, run as `wal-checkpointer`) and,
 * once it has the database open, turns the service connection's autocheckpoint off. Resolves to
 * null, checkpoints staying inline, when the child cannot start.
 */
export async function startWalCheckpointer(
  db: Kysely<DB>,
  opts: { cli: string; path: string; log: CheckpointerLog; slowRestartMs?: number },
): Promise<WalCheckpointer | null> {
  const { log } = opts;
  const warn = (message: string) => log.warn({}, message);
  const child: ChildProcess = fork(opts.cli, [CHECKPOINTER_COMMAND, '--database', `sqlite:${opts.path}`], {
    execArgv: process.execArgv.filter(inherited),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    const settle = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    child.once('message', (m) => settle(m === 'ready'));
    child.once('error', () => settle(false));
    void exited.then(() => settle(false));
  });
  if (!ready) {
    child.kill('SIGKILL');
    warn('the WAL checkpointer process did not start; SQLite checkpoints stay in the service process');
    return null;
  }
  let running = true;
  let stopping = false;
  await sql`pragma wal_autocheckpoint = 0`.execute(db);
  const release = answerRestarts(child, db, {
    onRestarted: (report) => logRestart(log, report, opts.slowRestartMs),
  });
  void exited.then(async () => {
    release();
    running = false;
    if (stopping) return;
    warn('the WAL checkpointer process exited; SQLite checkpoints are back in the service process');
    await sql
      .raw(`pragma wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
      .execute(db)
      .catch(() => undefined);
  });
  return {
    async stop() {
      stopping = true;
      if (!running) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Every RESTART at debug level (`walRestartMs`), and one of `slowMs` or more as a warning that says what it cost. */
export function logRestart(
  log: CheckpointerLog,
  { heldMs, pastLimit }: RestartReport,
  slowMs: number = SLOW_RESTART_MS,
): void {
  const fields = { walRestartMs: Math.round(heldMs * 10) / 10, pastHoldLimit: pastLimit };
  if (heldMs < slowMs) {
    log.debug(fields, 'SQLite WAL restart');
    return;
  }
  log.warn(
    fields,
    `a SQLite WAL restart kept the service's writes waiting for ${fields.walRestartMs} ms` +
      (pastLimit
        ? `; past ${RESTART_HOLD_LIMIT_MS} ms they met its lock in SQLite's busy handler, the event loop blocked`
        : '') +
      (heldMs >= SLOW_RESTART_MS ? '. Restarts this slow mean a slow fsync: check the disk under the database.' : '.'),
  );
}

/**
 * Service side of a RESTART: on the child's RESTARTING, holds the service's direct
 * transactions (the sign-in hot path) and answers GO, so the RESTART finds the write
 * lock free and the service waits for it in its event loop (reads and other requests
 * go on), not in SQLite's busy handler with the event loop blocked and sleeps of 1, 2,
 * 5, 10 ms between tries. RESTARTED, or the hold limit, releases them; RESTARTED also
 * reports how long the RESTART held them (`onRestarted`). Returns the release, for a
 * child that exits holding them.
 */
export function answerRestarts(
  child: Pick<ChildProcess, 'on' | 'send'>,
  db: Kysely<DB>,
  opts: { holdLimitMs?: number; onRestarted?: (report: RestartReport) => void } = {},
): () => void {
  const { holdLimitMs = RESTART_HOLD_LIMIT_MS, onRestarted } = opts;
  let resume: (() => void) | null = null;
  let overdue: NodeJS.Timeout | undefined;
  /** The RESTART under way: when GO went, and whether the limit released its hold. */
  let pending: { go: number; pastLimit: boolean } | null = null;
  const release = () => {
    clearTimeout(overdue);
    resume?.();
    resume = null;
  };
  child.on('message', (m) => {
    if (m === RESTARTING && !resume) {
      // Handled between two of this process's synchronous transactions: the lock is free now.
      resume = holdDirectWrites(db);
      const restart = { go: performance.now(), pastLimit: false };
      pending = restart;
      overdue = setTimeout(() => {
        restart.pastLimit = true;
        release();
      }, holdLimitMs);
      child.send(GO);
    } else if (m === RESTARTED) {
      release();
      if (pending) onRestarted?.({ heldMs: performance.now() - pending.go, pastLimit: pending.pastLimit });
      pending = null;
    }
  });
  return release;
}
