import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type DbHandle, type Engine, openDatabase, parseDatabaseUrl } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { DB } from '../../src/server/db/schema';
import { SecretBox } from '../../src/server/domain/secret-box';
import { createTestDatabase } from '../../test/support/pg';
import { type Instance, startInstance } from '../../test/support/server-cli';
import { type GcTrace, gcTrace } from './gc-trace';
import { type RestartTrace, restartTrace } from './wal-restarts';

export interface BenchService {
  readonly engine: Engine;
  readonly url: string;
  readonly db: Kysely<DB>;
  /** Seals secrets exactly as the service will open them (same TWOFOLD_SECRET_KEY). */
  readonly box: SecretBox;
  /** The service's GC pauses, when it was started with `traceGc`. */
  readonly gc?: GcTrace;
  /** On SQLite, the WAL RESTARTs and how long each held the service's writes (its warnings). */
  readonly restarts: RestartTrace;
  stop(): Promise<void>;
}

/**
 * A fresh database of the engine, migrated and filled by `seed` from this
 * process, then the real service (the bundled CLI's `serve`) in a child process
 * on loopback: the load generator and the service never share a process.
 */
export async function benchService(
  engine: Engine,
  label: string,
  seed: (db: Kysely<DB>, box: SecretBox) => Promise<void>,
  opts: { traceGc?: boolean } = {},
): Promise<BenchService> {
  const dir = await mkdtemp(join(tmpdir(), `twofold-bench-${label}-`));
  const pg = engine === 'postgres' ? await createTestDatabase(`twofold_bench_${label}`) : null;
  const url = pg?.url ?? `sqlite:${join(dir, 'twofold.db')}`;
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const handle: DbHandle = openDatabase(parseDatabaseUrl(url), { poolSize: 4 });
  let instance: Instance | null = null;
  const gc = opts.traceGc ? gcTrace() : undefined;
  const restarts = restartTrace();
  try {
    await migrateToLatest(handle.db);
    await seed(handle.db, box);
    // Statistics for the planner after a bulk load, and on PostgreSQL the visibility map that lets the admin
    // search read its covering index alone: what any deployment has once autovacuum ran after the inserts
    // (PostgreSQL 13+ vacuums insert-only tables too), or an operator did after an import.
    if (engine === 'postgres') {
      // Twice: on this throwaway cluster the first pass straight after the load leaves the visibility map
      // empty (checked with pg_class.relallvisible), the second marks every page, as autovacuum's next one would.
      await sql`vacuum analyze`.execute(handle.db);
      await sql`vacuum analyze`.execute(handle.db);
    } else {
      await sql`analyze`.execute(handle.db);
      // The load's WAL into the database file, as a service finds it after a restart: the run's checkpoints
      // then copy the run's own writes, not the seed's tens of megabytes.
      await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
    }
    instance = await startInstance({
      database: url,
      dataDir: dir,
      // Every WAL RESTART as a warning line (a few a run), for the TOTP row's note.
      env: { TWOFOLD_SECRET_KEY: key.toString('hex'), TWOFOLD_LOG_LEVEL: 'warn', TWOFOLD_SQLITE_SLOW_RESTART_MS: '0' },
      ...(gc ? { nodeArgs: ['--trace-gc'] } : {}),
      onLine: (line) => {
        gc?.line(line);
        restarts.line(line);
      },
    });
  } catch (error) {
    await handle.close();
    await pg?.drop();
    throw error;
  }
  const running = instance;
  return {
    engine,
    url: running.url,
    db: handle.db,
    box,
    ...(gc ? { gc } : {}),
    restarts,
    stop: async () => {
      await running.stop();
      await handle.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The engines a run covers: both, and PostgreSQL only inside scripts/with-services.sh. */
export function benchEngines(pgUrl: string | undefined): Engine[] {
  if (!pgUrl)
    throw new Error(
      'The server benches run on SQLite and PostgreSQL: run them with npm run bench (scripts/with-services.sh).',
    );
  return ['sqlite', 'postgres'];
}
