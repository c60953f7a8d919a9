/**
 * A store that counts the rows each of its methods returns (an array's length, else one; nothing for
 * undefined), for tests that hold a route's reads to a bound however much the store holds; the most rows
 * one call of each returned (`largest`), for tests that hold what is in memory at once to a bound; and how
 * many times each was called (`calls`), for tests that hold a route to one query where it made one a row.
 */
import type { Store } from '../../src/store/types.js';
import type { StoreFactory } from './stores.js';
import { startTestApp, type TestApp } from './test-app.js';

export function counted(store: Store): { store: Store; rows: Map<string, number>; largest: Map<string, number>; calls: Map<string, number> } {
  const rows = new Map<string, number>();
  const calls = new Map<string, number>();
  const largest = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return result.then((found: unknown) => {
          const count = Array.isArray(found) ? found.length : found === undefined ? 0 : 1;
          rows.set(name, (rows.get(name) ?? 0) + count);
          largest.set(name, Math.max(largest.get(name) ?? 0, count));
          return found;
        });
      };
    },
  });
  return { store: proxy, rows, largest, calls };
}

/** A test app over a fresh store of `factory` whose reads are counted; `raw` sets up data without counting, `stop` ends both. */
export async function countedApp(factory: StoreFactory): Promise<{
  t: TestApp;
  raw: Store;
  rows: Map<string, number>;
  largest: Map<string, number>;
  calls: Map<string, number>;
  stop: () => Promise<void>;
}> {
  const opened = await factory.open();
  const wrapped = counted(opened.store);
  const t = await startTestApp({}, wrapped.store);
  return {
    t,
    raw: opened.store,
    rows: wrapped.rows,
    largest: wrapped.largest,
    calls: wrapped.calls,
    stop: async () => {
      await t.stop();
      await opened.dispose();
    },
  };
}
