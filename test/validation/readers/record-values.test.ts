/**
 * Hostile: one record of very many values. Every value a schema does not allow is an Ajv error and a
 * finding, all made before the report caps them, so a record of a million unknown fields (12 MB, under
 * the record size limit) took 15 s and about 500 MB. A record may hold at most MAX_RECORD_VALUES values;
 * past that it is one `record-too-large` finding and is not validated.
 */
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { MAX_RECORD_VALUES, tooManyValues } from '../../../src/validation/readers/text.js';
import { compile, err, PERSON_SCHEMA, run } from '../helpers.js';

const person = compile(PERSON_SCHEMA);
const MESSAGE = 'the record holds more than 10,000 values (fields and array items, at any depth)';
const wide = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;

describe('records of very many values', () => {
  it('a million unknown fields in one NDJSON record is one finding, quickly, and the next record is still read', async () => {
    const text = `${wide(1_000_000)}\n{"id":"a"}\n`;
    const started = performance.now();
    const report = await run([text], person, { format: 'ndjson' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.findings).toEqual([err(1, 1, '', 'record-too-large', MESSAGE)]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
  });

  it('counts values at any depth and in arrays, in JSON arrays and single JSON records too', async () => {
    const nested = `{"id":"a","address":${wide(MAX_RECORD_VALUES)}}`;
    const items = `{"id":"a","tags":[${Array.from({ length: MAX_RECORD_VALUES + 1 }, () => '0').join(',')}]}`;
    for (const [text, format] of [
      [`[${nested},{"id":"b"}]`, 'json'],
      [items, 'json'],
      [`${nested}\n`, 'ndjson'],
    ] as const) {
      const report = await run([text], person, { format });
      expect(report.findings[0], format).toEqual(err(1, 1, '', 'record-too-large', MESSAGE));
    }
  });

  it('leaves records within the bound to the schema', async () => {
    const report = await run([`${wide(MAX_RECORD_VALUES - 1)}\n`], person, { format: 'ndjson' });
    expect(report.findings.every((f) => f.rule !== 'record-too-large')).toBe(true);
    expect(tooManyValues(wide(MAX_RECORD_VALUES))).toBe(false);
    expect(tooManyValues(wide(MAX_RECORD_VALUES + 1))).toBe(true);
    // Commas and brackets inside strings are text, not values (an escaped quote does not end a string).
    expect(tooManyValues(`{"id":"${'\\",[{'.repeat(MAX_RECORD_VALUES)}"}`)).toBe(false);
  });
});
