/**
 * NDJSON on the worker pool gives exactly the report of one thread, for one submission or many at once
 * on one pool, and the pool never runs more threads than its size. The workers run compiled code, so
 * this test uses the build (npm test builds before it runs), and first proves the workers really ran.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import type { Report } from '../../src/validation/report-types.js';
import type { ValidateOptions } from '../../src/validation/validate.js';
import { chunked, timeless } from './helpers.js';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validate.js`)) as typeof import('../../src/validation/validate.js');
const { canRunInWorkers } = (await import(`${dist}/parallel/parallel.js`)) as typeof import('../../src/validation/parallel/parallel.js');
const { WorkerPool } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');

/** One pool for the whole file, as a process has one. */
const pool = new WorkerPool(2);
afterAll(() => pool.close());
const { scorecardPass } = (await import(`${dist}/../quality/observer.js`)) as typeof import('../../src/quality/observer.js');

const version = new Validators().compile({ id: 't', version: '1.0.0', contentHash: 'p1' }, 'https://conform.invalid/standards/t/1.0.0', {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'start'],
  properties: {
    id: { type: 'string', maxLength: 8 },
    nhsNumber: { type: 'string', format: 'nhs-number' },
    start: { type: 'string', format: 'date-time' },
    end: { type: 'string', format: 'date-time' },
    codes: { type: 'array', items: { enum: ['A', 'B'] } },
  },
  'x-consistency': [{ id: 'end-not-before-start', field: '/end', notBefore: '/start' }],
});

/** A mix of good records, each kind of bad one, blank lines, CRLF and malformed JSON. */
function submission(records: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= records; i++) {
    const r: Record<string, unknown> = { id: `R${i}`, start: '2024-03-01T10:00:00Z', end: '2024-03-01T11:00:00+01:00' };
    switch (i % 11) {
      case 1:
        r.nhsNumber = '9876544321';
        break;
      case 2:
        r.end = '2024-02-29T09:00:00Z';
        break;
      case 3:
        delete r.start;
        break;
      case 4:
        r.codes = ['A', 'C', 'D'];
        break;
      case 5:
        lines.push(`{"id": "R${i}", oops}`);
        continue;
      case 6:
        lines.push('');
        break;
      case 7:
        r.id = 'TOO-LONG-ID';
        r.extra = 1;
        break;
      default:
        break;
    }
    lines.push(JSON.stringify(r) + (i % 7 === 0 ? '\r' : ''));
  }
  return lines.join('\n');
}

async function both(chunks: Buffer[], options: Omit<ValidateOptions, 'format'> = {}): Promise<[Report, Report]> {
  const single = await validateStream(Readable.from(chunks), version, { ...options, format: 'ndjson' });
  const parallel = await validateStream(Readable.from(chunks), version, { ...options, format: 'ndjson', pool });
  return [single, parallel];
}

describe('NDJSON on worker threads', () => {
  it('is available from the build', () => {
    expect(canRunInWorkers()).toBe(true);
  });

  it.each([
    ['one chunk', 1 << 30],
    ['64 KiB chunks', 65_536],
    ['chunks smaller than a line', 37],
  ])('gives the same report as one thread: %s', async (_name, size) => {
    const data = Buffer.from(submission(5_000));
    const [single, parallel] = await both(chunked(data, size));
    expect(single.stats.records).toBe(5_000); // blank lines are not records
    expect(single.stats.invalid).toBeGreaterThan(2_000);
    expect(timeless(parallel)).toEqual(timeless(single));
  });

  it('keeps the first findings in input order when the cap is reached, and the summary counts all', async () => {
    const data = Buffer.from(submission(3_000));
    const [single, parallel] = await both(chunked(data, 4_096), { maxFindings: 50 });
    expect(parallel.truncated).toBe(true);
    expect(parallel.findings).toHaveLength(50);
    expect(parallel.findings.map((f) => f.record)).toEqual([...parallel.findings.map((f) => f.record)].sort((a, b) => a - b));
    expect(timeless(parallel)).toEqual(timeless(single));
  });

  it('reports lines over the size limit, in one chunk or across many, and a last line without a newline', async () => {
    const long = JSON.stringify({ id: 'R1', start: '2024-03-01T10:00:00Z', pad: 'x'.repeat(5_000) });
    const data = Buffer.from(`${submission(200)}\n${long}\n${submission(10)}\n${long}`);
    for (const size of [1 << 20, 1_000, 99]) {
      const [single, parallel] = await both(chunked(data, size), { maxRecordBytes: 1_024 });
      expect(single.summary.find((s) => s.rule === 'record-too-large')?.count).toBe(2);
      expect(timeless(parallel)).toEqual(timeless(single));
    }
  });

  it('cuts a submission of many pieces at line ends, with lines longer than a piece kept whole or refused', async () => {
    // Several MiB, so the reader cuts many pieces of about 1 MiB; a 2 MiB line (under the limit) and a 5 MiB
    // line (over it) each span more than one piece.
    const line = (pad: number): string => JSON.stringify({ id: 'R1', start: '2024-03-01T10:00:00Z', pad: 'x'.repeat(pad) });
    const data = Buffer.from(`${submission(30_000)}\n${line(2 << 20)}\n${submission(20_000)}\n${line(5 << 20)}\n${submission(10_000)}`);
    for (const size of [65_536, (1 << 20) + 7, 3 << 20]) {
      const [single, parallel] = await both(chunked(data, size), { maxRecordBytes: 3 << 20 });
      expect(single.stats.records).toBe(60_002);
      expect(single.summary.find((s) => s.rule === 'record-too-large')?.count).toBe(1);
      expect(timeless(parallel)).toEqual(timeless(single));
    }
  });

  it("sends a submission's first pieces small, so the threads start after its first reads, then pieces of about 1 MiB", async () => {
    const data = Buffer.from(submission(60_000)); // about 5 MiB
    const pieces: { seq: number; bytes: number }[] = [];
    pool.onPiece = ({ seq, bytes }) => void pieces.push({ seq, bytes });
    try {
      const [single, parallel] = await both(chunked(data, 65_536));
      expect(timeless(parallel)).toEqual(timeless(single));
    } finally {
      pool.onPiece = undefined;
    }
    const sizes = pieces.sort((a, b) => a.seq - b.seq).map((p) => p.bytes);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(data.length + 1); // whole lines, the last one given its newline
    // Cut at the first line end once 64 KiB, then 256 KiB, have arrived (a 64 KiB read at a time), then at 1 MiB.
    expect(sizes[0]).toBeGreaterThanOrEqual(65_536 - 200);
    expect(sizes[0]).toBeLessThanOrEqual(65_536);
    expect(sizes[1]).toBeGreaterThan(3 * 65_536);
    expect(sizes[1]).toBeLessThanOrEqual(4 * 65_536 + 200);
    for (const size of sizes.slice(2, -1)) {
      expect(size).toBeGreaterThan((1 << 20) - 65_536);
      expect(size).toBeLessThanOrEqual((1 << 20) + 65_536);
    }
  });

  it('reads gzip and a byte-order mark the same way', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(submission(2_000))]);
    const [single, parallel] = await both(chunked(gzipSync(data), 10_000));
    expect(single.gzip).toBe(true);
    expect(timeless(parallel)).toEqual(timeless(single));
  });

  it('computes the same scorecard on worker threads as on one, duplicates across pieces included', async () => {
    const ajv = new Validators().ajv;
    const schemaOf = version.source.schema;
    const declared = { recordKey: ['/id'], eventDate: '/start', submissionDeadline: 'P30D' };
    const at = new Date('2024-03-20T00:00:00Z');
    // Every key appears twice, the second time far later in the file (another piece, another worker).
    const lines = Buffer.from(submission(4_000) + '\n' + submission(4_000));
    const single = scorecardPass(ajv, schemaOf, version.source.schemaId, declared, at);
    const parallel = scorecardPass(ajv, schemaOf, version.source.schemaId, declared, at);
    await validateStream(Readable.from(chunked(lines, 50_000)), version, { format: 'ndjson', observer: single.observer });
    await validateStream(Readable.from(chunked(lines, 50_000)), version, { format: 'ndjson', pool, observer: parallel.observer });
    const card = single.scorecard();
    expect(card.dimensions.uniqueness.counts).toMatchObject({ duplicates: expect.any(Number) });
    expect((card.dimensions.uniqueness.counts as { duplicates: number }).duplicates).toBeGreaterThan(3_000);
    expect(parallel.scorecard()).toEqual(card);
  });

  it("guesses the records in all from a declared length once 1/16 of it is validated, for the scorecard's key set, with the same scorecard whatever the length says", async () => {
    const ajv = new Validators().ajv;
    const schemaOf = version.source.schema;
    const declared = { recordKey: ['/id'], eventDate: '/start', submissionDeadline: 'P30D' };
    const at = new Date('2024-03-20T00:00:00Z');
    // 40,000 lines (36,000 records with a key) in about 3 MiB: pieces of 1 MiB, so the guess comes after the first.
    const lines = Buffer.from(submission(20_000) + '\n' + submission(20_000));
    const single = scorecardPass(ajv, schemaOf, version.source.schemaId, declared, at);
    await validateStream(Readable.from(chunked(lines, 65_536)), version, { format: 'ndjson', observer: single.observer });
    const card = single.scorecard();
    expect((card.dimensions.uniqueness.counts as { duplicates: number }).duplicates).toBeGreaterThan(15_000);
    const records = single.observer.main as unknown as { tally: { records: number } };
    for (const sizeHint of [lines.length, 100, 1e12, undefined]) {
      const parallel = scorecardPass(ajv, schemaOf, version.source.schemaId, declared, at);
      const told: number[] = [];
      const main = parallel.observer.main as typeof parallel.observer.main & { expect(n: number): void };
      const expectRecords = main.expect.bind(main);
      main.expect = (n) => {
        told.push(n);
        expectRecords(n);
      };
      await validateStream(Readable.from(chunked(lines, 65_536)), version, {
        format: 'ndjson',
        pool,
        observer: parallel.observer,
        ...(sizeHint !== undefined ? { sizeHint } : {}),
      });
      expect(parallel.scorecard()).toEqual(card);
      if (sizeHint === lines.length) {
        // Told once, close to the records the file holds (every record is alike, so within 2%).
        expect(told).toHaveLength(1);
        expect(Math.abs(told[0]! / records.tally.records - 1)).toBeLessThan(0.02);
      } else if (sizeHint === 100) {
        // A length far short of the body's: told once, after the first piece, a guess the key set bounds (fingerprints.ts reserve).
        expect(told).toHaveLength(1);
        expect(told[0]).toBeLessThan(100);
      } else expect(told).toEqual([]); // never 1/16 of a length far past the body's, nor without one
    }
  });

  it("builds each concurrent submission's observer once, more submissions than the caches once held, and forgets it when the submission ends", async () => {
    const ajv = new Validators().ajv;
    const declared = { recordKey: ['/id'], eventDate: '/start', submissionDeadline: 'P30D' };
    // Three pieces each (a piece is about 1 MiB: long lines make it few records); sixteen submissions,
    // each with its own plan (its own time).
    const note = 'x'.repeat(2_000);
    const data = Buffer.from(Array.from({ length: 1_500 }, (_, i) => JSON.stringify({ id: `R${i % 1_000}`, start: '2024-03-01T10:00:00Z', note })).join('\n'));
    const shared = new WorkerPool(1); // one thread sees every submission's pieces in turn
    try {
      const runs = Array.from({ length: 16 }, (_, i) => {
        const at = new Date(Date.UTC(2024, 2, 1 + i));
        return {
          single: scorecardPass(ajv, version.source.schema, version.source.schemaId, declared, at),
          parallel: scorecardPass(ajv, version.source.schema, version.source.schemaId, declared, at),
        };
      });
      await Promise.all(runs.map((r) => validateStream(Readable.from(chunked(data, 65_536)), version, { format: 'ndjson', observer: r.single.observer })));
      await Promise.all(
        runs.map((r) => validateStream(Readable.from(chunked(data, 65_536)), version, { format: 'ndjson', pool: shared, observer: r.parallel.observer })),
      );
      runs.forEach((r) => expect(r.parallel.scorecard()).toEqual(r.single.scorecard()));
      const stats = shared.stats();
      // Once per submission (with eight cached, sixteen submissions in turn sent their plan with most pieces).
      expect(stats.observersSent).toBe(16);
      expect(stats).toMatchObject({ jobs: 0, observers: 0 });
    } finally {
      await shared.close();
    }
  });

  it('gives each of many concurrent submissions on one pool its own single-thread report, with at most its size in threads', async () => {
    const other = new Validators().compile({ id: 'u', version: '2.0.0', contentHash: 'p2' }, 'https://conform.invalid/standards/u/2.0.0', {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', pattern: '^R[0-9]+$' } },
    });
    const shared = new WorkerPool(3);
    try {
      const jobs = Array.from({ length: 12 }, (_, i) => ({
        version: i % 2 === 0 ? version : other,
        data: Buffer.from(submission(1_000 + i * 150)),
        chunk: [37, 4_096, 65_536][i % 3]!,
        maxFindings: i % 4 === 0 ? 20 : 1_000,
      }));
      const singles = await Promise.all(
        jobs.map((j) => validateStream(Readable.from(chunked(j.data, j.chunk)), j.version, { format: 'ndjson', maxFindings: j.maxFindings })),
      );
      let most = 0;
      const watch = setInterval(() => (most = Math.max(most, shared.stats().threads)), 5);
      const parallels = await Promise.all(
        jobs.map((j) => validateStream(Readable.from(chunked(j.data, j.chunk)), j.version, { format: 'ndjson', maxFindings: j.maxFindings, pool: shared })),
      );
      clearInterval(watch);
      parallels.forEach((report, i) => expect(timeless(report)).toEqual(timeless(singles[i]!)));
      expect(singles[1]!.stats.records).toBe(1_150);
      const stats = shared.stats();
      expect(stats.started).toBe(3); // started once, reused by all twelve
      expect(stats.peakThreads).toBe(3);
      expect(most).toBeLessThanOrEqual(3);
      expect(stats).toMatchObject({ jobs: 0, queued: 0 });
    } finally {
      await shared.close();
    }
    expect(shared.stats().threads).toBe(0);
  });
});

describe('a version with a rule across rows (x-record-actions)', () => {
  it('is validated on this thread even with a pool, so a repeated identifier is found across what would be pieces', async () => {
    const actions = new Validators().compile({ id: 'r', version: '1.0.0', contentHash: 'ra1' }, 'https://conform.invalid/standards/r/1.0.0', {
      type: 'object',
      properties: { ref: { type: 'string' }, op: { type: 'string' } },
      'x-record-actions': { key: ['/ref'], action: '/op', create: ['add'], id: 'repeated-ref', field: '/ref', message: 'the reference is already in use' },
    });
    // 40,000 lines (several 1 MiB pieces): record 40,000 repeats record 1.
    const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ ref: `r${i === 39_999 ? 0 : i}-${'x'.repeat(40)}`, op: 'add' })).join('\n');
    const report = await validateStream(Readable.from(chunked(lines, 65_536)), actions, { format: 'ndjson', pool });
    expect(report.findings.map((f) => [f.record, f.path, f.rule])).toEqual([[40_000, '/ref', 'repeated-ref']]);
  });
});
