/**
 * Which submissions leave the main thread (the one that answers every request and the health check) for
 * the worker pool: large NDJSON in pieces, CSV and JSON from 1 MiB whole on one thread, any body of unknown
 * size; only small bodies stay, and nothing goes to a pool of no threads.
 */
import { describe, expect, it } from 'vitest';
import { onWorkers, PARALLEL_FROM_BYTES, WHOLE_FROM_BYTES } from '../../src/services/worker-policy.js';

describe('onWorkers', () => {
  it('sends NDJSON from 16 MiB, CSV and JSON from 1 MiB, and any body of unknown size', () => {
    expect(WHOLE_FROM_BYTES).toBe(1024 * 1024);
    expect(PARALLEL_FROM_BYTES).toBe(16 * 1024 * 1024);
    for (const format of ['csv', 'json'] as const) {
      expect(onWorkers(format, WHOLE_FROM_BYTES - 1, 2)).toBe(false);
      expect(onWorkers(format, WHOLE_FROM_BYTES, 2)).toBe(true);
      expect(onWorkers(format, undefined, 2)).toBe(true);
    }
    expect(onWorkers('ndjson', PARALLEL_FROM_BYTES - 1, 2)).toBe(false);
    expect(onWorkers('ndjson', WHOLE_FROM_BYTES, 2)).toBe(false);
    expect(onWorkers('ndjson', PARALLEL_FROM_BYTES, 2)).toBe(true);
    expect(onWorkers('ndjson', undefined, 2)).toBe(true);
  });

  it('keeps everything on the calling thread without pool threads', () => {
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      expect(onWorkers(format, undefined, 0)).toBe(false);
      expect(onWorkers(format, 1 << 30, 0)).toBe(false);
    }
  });
});
