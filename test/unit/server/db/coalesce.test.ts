import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../../src/server/db/coalesce';

/** A lookupMany over a fixed table that records the keys of each call. */
function table(rows: Record<string, number>, fail?: (keys: string[]) => boolean) {
  const calls: string[][] = [];
  const lookup = coalesced(async (keys: string[]) => {
    calls.push(keys);
    if (fail?.(keys)) throw new Error('database unavailable');
    return new Map(keys.filter((k) => k in rows).map((k) => [k, rows[k] as number]));
  });
  return { lookup, calls };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced', () => {
  it('makes the lookups of one turn one call, each caller getting its own value or undefined', async () => {
    const { lookup, calls } = table({ a: 1, b: 2, c: 3 });
    const answers = await Promise.all(['a', 'b', 'missing', 'a', 'c'].map(lookup));
    expect(answers).toEqual([1, 2, undefined, 1, 3]);
    expect(calls).toEqual([['a', 'b', 'missing', 'c']]); // a key asked twice is looked up once
  });

  it('makes lookups of later turns calls of their own', async () => {
    const { lookup, calls } = table({ a: 1, b: 2 });
    const first = lookup('a');
    await nextTurn();
    const second = lookup('b');
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('fails every caller of a failed call, and the next turn looks up afresh', async () => {
    const { lookup, calls } = table({ a: 1, b: 2 }, (keys) => keys.includes('b'));
    const failed = ['a', 'b'].map((k) =>
      lookup(k).then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    expect(await Promise.all(failed)).toEqual(['database unavailable', 'database unavailable']);
    expect(await lookup('a')).toBe(1);
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });
});
