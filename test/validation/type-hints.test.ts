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
  properties: { id: { type: 'string' }, flag: { type: 'boolean' }, count: { type: 'integer' }, amount: { type: 'number' } },
});

/** The one finding the engine makes for a CSV cell `value` in the column `field`. */
async function messageFor(field: 'flag' | 'count' | 'amount', value: string): Promise<string> {
  const cell = `"${value.replaceAll('"', '""')}"`;
  const report = await validateStream([`id,${field}\nA,${cell}\n`], version, { format: 'csv' });
  expect(report.findings.map((f) => `${f.path} ${f.rule}`)).toEqual([`/${field} type`]);
  return report.findings[0]!.message;
}

// [field, value, the whole message]
const CASES: ['flag' | 'count' | 'amount', string, string][] = [
  ['flag', 'Y', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'],
  ['flag', 'no', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'],
  ['flag', '1', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one'],
  ['flag', ' true', 'must be of type boolean; it has spaces around it: remove them'],
  ['flag', 'tRUE', 'must be of type boolean; it is true or false in mixed case: write true, TRUE or True (false alike)'],
  ['flag', '   ', 'must be of type boolean; it is only white space'],
  ['flag', 'maybe', 'must be of type boolean'],
  ['count', '1.0', 'must be of type integer; it has a decimal point: write a whole number'],
  ['count', '.5', 'must be of type integer; it has a decimal point: write a whole number'],
  ['count', '1e0', 'must be of type integer; it has an exponent: write a whole number in digits'],
  ['count', ' ', 'must be of type integer; it is only white space'],
  ['count', 'two', 'must be of type integer'],
  ['amount', '1,5', 'must be of type number; it has a decimal comma: write a decimal point, e.g. 0.5'],
  ['amount', '0.5ml', 'must be of type number; it has text after the number (a unit?): write the number alone'],
  ['amount', '0.5 mL', 'must be of type number; it has text after the number (a unit?): write the number alone'],
  ['amount', 'half', 'must be of type number'],
  ['amount', '1.2.3', 'must be of type number'],
];

describe('type findings say how to fix a near miss', () => {
  it.each(CASES)('%s %j', async (field, value, message) => {
    expect(await messageFor(field, value)).toBe(message);
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
