import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The throwaway PostgreSQL cluster that scripts/with-services.sh starts. Tests
 * never skip PostgreSQL: without it they fail and say how to run them.
 */
export function pgAdminUrl(): string {
  const url = process.env.TWOFOLD_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'TWOFOLD_TEST_PG_URL is not set: these tests need the throwaway PostgreSQL. Run them through ' +
        'scripts/with-services.sh, e.g. bash scripts/with-services.sh npx vitest run test/integration/server',
    );
  }
  return url;
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database in the cluster (one per suite or service), dropped by `drop()`. */
export async function createTestDatabase(prefix = 'twofold'): Promise<TestDatabase> {
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
