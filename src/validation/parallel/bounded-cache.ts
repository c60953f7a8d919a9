/**
 * A least-recently-used map with a fixed number of entries. The worker pool keeps, for each thread, a
 * mirror of what that thread has cached: both sides make the same calls in the same order (messages to a
 * thread arrive in the order they were posted), so the main thread knows when it may leave out a schema.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key`, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Forgets `key`; false when it was not held. */
  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Stores `value` as the most recently used; the least recently used entry goes when over capacity. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
