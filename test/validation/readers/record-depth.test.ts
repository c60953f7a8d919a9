/**
 * A record nested deeper than MAX_RECORD_DEPTH levels of objects and arrays is one unreadable record
 * (`record-too-deep`, at its line), never validated, in NDJSON, a JSON array, a single JSON record, and
 * a CSV header (a column whose dotted name nests too deep is a header finding, and its cells are not
 * read); the file's other records are validated as usual, and a record at the limit is validated.
 * Against a recursive version a record thousands of levels deep overflowed the calling thread's stack
 * and the whole file was refused (StackExceeded).
 */
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_DEPTH, TOO_DEEP_MESSAGE } from '../../../src/validation/readers/types.js';
import { operationOutcome } from '../../../src/http/fhir.js';
import { sarifReport } from '../../../src/cli/report-sarif.js';
import { compile, err, run } from '../helpers.js';

/** A node holds a node (`a`) and a short name (`n`), and nothing else. */
const tree = compile({
  $defs: { node: { type: 'object', additionalProperties: false, properties: { a: { $ref: '#/$defs/node' }, n: { type: 'string', maxLength: 3 } } } },
  $ref: '#/$defs/node',
});
/** `{"a":{"a":…{inner}…}}`: `levels` objects in all, `inner` the deepest's members. */
const nested = (levels: number, inner = ''): string => '{"a":'.repeat(levels - 1) + `{${inner}}` + '}'.repeat(levels - 1);
const deepestName = (levels: number): string => `${'/a'.repeat(levels - 1)}/n`;

const tooDeep = (record: number, line: number) => err(record, line, '', 'record-too-deep', TOO_DEEP_MESSAGE);
const nameTooLong = (record: number, line: number, path: string) => expect.objectContaining({ record, line, path, rule: 'maxLength' });

describe('a record nested deeper than the limit', () => {
  it('is 64 levels', () => {
    expect(MAX_RECORD_DEPTH).toBe(64);
    expect(TOO_DEEP_MESSAGE).toContain('more than 64 levels deep');
  });

  it('in NDJSON is one unreadable record at its line; the records around it are validated, and one at the limit is too', async () => {
    const lines = [
      nested(MAX_RECORD_DEPTH, '"n":"long"'), // at the limit: validated, its deepest field checked
      nested(MAX_RECORD_DEPTH + 1, '"n":"long"'), // one level more: not validated
      '{"n":"long"}',
      nested(5_000),
      nested(MAX_RECORD_DEPTH),
    ];
    const report = await run([`${lines.join('\n')}\n`], tree, { format: 'ndjson' });
    expect(report.findings).toEqual([nameTooLong(1, 1, deepestName(MAX_RECORD_DEPTH)), tooDeep(2, 2), nameTooLong(3, 3, '/n'), tooDeep(4, 4)]);
    expect(report.stats).toMatchObject({ records: 5, valid: 1, invalid: 4 });
  });

  it('in a JSON array is one unreadable element at its line, the next element read; a single JSON record too', async () => {
    const array = `[\n${nested(MAX_RECORD_DEPTH)},\n${nested(MAX_RECORD_DEPTH + 1)},\n{"n":"long"},\n${nested(5_000)}\n]`;
    const report = await run([array], tree, { format: 'json' });
    expect(report.findings).toEqual([tooDeep(2, 3), nameTooLong(3, 4, '/n'), tooDeep(4, 5)]);
    expect(report.stats).toMatchObject({ records: 4, valid: 1, invalid: 3 });

    const single = await run([`\n${nested(5_000)}\n`], tree, { format: 'json' });
    expect(single.findings).toEqual([tooDeep(1, 2)]);
    expect(single.stats).toMatchObject({ records: 1, valid: 0, invalid: 1 });
    const atLimit = await run([nested(MAX_RECORD_DEPTH, '"n":"long"')], tree, { format: 'json' });
    expect(atLimit.findings).toEqual([nameTooLong(1, 1, deepestName(MAX_RECORD_DEPTH))]);
  });

  it('counts arrays as levels, as objects are', async () => {
    const list = compile({ $defs: { l: { type: 'array', items: { $ref: '#/$defs/l' } } }, type: 'object', properties: { l: { $ref: '#/$defs/l' } } });
    const arrays = (levels: number): string => `{"l":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    const report = await run([`${arrays(MAX_RECORD_DEPTH)}\n${arrays(MAX_RECORD_DEPTH + 1)}\n`], list, { format: 'ndjson' });
    expect(report.findings).toEqual([tooDeep(2, 2)]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('in a CSV header is one header finding: the column is not read, and the rows are validated on the other columns', async () => {
    const path = (levels: number, root = 'a'): string => `${Array.from({ length: levels - 1 }, () => root).join('.')}.n`;
    // A name of 63 dots nests the cell 64 levels deep (the record and 63 objects): read; 64 dots is one level more.
    // Too deep, a column is that one finding, whether or not its first name is a field (`z` is not).
    const csv = `n,${path(MAX_RECORD_DEPTH)},${path(MAX_RECORD_DEPTH + 1)},${path(5_001, 'z')}\nok,long,x,y\nlong,ok,x,y\n`;
    const report = await run([csv], tree, { format: 'csv' });
    expect(report.findings).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'record-too-deep',
        severity: 'error',
        message:
          '2 columns (3-4) name fields nested more than 64 levels deep (64 dots or more), deeper than a record may nest, so their cells are not read: name fields at most 64 levels deep (63 dots)',
      },
      expect.objectContaining({ record: 1, line: 2, row: 2, path: deepestName(MAX_RECORD_DEPTH), rule: 'maxLength' }),
      expect.objectContaining({ record: 2, line: 3, row: 3, path: '/n', rule: 'maxLength' }),
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 0, invalid: 2 });

    const one = await run([`${path(MAX_RECORD_DEPTH + 1)}\nx\n`], tree, { format: 'csv' });
    expect(one.findings.map((f) => f.message)).toEqual([
      'column 1 names a field nested more than 64 levels deep (64 dots or more), deeper than a record may nest, so its cells are not read: name fields at most 64 levels deep (63 dots)',
    ]);
    expect(one.stats).toMatchObject({ records: 1, valid: 1, invalid: 0 });
  });

  it('is a reading rule in the report formats: FHIR says too-long, as for a record too large, and SARIF describes it', async () => {
    const report = await run([`${nested(MAX_RECORD_DEPTH + 1)}\n`], tree, { format: 'ndjson' });
    expect(operationOutcome(report).issue[0]).toMatchObject({ severity: 'error', code: 'too-long', details: { text: 'record-too-deep' } });
    const sarif = JSON.parse(sarifReport(report, 'deep.ndjson')) as {
      runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[];
    };
    expect(sarif.runs[0]!.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'record-too-deep',
        shortDescription: { text: 'A record nests objects and arrays more than 64 levels deep, or a CSV column names a field nested that deep.' },
      }),
    ]);
  });
});
