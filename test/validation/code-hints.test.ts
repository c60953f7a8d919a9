/**
 * A value that nearly is an allowed code says how it misses, as a format finding does: a supplier whose
 * ethnic category is `A ` (a trailing space), `a`, `Not known` (the label, not the code) or whose code
 * `01` lost its leading zero in a spreadsheet was shown only the list of allowed codes, with A, X or 01
 * in it. The hint never holds the value, nor which code it resembles.
 */
import { describe, expect, it } from 'vitest';
import { codeHint } from '../../src/validation/code-hints.js';
import { validateValue } from '../../src/validation/validate.js';
import { Validators } from '../../src/validation/validators.js';
import { run, SCHEMA_ID, STANDARD } from './helpers.js';

const ethnicity = ['A', 'B', 'Z', '99'];
const labels = { A: 'White - British', B: 'White - Irish', Z: 'Not stated', '99': 'Not known' };
const gender = ['1', '2', '9', 'X'];
const genderLabels = { '1': 'Male', '2': 'Female', '9': 'Indeterminate (unable to be classified)', X: 'Not Known (not recorded)' };

const SPACES = 'it has spaces before or after the code: remove them';
const CASE = 'it differs from an allowed code only in upper and lower case: write the code exactly as listed';
const CASE_AND_SPACES = 'it differs from an allowed code only in upper and lower case and spaces: write the code exactly as listed';
const ZEROS = 'it has lost its leading zeros (as a spreadsheet drops them): write the code with them, and keep the column as text';
const LABEL = "it is a code's description, not the code: write the code itself";
const NUMBER = 'it is written as a number, but the codes are text: write the code in quotes';

describe('codeHint', () => {
  it('names spaces around a code, another case, and both', () => {
    expect(codeHint('A ', ethnicity, labels)).toBe(SPACES);
    expect(codeHint(' 99', ethnicity, labels)).toBe(SPACES);
    expect(codeHint('\tB', ethnicity)).toBe(SPACES);
    expect(codeHint('a', ethnicity, labels)).toBe(CASE);
    expect(codeHint('b ', ethnicity, labels)).toBe(CASE_AND_SPACES);
    expect(codeHint('service', ['Request', 'Service'])).toBe(CASE);
    expect(codeHint('White:  Irish', ['White: Irish'])).toBe(CASE_AND_SPACES);
  });

  it('names a code that lost its leading zeros', () => {
    expect(codeHint('1', ['01', '02', '19'])).toBe(ZEROS);
    expect(codeHint('7', ['007', '19'])).toBe(ZEROS);
    expect(codeHint('3', ['01', '02'])).toBeUndefined();
    expect(codeHint('01', ['001', '19'])).toBe(ZEROS); // fewer zeros than the code
    expect(codeHint('001', ['01', '19'])).toBeUndefined(); // more zeros is not a lost zero
    expect(codeHint('0', ['00', '19'])).toBe(ZEROS);
  });

  it('reads one list the same however often and with whichever labels it is asked (lists are read once and kept)', () => {
    const list = ['01', 'A', 'B'];
    const first = { A: 'Alpha', B: 'Beta' };
    const second = { A: 'Gamma' };
    for (let round = 0; round < 3; round++) {
      expect(codeHint('alpha', list, first)).toBe(LABEL);
      expect(codeHint('gamma', list, first)).toBeUndefined();
      expect(codeHint('gamma', list, second)).toBe(LABEL);
      expect(codeHint('alpha', list, second)).toBeUndefined();
      expect(codeHint('alpha', list)).toBeUndefined();
      expect(codeHint('1', list)).toBe(ZEROS);
      expect(codeHint('a', list)).toBe(CASE);
    }
    // An equal list that is another array is read on its own, with the same answers.
    expect(codeHint('alpha', [...list], first)).toBe(LABEL);
  });

  it("names a code's label written instead of the code, with or without its bracketed note", () => {
    expect(codeHint('Not known', ethnicity, labels)).toBe(LABEL);
    expect(codeHint('white - british', ethnicity, labels)).toBe(LABEL);
    expect(codeHint('Not known', gender, genderLabels)).toBe(LABEL);
    expect(codeHint('Female ', gender, genderLabels)).toBe(LABEL);
    expect(codeHint('Not known', ethnicity)).toBeUndefined(); // no labels
  });

  it('names a number written for a code that is text', () => {
    expect(codeHint(99, ethnicity, labels)).toBe(NUMBER);
    expect(codeHint(7, ethnicity, labels)).toBeUndefined();
  });

  it('gives nothing for a value like no code, and never the value', () => {
    for (const value of ['Q', 'Whit', '', ' ', null, undefined, {}, 'x'.repeat(300)]) expect(codeHint(value, ethnicity, labels)).toBeUndefined();
    for (const hint of [SPACES, CASE, CASE_AND_SPACES, ZEROS, LABEL, NUMBER]) expect(hint).not.toMatch(/\b(A|B|Z|99|X|01)\b/);
  });
});

describe('code-list findings', () => {
  const schema = {
    type: 'object',
    properties: {
      ethnicCategory: { type: 'string', enum: ethnicity, 'x-labels': labels },
      gender: { type: 'string', enum: gender, 'x-labels': genderLabels },
      destination: { type: 'string', enum: ['01', '19'] },
      disease: { const: '840539006', 'x-labels': { '840539006': 'COVID-19' } },
    },
  };
  const version = new Validators().compile({ ...STANDARD }, SCHEMA_ID, schema);

  it('end with the hint in JSON records', () => {
    const messages = (record: unknown) => validateValue(version, record, { submittedAt: '2026-01-01T00:00:00Z' }).map((f) => f.message);
    expect(messages({ ethnicCategory: 'A ' })).toEqual([
      `must be one of the allowed codes: A (White - British), B (White - Irish), Z (Not stated), 99 (Not known); ${SPACES}`,
    ]);
    expect(messages({ ethnicCategory: 99 })).toEqual([
      `must be one of the allowed codes: A (White - British), B (White - Irish), Z (Not stated), 99 (Not known); ${NUMBER}`,
    ]);
    expect(messages({ disease: 'covid-19' })).toEqual([`must be 840539006 (COVID-19); ${LABEL}`]);
    expect(messages({ ethnicCategory: 'Q' })).toEqual([
      'must be one of the allowed codes: A (White - British), B (White - Irish), Z (Not stated), 99 (Not known)',
    ]);
  });

  it('end with the hint in an Excel CSV (BOM, CRLF), at the right line and never with the value', async () => {
    const csv = '\uFEFFethnicCategory,gender,destination\r\nA ,1,19\r\na,Not known,1\r\nQ,2,19\r\n';
    const report = await run([csv], version, { format: 'csv' });
    expect(report.findings.map((f) => [f.record, f.line, f.path, f.message.split('; ')[1] ?? '(no hint)'])).toEqual([
      [1, 2, '/ethnicCategory', SPACES],
      [2, 3, '/ethnicCategory', CASE],
      [2, 3, '/gender', LABEL],
      [2, 3, '/destination', ZEROS],
      [3, 4, '/ethnicCategory', '(no hint)'],
    ]);
    expect(JSON.stringify(report.findings)).not.toContain('Not known;');
  });
});
