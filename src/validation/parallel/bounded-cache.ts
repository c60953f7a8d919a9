/**
 * A least-recently-used map with a fixed number of entries, and optionally a bound on their total weight
 * (each entry's given when it is set: the characters of a generated file, say). The worker pool keeps, for
 * each thread, a mirror of what that thread has cached: both sides make the same calls in the same order
 * (messages to a thread arrive in the order they were posted), so the main thread knows when it may leave
 * out a schema.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly weights = new Map<string, number>();
  private total = 0;

  /** `maxWeight`: the most the entries may weigh together (the newest entry is kept even if it alone weighs more). */
  constructor(
    readonly capacity: number,
    readonly maxWeight = Infinity,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** What the entries weigh together. */
  get weight(): number {
    return this.total;
  }

  /** The value under `key`, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value under `key`, leaving the order of use as it is. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Whether `key` is held (the order of use left as it is). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Forgets `key`; false when it was not held. */
  delete(key: string): boolean {
    this.total -= this.weights.get(key) ?? 0;
    this.weights.delete(key);
    return this.entries.delete(key);
  }

  /**
   * Stores `value` (of `weight`, 0 when not given) as the most recently used; the least recently used
   * entries go while there are more than `capacity` or they weigh more than `maxWeight`.
   */
  set(key: string, value: V, weight = 0): void {
    this.delete(key);
    this.entries.set(key, value);
    this.weights.set(key, weight);
    this.total += weight;
    while (this.entries.size > this.capacity || (this.total > this.maxWeight && this.entries.size > 1)) this.delete(this.entries.keys().next().value!);
  }
}
