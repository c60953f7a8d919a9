/**
 * Which submissions leave the main thread for the worker pool: large NDJSON in pieces; in a process that
 * serves requests (whose main thread answers every request and the health check), CSV and JSON from 1 MiB
 * whole on one thread, and any body of unknown size; only small bodies stay, the CLI keeps its CSV and JSON,
 * and nothing goes to a pool of no threads.
 */
import { describe, expect, it } from 'vitest';
import { onWorkers, PARALLEL_FROM_BYTES, WHOLE_FROM_BYTES } from '../../src/services/worker-policy.js';

describe('onWorkers', () => {
  it('sends NDJSON from 16 MiB, CSV and JSON from 1 MiB when serving, and any body of unknown size', () => {
    expect(WHOLE_FROM_BYTES).toBe(1024 * 1024);
    expect(PARALLEL_FROM_BYTES).toBe(16 * 1024 * 1024);
    for (const format of ['csv', 'json'] as const) {
      expect(onWorkers(format, WHOLE_FROM_BYTES - 1, 2, true)).toBe(false);
      expect(onWorkers(format, WHOLE_FROM_BYTES, 2, true)).toBe(true);
      expect(onWorkers(format, undefined, 2, true)).toBe(true);
    }
    for (const serving of [true, false]) {
      expect(onWorkers('ndjson', PARALLEL_FROM_BYTES - 1, 2, serving)).toBe(false);
      expect(onWorkers('ndjson', WHOLE_FROM_BYTES, 2, serving)).toBe(false);
      expect(onWorkers('ndjson', PARALLEL_FROM_BYTES, 2, serving)).toBe(true);
      expect(onWorkers('ndjson', undefined, 2, serving)).toBe(true);
    }
  });

  it('keeps CSV and JSON on the calling thread of a process that serves nothing (the CLI)', () => {
    for (const format of ['csv', 'json'] as const) {
      expect(onWorkers(format, 1 << 30, 2, false)).toBe(false);
      expect(onWorkers(format, undefined, 2, false)).toBe(false);
    }
  });

  it('keeps everything on the calling thread without pool threads', () => {
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      for (const serving of [true, false]) {
        expect(onWorkers(format, undefined, 0, serving)).toBe(false);
        expect(onWorkers(format, 1 << 30, 0, serving)).toBe(false);
      }
    }
  });
});
