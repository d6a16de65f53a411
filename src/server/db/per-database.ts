import type { Kysely } from 'kysely';
import type { DB } from './schema';

/**
 * One `make(db)` per database handle, made on first use: for state that must be
 * shared by every request on one pool (a batcher's queue) and never across pools.
 */
export function perDatabase<T>(make: (db: Kysely<DB>) => T): (db: Kysely<DB>) => T {
  const made = new WeakMap<Kysely<DB>, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
