/** Shared helpers for the validation tests (not a test file itself). */
import { Readable } from 'node:stream';
import type { AnySchemaObject } from 'ajv';
import { Validators, type CompiledVersion } from '../../src/validation/validators.js';
import { validateStream, type ValidateOptions } from '../../src/validation/validate.js';
import type { Finding, Report } from '../../src/validation/report-types.js';

export const SCHEMA_ID = 'https://conform.invalid/standards/t/1.0.0';
export const STANDARD = { id: 't', version: '1.0.0', contentHash: 'h1' } as const;

/** Compiles an inline schema the way the brief prescribes, in a fresh Validators (fresh Ajv). */
export function compile(schema: AnySchemaObject): CompiledVersion {
  return new Validators().compile({ ...STANDARD }, SCHEMA_ID, schema);
}

/** Runs validateStream over the given chunks (each a separate Buffer, in order). */
export function run(chunks: readonly (Buffer | string)[], version: CompiledVersion, options: ValidateOptions): Promise<Report> {
  const buffers = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
  return validateStream(Readable.from(buffers), version, options);
}

/** The same bytes as 1-byte chunks. */
export function bytewise(data: Buffer | string): Buffer[] {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Array.from(buffer, (b) => Buffer.from([b]));
}

/** The same bytes split into chunks of `size` bytes. */
export function chunked(data: Buffer | string, size: number): Buffer[] {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) out.push(buffer.subarray(i, i + size));
  return out;
}

/** A report without its timing, which differs run to run. */
export function timeless(report: Report): Omit<Report, 'stats'> & { stats: Omit<Report['stats'], 'seconds'> } {
  const { seconds: _seconds, ...stats } = report.stats;
  return { ...report, stats };
}

/** A finding with severity error, written compactly. */
export function err(record: number, line: number, path: string, rule: string, message: string): Finding {
  return { record, line, path, rule, message, severity: 'error' };
}

/** The record schema most reader tests use. */
export const PERSON_SCHEMA: AnySchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 1 },
    nhsNumber: { type: 'string', format: 'nhs-number' },
    age: { type: 'integer', minimum: 0 },
    weight: { type: 'number' },
    consent: { type: 'boolean' },
    name: { type: 'string', maxLength: 20 },
    address: {
      type: 'object',
      additionalProperties: false,
      properties: {
        postcode: { type: 'string', format: 'uk-postcode' },
        town: { type: 'string' },
      },
    },
  },
};

/**
 * A CSV report with its spreadsheet rows checked against its lines and then left out, for tests about
 * something else that compare findings whole: every finding about a record has a row, no later than its
 * line (a row is a line, less the line breaks inside quoted cells), and one about the file has none; a
 * summary's first rows go with its first records, index-aligned (0 for the file). csv.test.ts tests the rows themselves.
 */
export function rowsChecked(report: Report): Report {
  for (const f of report.findings) {
    if (f.record === 0) {
      if (f.row !== undefined) throw new Error(`a file finding has a row: ${JSON.stringify(f)}`);
    } else if (f.row === undefined || f.row < 2 || f.row > f.line) throw new Error(`a record finding has no row, or one after its line: ${JSON.stringify(f)}`);
  }
  for (const s of report.summary) {
    if (s.firstRows !== undefined && (s.firstRows.length !== s.firstRecords.length || s.firstRecords.some((r, i) => (r === 0) !== (s.firstRows![i] === 0))))
      throw new Error(`first rows out of step: ${JSON.stringify(s)}`);
  }
  return {
    ...report,
    findings: report.findings.map(({ row: _row, ...f }) => f),
    summary: report.summary.map(({ firstRows: _rows, ...s }) => s),
  };
}
