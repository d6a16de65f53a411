/**
 * Lookups by key that arrive within one turn of the event loop, made as one:
 * the callers' keys go to `lookupMany` together once the turn's I/O callbacks
 * have run (setImmediate), and each caller gets the value for its own key, or
 * undefined. On PostgreSQL a statement costs a round trip: the service's socket
 * write and read and a backend's parse, plan and execute. Under load, the
 * requests read in one turn then share one; at low load a turn holds one lookup.
 * A failed lookup fails every caller of its batch.
 */
export function coalesced<K, V>(lookupMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  type Caller = { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void };
  let batch: Caller[] | null = null;
  const run = (callers: Caller[]) => {
    batch = null;
    lookupMany([...new Set(callers.map((c) => c.key))]).then(
      (found) => {
        for (const c of callers) c.resolve(found.get(c.key));
      },
      (error: unknown) => {
        for (const c of callers) c.reject(error);
      },
    );
  };
  return (key) =>
    new Promise((resolve, reject) => {
      if (!batch) {
        batch = [];
        setImmediate(run, batch);
      }
      batch.push({ key, resolve, reject });
    });
}
