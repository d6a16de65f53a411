import { describe, expect, it } from 'vitest';
import { batchedWrites } from '../../../../src/server/db/write-batch';

type Write = { user: string; value: number };

/** A store whose `many` and `one` record each call, and refuse a negative value (the whole statement fails). */
function store(max = 10) {
  const calls: Array<{ via: 'many' | 'one'; users: string[] }> = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const apply = async (ws: Write[], via: 'many' | 'one') => {
    calls.push({ via, users: ws.map((w) => w.user) });
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    if (ws.some((w) => w.value < 0)) throw new Error(`refused ${ws.find((w) => w.value < 0)?.user}`);
    return ws.map((w) => `${w.user}=${w.value}`);
  };
  const write = batchedWrites<Write, string>({
    key: (w) => w.user,
    many: (ws) => apply(ws, 'many'),
    one: async (w) => (await apply([w], 'one'))[0] as string,
    max,
  });
  const settle = (w: Write) =>
    write(w).then(
      (r) => r,
      (e: Error) => e.message,
    );
  return { write, settle, calls, mostInFlight: () => mostInFlight };
}

const w = (user: string, value = 1): Write => ({ user, value });

describe('batchedWrites', () => {
  it('runs a lone write alone, through `one`', async () => {
    const s = store();
    expect(await s.write(w('a'))).toBe('a=1');
    expect(s.calls).toEqual([{ via: 'one', users: ['a'] }]);
  });

  it('makes the writes of one turn one batch, each caller getting its own result', async () => {
    const s = store();
    expect(await Promise.all(['a', 'b', 'c'].map((u, i) => s.write(w(u, i))))).toEqual(['a=0', 'b=1', 'c=2']);
    expect(s.calls).toEqual([{ via: 'many', users: ['a', 'b', 'c'] }]);
  });

  it('takes the writes that arrive while a batch runs into the next one, never two batches at once', async () => {
    const s = store();
    const first = s.write(w('a'));
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first is in flight
    const later = ['b', 'c', 'd'].map((u) => s.write(w(u)));
    expect(await Promise.all([first, ...later])).toEqual(['a=1', 'b=1', 'c=1', 'd=1']);
    expect(s.calls).toEqual([
      { via: 'one', users: ['a'] },
      { via: 'many', users: ['b', 'c', 'd'] },
    ]);
    expect(s.mostInFlight()).toBe(1);
  });

  it.each([
    {
      name: 'a second write of one key waits for the next batch',
      max: 10,
      users: ['a', 'b', 'a', 'a'],
      batches: [['a', 'b'], ['a'], ['a']],
    },
    {
      name: 'a batch holds at most `max` writes',
      max: 2,
      users: ['a', 'b', 'c', 'd', 'e'],
      batches: [['a', 'b'], ['c', 'd'], ['e']],
    },
  ])('$name', async ({ max, users, batches }) => {
    const s = store(max);
    expect(await Promise.all(users.map((u) => s.write(w(u))))).toEqual(users.map((u) => `${u}=1`));
    expect(s.calls.map((c) => c.users)).toEqual(batches);
  });

  it('runs each write of a failed batch alone: only the bad one fails', async () => {
    const s = store();
    expect(await Promise.all([s.settle(w('a')), s.settle(w('b', -1)), s.settle(w('c'))])).toEqual([
      'a=1',
      'refused b',
      'c=1',
    ]);
    expect(s.calls).toEqual([
      { via: 'many', users: ['a', 'b', 'c'] },
      { via: 'one', users: ['a'] },
      { via: 'one', users: ['b'] },
      { via: 'one', users: ['c'] },
    ]);
    // And the next write runs as usual.
    expect(await s.write(w('d'))).toBe('d=1');
  });
});
