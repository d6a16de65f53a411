/**
 * Writes made as one statement while the previous one runs, the way a database
 * groups commits: the first write of a quiet moment runs alone at the next turn
 * of the event loop; writes that arrive while a batch is in flight wait, and the
 * next batch takes them together. Under load a statement then carries many
 * writes: one round trip, one transaction, one statement start for all of them.
 *
 * - **One batch in flight.** A batch locks the rows of several users; two in
 *   flight could lock them in opposite orders and deadlock. One at a time, they
 *   cannot.
 * - **One write per key in a batch.** A second write for the same key (two
 *   requests of one user) waits for the next batch, so that it sees the first
 *   one's effect, as it would have one statement after another.
 * - **All or nothing, each.** When the batch's statement fails (nothing of it
 *   was committed), every write of it runs alone through `one`, and each caller
 *   gets its own answer or its own error.
 */
export function batchedWrites<T, R>(options: {
  key: (item: T) => string;
  /** The items' results in their order; must commit all of them or none. */
  many: (items: T[]) => Promise<R[]>;
  one: (item: T) => Promise<R>;
  max: number;
}): (item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let busy = false;

  const take = (): Waiting[] => {
    const keys = new Set<string>();
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    for (const w of queue) {
      const key = options.key(w.item);
      if (batch.length < options.max && !keys.has(key)) {
        keys.add(key);
        batch.push(w);
      } else later.push(w);
    }
    queue = later;
    return batch;
  };
  const alone = (w: Waiting) => options.one(w.item).then(w.resolve, w.reject);
  const together = async (batch: Waiting[]) => {
    let results: R[];
    try {
      results = await options.many(batch.map((w) => w.item));
    } catch {
      await Promise.all(batch.map(alone));
      return;
    }
    batch.forEach((w, i) => {
      w.resolve(results[i] as R);
    });
  };
  const run = async () => {
    const batch = take();
    await (batch.length === 1 ? alone(batch[0] as Waiting) : together(batch));
    if (queue.length > 0) setImmediate(run);
    else busy = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!busy) {
        busy = true;
        setImmediate(run);
      }
    });
}
