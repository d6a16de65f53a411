import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, parseDatabaseUrl } from '../../../../src/server/db/connect';
import { PREPARED_MARK } from '../../../../src/server/db/pg-statements';
import type { DB } from '../../../../src/server/db/schema';
import { PREPARED, precompiled, prepared } from '../../../../src/server/repositories/precompiled';
import { type ScratchDatabase, scratchDatabase } from '../support/engines';

/** The named statements the (single) connection holds: text → name. */
async function heldStatements(db: Kysely<DB>): Promise<Map<string, string>> {
  const { rows } = await sql<{
    name: string;
    statement: string;
  }>`select name, statement from pg_prepared_statements`.execute(db);
  return new Map(rows.map((r) => [r.statement, r.name]));
}

const marked = (text: string) => `${text} ${PREPARED_MARK}`;

const run = (db: Kysely<DB>, text: string, values: unknown[] = []) =>
  db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values));

describe('named prepared statements on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres', 'pgstatements');
    // One connection, so every query below meets the same server session.
    handle = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 1 });
    await sql`create table gadgets (id int primary key, label text not null)`.execute(handle.db);
    await sql`insert into gadgets values (1, 'one'), (2, 'two')`.execute(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await scratch.dispose();
  });

  it('runs a marked text as a named statement with each call’s values, and leaves others unnamed', async () => {
    const text = marked('select label from gadgets where id = $1');
    const unmarked = 'select label from gadgets where id = $1 and label <> $2';
    expect((await run(handle.db, text, [1])).rows).toEqual([{ label: 'one' }]);
    expect((await run(handle.db, text, [2])).rows).toEqual([{ label: 'two' }]);
    expect((await run(handle.db, unmarked, [2, 'x'])).rows).toEqual([{ label: 'two' }]);
    const held = await heldStatements(handle.db);
    expect(held.get(text)).toMatch(/^twofold_\d+$/);
    expect(held.has(unmarked)).toBe(false);
  });

  it('runs a marked statement on one generic plan from its first run, never planning it for its values', async () => {
    const text = marked('select label from gadgets where id = any(cast($1 as int[])) order by id');
    for (const ids of [[1], [1, 2], [2]]) await run(handle.db, text, [ids]);
    const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`
      select generic_plans, custom_plans from pg_prepared_statements where statement = ${text}`.execute(handle.db);
    // PostgreSQL's own choice plans the first five runs for their values, and keeps doing so here.
    expect(rows).toEqual([{ generic_plans: 3, custom_plans: 0 }]);
  });

  it('names the queries the repositories mark: precompiled, .$call(prepared) and PREPARED', async () => {
    const byId = precompiled<[number]>(
      (db, id) =>
        db
          .selectFrom('gadgets' as never)
          .select('label' as never)
          .where('id' as never, '>=', id),
      1,
    );
    expect((await byId(handle.db, 2)).rows).toEqual([{ label: 'two' }]);
    const query = handle.db
      .selectFrom('gadgets' as never)
      .select('label' as never)
      .where('id' as never, '=', 2 as never)
      .$call(prepared);
    const text = query.compile().sql;
    expect(text).toMatch(/\/\* prepared \*\/$/);
    expect(await query.execute()).toEqual([{ label: 'two' }]);
    const template = sql<{ n: number }>`select count(*)::int as n from gadgets where id > ${0} ${PREPARED}`;
    expect((await template.execute(handle.db)).rows).toEqual([{ n: 2 }]);
    const held = await heldStatements(handle.db);
    expect(held.get(text)).toMatch(/^twofold_\d+$/);
    expect(held.get(template.compile(handle.db).sql)).toMatch(/^twofold_\d+$/);
    expect([...held.keys()].filter((t) => t.startsWith('select "label" from "gadgets" where "id" >= $1'))).toHaveLength(
      1,
    );
  });

  it('answers a marked query again after a migration changed its result columns', async () => {
    const all = marked('select * from gadgets where id = $1');
    expect((await run(handle.db, all, [1])).rows).toEqual([{ id: 1, label: 'one' }]);
    // Another connection migrates under the running one, as in a rolling deployment.
    const other = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 1 });
    try {
      await sql`alter table gadgets add column colour text not null default 'red'`.execute(other.db);
    } finally {
      await other.close();
    }
    for (const id of [1, 2]) {
      expect((await run(handle.db, all, [id])).rows).toEqual([{ id, label: id === 1 ? 'one' : 'two', colour: 'red' }]);
    }
  });

  it('sends everything unnamed when named statements are off (a pooler that cannot keep them)', async () => {
    const off = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 1, namedStatements: false });
    try {
      const text = marked('select label from gadgets where id = $1 and id > $2');
      expect((await run(off.db, text, [1, 0])).rows).toEqual([{ label: 'one' }]);
      expect(await heldStatements(off.db)).toEqual(new Map());
    } finally {
      await off.close();
    }
  });

  it('keeps a marked statement’s errors as they are', async () => {
    const failing = marked('select 1 / (id - $1) as x from gadgets where id = $1');
    await expect(run(handle.db, failing, [1])).rejects.toMatchObject({ code: '22012' });
    expect((await run(handle.db, failing, [3])).rows).toEqual([]);
  });
});
