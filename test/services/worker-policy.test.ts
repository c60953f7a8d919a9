/**
 * Where submissions are validated: large NDJSON in pieces on the pool; in a process that serves requests
 * (whose main thread answers every request and the health check), nothing on the main thread: a file
 * declared under 1 MiB in the small-file lane, any other whole on one pool thread; the CLI keeps what is
 * not large NDJSON on its own thread unless the version's schema refers to itself (its validator then needs
 * the stack of a pool thread, as the service's has), and nothing goes to a pool of no threads.
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

  it('keeps what is not large NDJSON on the calling thread of a process that serves nothing (the CLI)', () => {
    for (const format of ['csv', 'json'] as const) {
      expect(laneFor(format, 1 << 30, 2, false)).toBe('here');
      expect(laneFor(format, undefined, 2, false)).toBe('here');
      expect(laneFor(format, 100, 2, false)).toBe('here');
    }
    expect(laneFor('ndjson', PARALLEL_FROM_BYTES - 1, 2, false)).toBe('here');
    expect(laneFor('ndjson', 100, 2, false)).toBe('here');
    expect(laneFor('ndjson', 100, 2, false, () => false)).toBe('here');
  });

  it("sends a recursive version's file to one pool thread of a process that serves nothing (the stack the service validates it with)", () => {
    const recursive = (): boolean => true;
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      expect(laneFor(format, 100, 2, false, recursive)).toBe('whole');
      expect(laneFor(format, PARALLEL_FROM_BYTES - 1, 2, false, recursive)).toBe('whole');
      // A serving process never asks (its lanes are threads already), and a pool of no threads has none to give.
      expect(laneFor(format, 100, 2, true, () => expect.unreachable('asked'))).toBe('small');
      expect(laneFor(format, 100, 0, false, recursive)).toBe('here');
    }
    expect(laneFor('csv', undefined, 2, false, recursive)).toBe('whole');
    expect(laneFor('ndjson', undefined, 2, false, recursive)).toBe('parallel');
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
