/** The pool's free list of piece buffers (buffer-pool.ts): what it keeps, and its bound. */
import { describe, expect, it } from 'vitest';
import { BufferPool, copyInto, FREE_BUFFERS, PIECE_ROOM } from '../../src/validation/parallel/buffer-pool.js';

describe('the free list of piece buffers', () => {
  it('hands out a buffer given back rather than a new one, when it has room for the piece', () => {
    const pool = new BufferPool(false);
    const first = pool.take(100);
    expect(first.buffer.byteLength).toBe(PIECE_ROOM);
    pool.give(first);
    expect(pool.held).toBe(1);
    const again = pool.take(PIECE_ROOM);
    expect(again.buffer).toBe(first.buffer);
    expect(again).toHaveLength(PIECE_ROOM);
    expect(pool.held).toBe(0);
    // Too small for a piece longer than its room: a new, larger one, and the small one stays free.
    pool.give(again);
    const larger = pool.take(PIECE_ROOM + 1);
    expect(larger.buffer).not.toBe(first.buffer);
    expect(pool.held).toBe(1);
  });

  it(`keeps at most ${FREE_BUFFERS} (or its own bound), each once`, () => {
    const pool = new BufferPool(true);
    const taken = Array.from({ length: FREE_BUFFERS + 3 }, () => pool.take(10));
    for (const bytes of taken) pool.give(bytes);
    expect(pool.held).toBe(FREE_BUFFERS);
    const small = new BufferPool(true, 2);
    const one = small.take(10);
    small.give(one);
    small.give(one);
    expect(small.held).toBe(1);
    small.give(small.take(10));
    small.give(new Uint8Array(new SharedArrayBuffer(PIECE_ROOM)));
    small.give(new Uint8Array(new SharedArrayBuffer(PIECE_ROOM)));
    expect(small.held).toBe(2);
  });

  it('keeps only buffers it would make: of its kind, from a piece’s room to 4 MiB', () => {
    const shared = new BufferPool(true);
    shared.give(new Uint8Array(new ArrayBuffer(PIECE_ROOM)));
    shared.give(new Uint8Array(new SharedArrayBuffer(100)));
    shared.give(new Uint8Array(new SharedArrayBuffer((4 << 20) + 1)));
    expect(shared.held).toBe(0);
    shared.give(new Uint8Array(new SharedArrayBuffer(4 << 20)));
    expect(shared.held).toBe(1);
    const plain = new BufferPool(false);
    plain.give(new Uint8Array(new SharedArrayBuffer(PIECE_ROOM)));
    plain.give(Buffer.from('a line\n'));
    expect(plain.held).toBe(0);
  });
});

describe('copying bytes into a piece', () => {
  const bytes = (n: number, from: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i * 7) % 256);

  for (const kind of ['shared', 'ordinary'] as const) {
    it(`puts exactly the source's bytes at the offset of a view over ${kind} memory, and nothing else`, () => {
      const memory = kind === 'shared' ? new SharedArrayBuffer(4096) : new ArrayBuffer(4096);
      new Uint8Array(memory).fill(0xee);
      // A view that starts inside its buffer, as a piece's tail or a grown piece may.
      const target = new Uint8Array(memory, 1000, 2000);
      // A source that is itself a view inside a larger buffer (a socket's chunk from a pool slab, a piece's tail).
      const slab = bytes(3000, 3);
      const source = slab.subarray(517, 517 + 1234);
      copyInto(target, source, 333);
      const all = new Uint8Array(memory);
      expect([...all.subarray(1000 + 333, 1000 + 333 + 1234)]).toEqual([...source]);
      expect(all.subarray(0, 1333).every((b) => b === 0xee)).toBe(true);
      expect(all.subarray(1000 + 333 + 1234).every((b) => b === 0xee)).toBe(true);
      // To the last byte of the view, and nothing for an empty source.
      copyInto(target, bytes(10, 99), 1990);
      expect([...all.subarray(2990, 3000)]).toEqual([...bytes(10, 99)]);
      expect(all[3000]).toBe(0xee);
      copyInto(target, new Uint8Array(0), 2000);
      expect(all[3000]).toBe(0xee);
    });
  }

  it('refuses a copy past the end of the view rather than writing beyond it', () => {
    const memory = new SharedArrayBuffer(64);
    const target = new Uint8Array(memory, 0, 32);
    expect(() => copyInto(target, bytes(8, 1), 30)).toThrow(RangeError);
    expect(new Uint8Array(memory).subarray(32).every((b) => b === 0)).toBe(true);
  });
});
