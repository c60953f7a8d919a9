/**
 * CSV, JSON, and NDJSON that must be read in order, validated whole on one thread of the worker pool
 * (stream-job.ts), give exactly the report of the calling thread: records, lines, findings and their
 * order, caps, summary, file findings, row outcomes, the scorecard, and the same refusal for a file that
 * cannot be read. The main thread only copies bytes; the pieces it sends are cut anywhere, inside a
 * quoted cell, a multi-byte character or a CRLF, so the files here are several pieces long. The workers
 * run compiled code, so this test uses the build (npm test builds before it runs).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import type { Report } from '../../src/validation/report-types.js';
import type { ValidateOptions } from '../../src/validation/validate.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import { chunked, timeless } from './helpers.js';

const dist = '../../dist/src';
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { loadLibrary } = (await import(`${dist}/registry/library.js`)) as typeof import('../../src/registry/library.js');
const { resolveVersion } = (await import(`${dist}/registry/resolve.js`)) as typeof import('../../src/registry/resolve.js');
const { scorecardPass } = (await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js');
const { failedRecords } = (await import(`${dist}/validation/row-outcomes.js`)) as typeof import('../../src/validation/row-outcomes.js');

const ROOT = join(import.meta.dirname, '..', '..');
const library = await loadLibrary(join(ROOT, 'standards'));
const ecds = resolveVersion(library, 'emergency-care-attendance', '2.0.0');
const batch = resolveVersion(library, 'immunisation-batch', 'latest');

/** One pool for the whole file, as a process has one. */
const pool = new WorkerPool(2);
afterAll(() => pool.close());
let pieces = 0;
pool.onPiece = () => pieces++;

type Options = Omit<ValidateOptions, 'pool'>;

/** The report of this thread and of the pool, for the same chunks; and how many pieces the pool was sent. */
async function both(version: CompiledVersion, chunks: Buffer[], options: Options): Promise<{ single: Report; whole: Report; sent: number }> {
  const single = await validateStream(Readable.from(chunks), version, options);
  pieces = 0;
  const whole = await validateStream(Readable.from(chunks), version, { ...options, pool });
  return { single, whole, sent: pieces };
}

const ecdsSample = readFileSync(join(ROOT, 'test/fixtures/emergency-care-attendance-sample.csv'), 'utf8');
const [ecdsHeader, ...ecdsRows] = ecdsSample.trimEnd().split(/\r?\n/);

/**
 * An ECDS CSV of `rows` data rows built from the sample's rows, with a column the standard does not have
 * (a file finding) and every kind of row the reader treats apart: quoted cells holding line breaks,
 * blank lines, rows of delimiters only, ragged rows, a row with bytes that are not UTF-8, and CRLF line ends.
 */
function ecdsCsv(rows: number, options: { bom?: boolean; crlf?: boolean } = {}): Buffer {
  const eol = options.crlf ? '\r\n' : '\n';
  const parts: Buffer[] = [];
  if (options.bom) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  parts.push(Buffer.from(`${ecdsHeader},ward note${eol}`));
  for (let i = 0; i < rows; i++) {
    const row = ecdsRows[i % ecdsRows.length]!;
    let line: string;
    switch (i % 97) {
      case 3:
        line = '';
        break;
      case 5:
        line = ','.repeat(ecdsHeader!.split(',').length - 1);
        break;
      case 7:
        line = row.split(',').slice(0, 4).join(',');
        break;
      case 11:
        parts.push(Buffer.from(`${row.replace(/,[^,]*$/, ',')}"caf\u00e9`, 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(`",n${eol}`));
        continue;
      default:
        // The last cell quoted, with a line break inside: a cut between pieces often falls in one.
        line = row.replace(/,([^,]*)$/, (_m, last: string) => `,"${last}${i % 3 === 0 ? `${eol}continued` : ''}",n`);
    }
    parts.push(Buffer.from(line + eol, 'utf8'));
  }
  return Buffer.concat(parts);
}

describe('a submission validated whole on one thread of the pool', () => {
  it('gives the same CSV report and scorecard as this thread, cut into many pieces, chunked any way, with a BOM, CRLF or gzip', async () => {
    const at = new Date('2024-07-20T00:00:00Z');
    for (const [data, chunk] of [
      [ecdsCsv(24_000), 65_536],
      [ecdsCsv(12_000, { bom: true, crlf: true }), 1_013],
      [gzipSync(ecdsCsv(15_000, { crlf: true })), 40_000],
    ] as const) {
      const declared = library.standards.get('emergency-care-attendance')!.meta;
      const singleCard = scorecardPass(library.validators.ajv, ecds.schema, ecds.schemaId, declared, at);
      const wholeCard = scorecardPass(library.validators.ajv, ecds.schema, ecds.schemaId, declared, at);
      const chunks = chunked(data, chunk);
      const single = await validateStream(Readable.from(chunks), ecds.compiled, { format: 'csv', observer: singleCard.observer, maxFindings: 5_000 });
      pieces = 0;
      const whole = await validateStream(Readable.from(chunks), ecds.compiled, { format: 'csv', observer: wholeCard.observer, maxFindings: 5_000, pool });
      expect(pieces).toBeGreaterThan(2); // the pool did the work, in several pieces
      expect(single.stats.records).toBeGreaterThan(10_000);
      expect(single.summary.map((e) => e.rule)).toContain('encoding');
      expect(single.findings.some((f) => f.record === 0 && f.rule === 'unknown-column')).toBe(true); // file findings ride along
      expect(timeless(whole)).toEqual(timeless(single));
      expect(wholeCard.scorecard()).toEqual(singleCard.scorecard());
      // Duplicate record keys (the sample's ids repeat) name the same records, lines and spreadsheet rows.
      const duplicates = singleCard.duplicateFindings();
      expect(duplicates.length).toBeGreaterThan(10);
      expect(duplicates.every((f) => f.row !== undefined && f.row > 1)).toBe(true);
      expect(wholeCard.duplicateFindings()).toEqual(duplicates);
    }
  });

  it('keeps the first findings up to the cap and the file findings beside it, in the same order', async () => {
    const data = ecdsCsv(9_000);
    for (const maxFindings of [0, 7, 1_000]) {
      const { single, whole, sent } = await both(ecds.compiled, chunked(data, 65_536), { format: 'csv', maxFindings });
      expect(sent).toBeGreaterThan(1);
      expect(single.truncated).toBe(true);
      expect(timeless(whole)).toEqual(timeless(single));
    }
  });

  it('refuses a file that cannot be read with the same error, and an empty file with the same finding', async () => {
    const twice = Buffer.from('attendanceId,attendanceId\nA,B\n');
    const single = await validateStream(Readable.from([twice]), ecds.compiled, { format: 'csv' }).catch((e: Error) => e);
    const whole = await validateStream(Readable.from([twice]), ecds.compiled, { format: 'csv', pool }).catch((e: Error) => e);
    expect(single).toBeInstanceOf(Error);
    expect(whole).toBeInstanceOf(Error);
    expect([(whole as Error).name, (whole as { code?: string }).code, (whole as Error).message]).toEqual([
      (single as Error).name,
      (single as { code?: string }).code,
      (single as Error).message,
    ]);
    expect((whole as { code?: string }).code).toBe('csv-header');
    for (const empty of [[], [Buffer.from('')], [Buffer.from(`${ecdsHeader}\n`)]]) {
      const { single: s, whole: w } = await both(ecds.compiled, empty, { format: 'csv' });
      expect(timeless(w)).toEqual(timeless(s));
      expect(w.findings.map((f) => f.rule)).toContain('empty');
    }
  });

  it('keeps every failed row outcome, with cross-row rules and the file name, for the national batch file', async () => {
    const name = 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv';
    const sample = readFileSync(join(ROOT, 'test/fixtures', name));
    const [header, ...rows] = sample.toString('utf8').trimEnd().split(/\r?\n/);
    // Many copies of the sample's rows: the same unique ids repeat, so the rule across rows (x-record-actions)
    // fires; every tenth row loses its NHS number's last digit.
    const body = Array.from({ length: 20_000 }, (_, i) => {
      const row = rows[i % rows.length]!;
      return i % 10 === 0 ? row.replace(/(\d{9})\d/, '$1') : row;
    });
    const data = Buffer.from(`${header}\r\n${body.join('\r\n')}\r\n`);
    const options: Options = { format: 'csv', outcomes: true, maxFindings: 100, context: { submittedAt: '2024-06-12T13:00:00Z', fileName: name } };
    const { single, whole, sent } = await both(batch.compiled, chunked(data, 65_536), options);
    expect(sent).toBeGreaterThan(2);
    const failed = [...failedRecords(single.outcomes!)];
    expect(failed.length).toBeGreaterThan(2_000);
    expect([...failedRecords(whole.outcomes!)]).toEqual(failed);
    expect(timeless(whole)).toEqual(timeless(single));
  });

  it('validates a JSON array and NDJSON that keeps outcomes the same way', async () => {
    const records = ecdsRows.map((row) => Object.fromEntries(ecdsHeader!.split(',').map((h, i) => [h, row.split(',')[i] ?? ''])));
    const many = Array.from({ length: 8_000 }, (_, i) => ({ ...records[i % records.length], attendanceId: `A${i}` }));
    const json = Buffer.from(JSON.stringify(many, null, 1));
    const a = await both(ecds.compiled, chunked(json, 65_536), { format: 'json' });
    expect(a.sent).toBeGreaterThan(1);
    expect(timeless(a.whole)).toEqual(timeless(a.single));
    const ndjson = Buffer.from(many.map((r) => JSON.stringify(r)).join('\n'));
    const b = await both(ecds.compiled, chunked(ndjson, 65_536), { format: 'ndjson', outcomes: true });
    expect(b.sent).toBeGreaterThan(1);
    expect(timeless(b.whole)).toEqual(timeless(b.single));
  });

  it("runs many at once on a shared pool, each pinned to one thread (a supplier's on one of the two), and holds none once they end", async () => {
    const shared = new WorkerPool(2);
    try {
      const files = Array.from({ length: 6 }, (_, i) => ecdsCsv(3_000 + i * 500, { crlf: i % 2 === 0 }));
      const singles = await Promise.all(files.map((f) => validateStream(Readable.from(chunked(f, 65_536)), ecds.compiled, { format: 'csv' })));
      let mostPinned = 0;
      const timer = setInterval(() => (mostPinned = Math.max(mostPinned, shared.stats().pinned)), 1);
      const wholes = await Promise.all(
        files.map((f, i) => validateStream(Readable.from(chunked(f, 65_536)), ecds.compiled, { format: 'csv', pool: shared, owner: `S${i % 2}` })),
      );
      clearInterval(timer);
      wholes.forEach((w, i) => expect(timeless(w)).toEqual(timeless(singles[i]!)));
      expect(mostPinned).toBeGreaterThan(1);
      expect(shared.stats()).toMatchObject({ jobs: 0, pinned: 0, queued: 0, peakThreads: 2 });
    } finally {
      await shared.close();
    }
  });

  it('ends the job when the input fails mid-way, and the pool goes on serving', async () => {
    const data = ecdsCsv(6_000);
    async function* failing(): AsyncGenerator<Buffer> {
      yield data.subarray(0, 700_000);
      throw new Error('the upload was interrupted');
    }
    await expect(validateStream(failing(), ecds.compiled, { format: 'csv', pool })).rejects.toThrow('the upload was interrupted');
    expect(pool.stats()).toMatchObject({ jobs: 0, pinned: 0 });
    const { single, whole } = await both(ecds.compiled, chunked(data, 65_536), { format: 'csv' });
    expect(timeless(whole)).toEqual(timeless(single));
  });
});
