import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../../../../src/server/db/connect';
import { migrateToLatest } from '../../../../src/server/db/migrate';
import { directSqlite, holdDirectWrites, inDirectTransaction } from '../../../../src/server/db/sqlite-direct';
import {
  answerRestarts,
  GO,
  RESTARTED,
  RESTARTING,
  type RestartReport,
} from '../../../../src/server/db/wal-checkpointer';
import { precompiled } from '../../../../src/server/repositories/precompiled';
import { type ScratchDatabase, scratchDatabase } from '../support/engines';

/**
 * On SQLite the hot path's statements skip Kysely's executor and run on the
 * connection itself. A Kysely transaction holds that connection across awaits,
 * so a direct statement must never slip into one: it would commit or roll back
 * with somebody else's work.
 */
const addOrg = precompiled<[string, string]>(
  (db, id: string, name: string) =>
    db.insertInto('orgs').values({ id, name, kind: 'platform', requires_2fa: 0, created_at: 0 }),
  2,
);

const orgIds = async (h: DbHandle) =>
  (await h.db.selectFrom('orgs').select('id').orderBy('id').execute()).map((r) => r.id);

describe('direct SQLite statements', () => {
  let scratch: ScratchDatabase;
  let h: DbHandle;
  beforeEach(async () => {
    scratch = await scratchDatabase('sqlite', 'direct');
    h = openDatabase({ engine: 'sqlite', path: scratch.url.slice('sqlite:'.length) });
    await migrateToLatest(h.db);
  });
  afterEach(async () => {
    await h.close();
    await scratch.dispose();
  });

  it('wait for an open Kysely transaction instead of joining it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => undefined;
    const inTransaction = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const rolledBack = h.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('orgs')
          .values({ id: 'in-trx', name: 'In trx', kind: 'platform', requires_2fa: 0, created_at: 0 })
          .execute();
        inserted();
        await held;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);

    await inTransaction;
    let directDone = false;
    const direct = addOrg(h.db, 'direct', 'Direct').then(() => {
      directDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(directDone).toBe(false);

    release();
    expect(await rolledBack).toBe('roll back');
    await direct;
    // Run inside the transaction, the direct row would have been rolled back with it.
    expect(await orgIds(h)).toEqual(['direct']);
  });

  it('commit a direct transaction whole, or nothing of it', async () => {
    const direct = directSqlite(h.db);
    if (!direct) throw new Error('no direct connection on SQLite');
    await inDirectTransaction(h.db, direct, () => {
      addOrg.now(h.db, direct, 'a', 'A');
      addOrg.now(h.db, direct, 'b', 'B');
    });
    await expect(
      inDirectTransaction(h.db, direct, () => {
        addOrg.now(h.db, direct, 'c', 'C');
        addOrg.now(h.db, direct, 'd', 'A'); // the name is taken: the whole transaction goes
      }),
    ).rejects.toThrow(/UNIQUE constraint failed: orgs.name/);
    expect(await orgIds(h)).toEqual(['a', 'b']);
    expect(direct.database.inTransaction).toBe(false);
  });

  it('answer as Kysely’s driver does', async () => {
    const result = await addOrg(h.db, 'x', 'X');
    expect(result).toEqual({ rows: [], numAffectedRows: 1n, insertId: 1n });
    const read = precompiled<[string]>(
      (db, id: string) => db.selectFrom('orgs').select(['id', 'name']).where('id', '=', id),
      1,
    );
    expect((await read(h.db, 'x')).rows).toEqual([{ id: 'x', name: 'X' }]);
  });

  it('are only offered for the service’s own handle, never a transaction’s', async () => {
    expect(directSqlite(h.db)).toBeDefined();
    await h.db.transaction().execute(async (trx) => {
      expect(directSqlite(trx)).toBeUndefined();
    });
  });

  it('wait while their writes are held, reads going on, and all run once released', async () => {
    const direct = directSqlite(h.db);
    if (!direct) throw new Error('no direct connection on SQLite');
    const release = holdDirectWrites(h.db);
    const order: string[] = [];
    const writes = ['a', 'b', 'c'].map((id) =>
      inDirectTransaction(h.db, direct, () => {
        addOrg.now(h.db, direct, id, id.toUpperCase());
        order.push(id);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    expect(await orgIds(h)).toEqual([]); // a read is not held
    release();
    await Promise.all(writes);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(await orgIds(h)).toEqual(['a', 'b', 'c']);
    release(); // a second release changes nothing
    await inDirectTransaction(h.db, direct, () => addOrg.now(h.db, direct, 'd', 'D'));
    expect(await orgIds(h)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('are held for a WAL RESTART between the checkpointer’s RESTARTING and RESTARTED, or the hold limit', async () => {
    const direct = directSqlite(h.db);
    if (!direct) throw new Error('no direct connection on SQLite');
    const sent: unknown[] = [];
    const child = Object.assign(new EventEmitter(), {
      send: (m: unknown) => sent.push(m) > 0,
    });
    const reports: RestartReport[] = [];
    const release = answerRestarts(child as never, h.db, { holdLimitMs: 200, onRestarted: (r) => reports.push(r) });
    let done = 0;
    const write = (id: string) =>
      inDirectTransaction(h.db, direct, () => addOrg.now(h.db, direct, id, id)).then(() => {
        done++;
      });

    child.emit('message', RESTARTING);
    expect(sent).toEqual([GO]);
    const first = write('r1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(0);
    child.emit('message', RESTARTED);
    await first;
    expect(done).toBe(1);
    expect(reports).toEqual([{ heldMs: expect.any(Number), pastLimit: false }]);
    expect(reports[0]?.heldMs).toBeGreaterThanOrEqual(25);

    // A child that never says RESTARTED holds the writes no longer than the limit.
    child.emit('message', RESTARTING);
    const started = Date.now();
    await write('r2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(sent).toEqual([GO, GO]);
    // Its RESTARTED, late, reports the whole hold and that the limit ran out first.
    child.emit('message', RESTARTED);
    expect(reports[1]).toEqual({ heldMs: expect.any(Number), pastLimit: true });
    expect(reports[1]?.heldMs).toBeGreaterThanOrEqual(150);
    child.emit('message', RESTARTED); // one without a RESTARTING reports nothing
    expect(reports).toHaveLength(2);

    // The release returned is for a child that exits while holding them.
    child.emit('message', RESTARTING);
    const third = write('r3');
    release();
    await third;
    expect(await orgIds(h)).toEqual(['r1', 'r2', 'r3']);
  });
});
