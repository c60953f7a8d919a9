/**
 * A store that counts the rows each of its methods returns (an array's length, else one; nothing for
 * undefined), for tests that hold a route's reads to a bound however much the store holds.
 */
import type { Store } from '../../src/store/types.js';

export function counted(store: Store): { store: Store; rows: Map<string, number> } {
  const rows = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then((found: unknown) => {
          rows.set(name, (rows.get(name) ?? 0) + (Array.isArray(found) ? found.length : found === undefined ? 0 : 1));
          return found;
        });
      };
    },
  });
  return { store: proxy, rows };
}
