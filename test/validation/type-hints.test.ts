/**
 * Type findings that say how to fix a text value in a boolean, integer or number field (type-hints.ts):
 * the engine's message for a representative value of each kind, read from a CSV cell as a batch file
 * sends it, and never containing the value.
 */
import { describe, expect, it } from 'vitest';
import { validateStream } from '../../src/validation/validate.js';
import { typeHint } from '../../src/validation/type-hints.js';
import { MAX_HINTED } from '../../src/validation/format-hints.js';
import { compile } from './helpers.js';

const version = compile({
  type: 'object',
  properties: {
    id: { type: 'string' },
    flag: { type: 'boolean' },
    count: { type: 'integer' },
    amount: { type: 'number' },
    dose: { type: 'integer', minimum: 1, maximum: 9 },
    share: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  },
});

type Field = 'flag' | 'count' | 'amount' | 'dose' | 'share';

/** The one finding the engine makes for a CSV cell `value` in the column `field`. */
async function messageFor(field: Field, value: string): Promise<string> {
  const cell = `"${value.replaceAll('"', '""')}"`;
  const report = await validateStream([`id,${field}\nA,${cell}\n`], version, { format: 'csv' });
  expect(report.findings.map((f) => `${f.path} ${f.rule}`)).toEqual([`/${field} type`]);
  return report.findings[0]!.message;
}

// [field, value, the whole message]
const CASES: [Field, string, string][] = [
  ['flag', 'Y', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'],
  ['flag', 'no', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'],
  ['flag', '1', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'],
  ['flag', ' true', 'must be of type boolean; it has spaces around it: remove them'],
  ['flag', 'tRUE', 'must be of type boolean; it is true or false in mixed case: write true or false (in a CSV cell also TRUE or True; in JSON without quotes)'],
  ['flag', '   ', 'must be of type boolean; it is only white space'],
  ['flag', 'maybe', 'must be of type boolean; write true or false'],
  ['count', '1.0', 'must be of type integer; it has a decimal point: write a whole number'],
  ['count', '.5', 'must be of type integer; it has a decimal point: write a whole number'],
  ['count', '1e0', 'must be of type integer; it has an exponent: write a whole number in digits'],
  ['count', ' ', 'must be of type integer; it is only white space'],
  ['count', 'two', 'must be of type integer; write a whole number in digits, e.g. 3'],
  ['dose', 'two', 'must be of type integer; write a whole number in digits, from 1 to 9'],
  ['dose', '1.5', 'must be of type integer; it has a decimal point: write a whole number'],
  ['amount', '1,5', 'must be of type number; it has a decimal comma: write a decimal point, e.g. 0.5'],
  ['amount', '0.5ml', 'must be of type number; it has text after the number (a unit?): write the number alone'],
  ['amount', '0.5 mL', 'must be of type number; it has text after the number (a unit?): write the number alone'],
  ['amount', 'half', 'must be of type number; write a number in digits, with a decimal point for a fraction (e.g. 0.5)'],
  ['amount', '1.2.3', 'must be of type number; write a number in digits, with a decimal point for a fraction (e.g. 0.5)'],
  ['share', 'plenty', 'must be of type number; write a number in digits, with a decimal point for a fraction (e.g. 0.5), more than 0 and at most 1'],
];

describe('type findings say how to fix a near miss', () => {
  it.each(CASES)('%s %j', async (field, value, message) => {
    expect(await messageFor(field, value)).toBe(message);
  });

  it('in JSON, says a number written as a string is text, and a bound in words with the range', async () => {
    const lines = ['{"id":"A","count":"3","amount":"-0.5e2"}', '{"id":"B","dose":10,"share":0}', '{"id":"C","dose":"7"}'].join('\n');
    const report = await validateStream([lines], version, { format: 'ndjson' });
    expect(report.findings.map((f) => [f.record, f.path, f.rule, f.message])).toEqual([
      [1, '/count', 'type', 'must be of type integer; it is a number written as text (in quotes): write the number itself, without quotes'],
      [1, '/amount', 'type', 'must be of type number; it is a number written as text (in quotes): write the number itself, without quotes'],
      [2, '/dose', 'maximum', 'must be at most 9; the allowed values are whole numbers from 1 to 9'],
      [2, '/share', 'exclusiveMinimum', 'must be more than 0; the allowed values are numbers more than 0 and at most 1'],
      [3, '/dose', 'type', 'must be of type integer; it is a number written as text (in quotes): write the number itself, without quotes'],
    ]);
  });

  it('in JSON, says true or false written as a string is text: its quotes are the fault, whatever its case', async () => {
    const lines = ['{"id":"A","flag":"TRUE"}', '{"id":"B","flag":"true"}', '{"id":"C","flag":"False"}', '{"id":"D","flag":"tRuE"}'].join('\n');
    const report = await validateStream([lines], version, { format: 'ndjson' });
    const quoted = 'must be of type boolean; it is true or false written as text (in quotes): write true or false itself, without quotes';
    expect(report.findings.map((f) => [f.record, f.message])).toEqual([
      [1, quoted],
      [2, quoted],
      [3, quoted],
      [4, 'must be of type boolean; it is true or false in mixed case: write true or false (in a CSV cell also TRUE or True; in JSON without quotes)'],
    ]);
  });

  it('in JSON, a number or true/false in a text field is told to be sent in quotes, naming neither value', async () => {
    const text = compile({
      type: 'object',
      properties: { nhs: { type: 'string' }, dob: { type: 'string' }, either: { type: ['string', 'number'] }, note: { type: ['string', 'null'] } },
    });
    const report = await validateStream(['{"nhs":9434765919,"dob":true,"either":5,"note":7}\n{"nhs":"9434765919"}\n'], text, { format: 'ndjson' });
    expect(report.findings.map((f) => [f.record, f.path, f.message])).toEqual([
      [1, '/nhs', 'must be of type string; it is written as a number, but the field holds text: send the value in quotes ("…")'],
      [1, '/dob', 'must be of type string; it is written as true or false, but the field holds text: send the value in quotes ("…")'],
      [1, '/note', 'must be of type string or null; it is written as a number, but the field holds text: send the value in quotes ("…")'],
    ]);
    expect(JSON.stringify(report.findings)).not.toContain('9434765919');
  });

  it('the immunisation batch file sent as NDJSON: a number in any text column gets the same words', async () => {
    const { loadLibrary } = await import('../../src/registry/library.js');
    const { resolveVersion } = await import('../../src/registry/resolve.js');
    const library = await loadLibrary(new URL('../../standards', import.meta.url).pathname);
    const batch = resolveVersion(library, 'immunisation-batch', '10.3.0');
    const row = { UNIQUE_ID: 'A1', UNIQUE_ID_URI: 'https://x.example', ACTION_FLAG: 'NEW', NHS_NUMBER: 9434765919, PERSON_DOB: 19650215, SITE_CODE: 86001 };
    const report = await validateStream([JSON.stringify(row) + '\n'], batch.compiled, { format: 'ndjson' });
    const typed = report.findings.filter((f) => f.rule === 'type').map((f) => [f.path, f.message]);
    expect(typed.map(([path]) => path).sort()).toEqual(['/NHS_NUMBER', '/PERSON_DOB', '/SITE_CODE']);
    for (const [, message] of typed)
      expect(message).toMatch(/^must be of type string; it is written as a number, but the field holds text: send the value in quotes/);
    expect(JSON.stringify(report.findings)).not.toMatch(/9434765919|19650215|86001/);
  });

  it('a bound in words with the range, in CSV as in JSON', async () => {
    const report = await validateStream(['id,dose,share\nA,0,1.5\n'], version, { format: 'csv' });
    expect(report.findings.map((f) => [f.path, f.rule, f.message])).toEqual([
      ['/dose', 'minimum', 'must be at least 1; the allowed values are whole numbers from 1 to 9'],
      ['/share', 'maximum', 'must be at most 1; the allowed values are numbers more than 0 and at most 1'],
    ]);
  });

  it('never quotes the value', async () => {
    for (const [field, value] of CASES) if (value.length > 3) expect(await messageFor(field, value)).not.toContain(value);
  });

  it('gives no hint for a value that is not text, an empty one, a long one, or another type', () => {
    expect(typeHint('boolean', 1)).toBeUndefined();
    expect(typeHint('integer', '')).toBeUndefined();
    expect(typeHint('integer', '1.0'.padEnd(MAX_HINTED + 1, '0'))).toBeUndefined();
    expect(typeHint('string', 'Y')).toBeUndefined();
    expect(typeHint('integer,null', '1.0')).toBeUndefined();
  });
});
