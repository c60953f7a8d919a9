/**
 * The validation context reaches the worker threads: an NDJSON submission validated on two workers
 * gives the same findings as on one thread for the context it was given (future dates against its
 * submission time, its reporting period, warnings), and two submissions with different contexts
 * sharing the pool each get their own. The workers run compiled code, so this test uses the build.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { ValidationContext } from '../../src/validation/context.js';
import { chunked, timeless } from './helpers.js';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const version = new Validators().compile({ id: 't', version: '1.0.0', contentHash: 'ctx1' }, 'https://conform.invalid/standards/t/1.0.0', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    born: { type: 'string', format: 'date' },
    seen: { type: 'string', format: 'date-time' },
    code: { type: 'string', enum: ['A', 'B'], 'x-labels': { A: 'Alpha', B: 'Beta' } },
  },
  'x-consistency': [
    { id: 'born-not-in-future', field: '/born', notAfter: '$submission' },
    { id: 'seen-not-in-future', field: '/seen', notAfter: '$submission' },
    { id: 'seen-in-period', field: '/seen', within: '$period', severity: 'warning' },
    { id: 'seen-not-before-birth', field: '/seen', notBefore: '/born' },
  ],
});

/**
 * Records around 2024-03: some after mid-March (April, or born on the 20th), some in February (outside the
 * month), some seen before a birth on the 10th, some with a bad code. (A date after the submission is not
 * compared, so the period and the birth are broken by dates in the past.)
 */
function submission(records: number): Buffer {
  const lines: string[] = [];
  for (let i = 1; i <= records; i++) {
    const day = String((i % 40) + 1).padStart(2, '0');
    const month = i % 40 < 31 ? '03' : i % 2 ? '04' : '02';
    const seen = `2024-${month}-${month === '03' ? day : String((i % 40) - 29).padStart(2, '0')}T10:00:00Z`;
    const born = i % 13 === 0 ? '2024-03-10' : i % 29 === 0 ? '2024-03-20' : '1980-01-01';
    lines.push(JSON.stringify({ id: `R${i}`, born, seen, code: i % 17 === 0 ? 'C' : 'A' }));
  }
  return Buffer.from(lines.join('\n'));
}

const MID_MARCH: ValidationContext = { submittedAt: '2024-03-15T12:00:00Z', period: { start: '2024-03-01', end: '2024-03-31' } };
const LATER: ValidationContext = { submittedAt: '2024-05-01T12:00:00Z', period: { start: '2024-04-01', end: '2024-04-30' } };

const run = (data: Buffer, context: ValidationContext, onPool: boolean) =>
  validateStream(Readable.from(chunked(data, 64 * 1024)), version, { format: 'ndjson', context, ...(onPool ? { pool } : {}) });

describe('the validation context on worker threads', () => {
  it('gives the same findings on two workers as on one thread', async () => {
    const data = submission(60_000); // several pieces, so both workers take some
    const single = await run(data, MID_MARCH, false);
    const parallel = await run(data, MID_MARCH, true);
    expect(pool.stats().started).toBe(2);
    const rules = new Set(single.summary.map((s) => s.rule));
    expect([...rules].sort()).toEqual(['born-not-in-future', 'enum', 'seen-in-period', 'seen-not-before-birth', 'seen-not-in-future']);
    expect(single.summary.find((s) => s.rule === 'seen-in-period')?.severity).toBe('warning');
    expect(single.stats.valid).toBeGreaterThan(0);
    expect(timeless(parallel)).toEqual(timeless(single));
  });

  it('keeps each submission’s context when two share the pool', async () => {
    const data = submission(30_000);
    const [early, late] = await Promise.all([run(data, MID_MARCH, true), run(data, LATER, true)]);
    expect(timeless(early)).toEqual(timeless(await run(data, MID_MARCH, false)));
    expect(timeless(late)).toEqual(timeless(await run(data, LATER, false)));
    // nothing is in the future on 1 May, and April's records are in April's period
    expect(late.summary.some((s) => s.rule === 'seen-not-in-future')).toBe(false);
    expect(early.summary.some((s) => s.rule === 'seen-not-in-future')).toBe(true);
  });
});
