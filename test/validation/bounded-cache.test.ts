/** The least-recently-used cache: bounded by its number of entries and, when given one, by their weight. */
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/validation/parallel/bounded-cache.js';

describe('BoundedCache', () => {
  it('drops the least recently used entry past its capacity', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.weight).toBe(0);
  });

  it('peek and has read an entry without making it the most recently used', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect([cache.peek('a'), cache.has('a'), cache.has('z'), cache.peek('z')]).toEqual([1, true, false, undefined]);
    cache.set('c', 3); // a is still the least recently used
    expect([cache.has('a'), cache.get('b'), cache.get('c')]).toEqual([false, 2, 3]);
  });

  it('drops the least recently used entries while they weigh more than its bound, keeping the newest', () => {
    const cache = new BoundedCache<string>(64, 100);
    cache.set('a', 'x', 40);
    cache.set('b', 'y', 40);
    expect(cache.weight).toBe(80);
    cache.set('c', 'z', 40); // 120 > 100: a goes
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'y', 'z']);
    expect(cache.weight).toBe(80);
    cache.set('b', 'y', 10); // weighed again: its old weight is not counted twice
    expect(cache.weight).toBe(50);
    cache.set('huge', 'w', 500); // heavier than the bound alone: every other entry goes, it stays
    expect([cache.size, cache.get('huge'), cache.weight]).toEqual([1, 'w', 500]);
    expect(cache.delete('huge')).toBe(true);
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });
});
