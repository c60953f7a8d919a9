/**
 * A run that keeps row outcomes (for the acknowledgement files) is validated in order on one thread, NDJSON
 * included: with a pool, on one of its threads, whole (stream-job.ts), never cut into pieces validated
 * apart. The workers run compiled code, so this test uses the build (npm test builds before it runs).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { chunked } from './helpers.js';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { failedRecords } = (await import(`${dist}/row-outcomes.js`)) as typeof import('../../src/validation/row-outcomes.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());
let pieces = 0;
const threads = new Set<number>();
pool.onPiece = (piece) => {
  pieces++;
  threads.add(piece.thread);
};

const version = new Validators().compile({ id: 't', version: '1.0.0', contentHash: 'o1' }, 'https://conform.invalid/standards/t/1.0.0', {
  type: 'object',
  required: ['ID', 'DOSE'],
  properties: { ID: { type: 'string' }, DOSE: { type: 'integer', maximum: 9 } },
});

describe('row outcomes and the worker pool', () => {
  it('NDJSON that keeps outcomes is validated whole on one thread and lists every failed record beyond the findings cap', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ ID: `A${i + 1}`, DOSE: i % 3 === 0 ? 10 : 1 }));
    const data = `${lines.join('\n')}\n`;
    const source = () => Readable.from(chunked(data, 64 * 1024));
    const plain = await validateStream(source(), version, { format: 'ndjson', maxFindings: 2, pool });
    expect(pieces).toBeGreaterThan(0); // the workers run this file when no outcomes are kept
    pieces = 0;
    threads.clear();
    const kept = await validateStream(source(), version, { format: 'ndjson', maxFindings: 2, pool, outcomes: true });
    expect(pieces).toBeGreaterThan(0);
    expect(threads.size).toBe(1); // whole, in order, on one
    const here = await validateStream(source(), version, { format: 'ndjson', maxFindings: 2, outcomes: true });
    expect(kept.outcomes).toEqual(here.outcomes);
    expect(kept.stats).toEqual({ ...plain.stats, seconds: kept.stats.seconds });
    expect(kept.findings).toEqual(plain.findings);
    const failed = [...failedRecords(kept.outcomes!)].map(([record]) => record);
    expect(failed).toHaveLength(10_000);
    expect(failed.slice(0, 3)).toEqual([1, 4, 7]);
    expect(failed.at(-1)).toBe(29_998);
  });
});
