/**
 * Where submissions are validated: large NDJSON in pieces on the pool; in a process that serves requests
 * (whose main thread answers every request and the health check), nothing on the main thread: a file
 * declared under 1 MiB in the small-file lane, any other whole on one pool thread; the CLI validates what
 * is not large NDJSON whole on one pool thread too (the thread's bounds, never its main thread's heap), and
 * nothing goes to a pool of no threads.
 */
import { describe, expect, it } from 'vitest';
import { laneFor, PARALLEL_FROM_BYTES, WHOLE_FROM_BYTES } from '../../src/services/worker-policy.js';

describe('laneFor', () => {
  it('never leaves a file on the main thread of a serving process: small ones to the small-file lane, the rest whole or in pieces', () => {
    expect(WHOLE_FROM_BYTES).toBe(1024 * 1024);
    expect(PARALLEL_FROM_BYTES).toBe(16 * 1024 * 1024);
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      expect(laneFor(format, 0, 2, true)).toBe('small');
      expect(laneFor(format, 30_000, 2, true)).toBe('small');
      expect(laneFor(format, WHOLE_FROM_BYTES - 1, 2, true)).toBe('small');
      expect(laneFor(format, WHOLE_FROM_BYTES, 2, true)).toBe('whole');
    }
    for (const format of ['csv', 'json'] as const) {
      expect(laneFor(format, PARALLEL_FROM_BYTES, 2, true)).toBe('whole');
      expect(laneFor(format, undefined, 2, true)).toBe('whole');
    }
    expect(laneFor('ndjson', PARALLEL_FROM_BYTES - 1, 2, true)).toBe('whole');
    for (const serving of [true, false]) {
      expect(laneFor('ndjson', PARALLEL_FROM_BYTES, 2, serving)).toBe('parallel');
      expect(laneFor('ndjson', undefined, 2, serving)).toBe('parallel');
    }
  });

  it('validates what is not large NDJSON whole on one pool thread of a process that serves nothing (the CLI): never on its main thread', () => {
    for (const format of ['csv', 'json'] as const) {
      expect(laneFor(format, 1 << 30, 2, false)).toBe('whole');
      expect(laneFor(format, undefined, 2, false)).toBe('whole');
      expect(laneFor(format, 100, 2, false)).toBe('whole');
      expect(laneFor(format, 100, 1, false)).toBe('whole');
    }
    expect(laneFor('ndjson', PARALLEL_FROM_BYTES - 1, 2, false)).toBe('whole');
    expect(laneFor('ndjson', 100, 1, false)).toBe('whole');
    expect(laneFor('ndjson', PARALLEL_FROM_BYTES, 1, false)).toBe('parallel');
  });

  it('keeps everything on the calling thread without pool threads', () => {
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      for (const serving of [true, false]) {
        expect(laneFor(format, undefined, 0, serving)).toBe('here');
        expect(laneFor(format, 1 << 30, 0, serving)).toBe('here');
        expect(laneFor(format, 100, 0, serving)).toBe('here');
      }
    }
  });
});
