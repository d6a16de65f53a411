import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../../src/server/db/connect';
import { createTestDatabase } from '../../../support/pg';

/** Every data-touching suite runs on both engines; PostgreSQL is never skipped. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface ScratchDatabase {
  readonly engine: Engine;
  readonly url: string;
  /** A temp directory for the SQLite file, key file and outbox. */
  readonly dir: string;
  dispose(): Promise<void>;
}

/** An empty database of the engine: a temp SQLite file, or a fresh database in the throwaway cluster. */
export async function scratchDatabase(engine: Engine, label: string): Promise<ScratchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), `twofold-${label}-`));
  if (engine === 'sqlite') {
    return {
      engine,
      url: `sqlite:${join(dir, 'twofold.db')}`,
      dir,
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const pg = await createTestDatabase(`twofold_${label}`);
  return {
    engine,
    url: pg.url,
    dir,
    dispose: async () => {
      await pg.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
