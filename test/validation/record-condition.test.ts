/**
 * `when` on an `x-advice` rule and on `x-file-name` code lists (src/validation/record-condition.ts): the
 * check is made only on the records that meet the condition, as `x-applicable` writes one (a list of exact
 * values, or `{ anyCase: [...] }`). The batch file's DELETE rows, whose other columns the national
 * pipeline ignores, get no warning about them (immunisation-batch 10.3.0). A malformed `when` is refused
 * where the schema is compiled, so a version carrying one cannot be published.
 */
import { describe, expect, it } from 'vitest';
import { adviceCheck } from '../../src/validation/advice.js';
import { fileNameVerdict, type FileNameRule } from '../../src/validation/file-name.js';
import { recordConditionTest, recordConditionWords } from '../../src/validation/record-condition.js';
import { compile, run } from './helpers.js';

const ROW_KIND = { '/kind': { anyCase: ['NEW', 'UPDATE'] } } as const;
const rule = { id: 'pc', field: '/postcode', format: 'uk-postcode', message: 'not a postcode' };
const rules = (record: Record<string, unknown>, check = adviceCheck([{ ...rule, when: ROW_KIND }])!): string[] =>
  (check(record) ?? []).map((w) => `${w.instancePath} ${String(w.params.rule)}`);

describe('when on x-advice', () => {
  it('advises only the records that meet it, the text in any case, a number or a missing field never', () => {
    expect(rules({ kind: 'NEW', postcode: 'XX' })).toEqual(['/postcode pc']);
    expect(rules({ kind: 'uPdAtE', postcode: 'XX' })).toEqual(['/postcode pc']);
    expect(rules({ kind: 'DELETE', postcode: 'XX' })).toEqual([]);
    expect(rules({ kind: 'dElEtE', postcode: 'XX' })).toEqual([]);
    expect(rules({ postcode: 'XX' })).toEqual([]);
    expect(rules({ kind: 1, postcode: 'XX' })).toEqual([]);
    // Without when, as before: every record.
    expect(rules({ kind: 'DELETE', postcode: 'XX' }, adviceCheck([rule]))).toEqual(['/postcode pc']);
  });

  it('a list of values matches exactly, and every field listed must hold', () => {
    const test = recordConditionTest({ '/kind': ['NEW'], '/n/x': [1, true] })!;
    expect(test({ kind: 'NEW', n: { x: 1 } })).toBe(true);
    expect(test({ kind: 'NEW', n: { x: true } })).toBe(true);
    expect(test({ kind: 'new', n: { x: 1 } })).toBe(false);
    expect(test({ kind: 'NEW', n: { x: '1' } })).toBe(false);
    expect(test({ kind: 'NEW' })).toBe(false);
    expect(recordConditionWords({ '/kind': ['NEW'], '/n/x': [1, 2] })).toBe('kind is NEW and n.x is 1 or 2');
    expect(recordConditionWords(ROW_KIND)).toBe('kind is NEW or UPDATE (in any case)');
  });

  it('in a run: a record that does not meet it gets no warning from the rule', async () => {
    const version = compile({
      type: 'object',
      properties: { kind: { type: 'string' }, postcode: { type: 'string' } },
      'x-advice': [{ ...rule, when: ROW_KIND }],
    });
    const report = await run(['{"kind":"NEW","postcode":"XX"}\n{"kind":"delete","postcode":"XX"}\n'], version, { format: 'ndjson' });
    expect(report.findings.map((f) => [f.record, f.rule])).toEqual([[1, 'pc']]);
  });

  it.each([
    [{}, 'no field'],
    [{ '/kind': [] }, 'an empty list'],
    [{ '/kind': { anycase: ['NEW'] } }, 'anycase misspelt'],
    [{ '/kind': 'NEW' }, 'a string where a list belongs'],
    [{ kind: ['NEW'] }, 'not a pointer'],
  ] as [Record<string, unknown>, string][])('a malformed when (%j: %s) is refused when the schema is compiled', (when) => {
    expect(() => compile({ type: 'object', 'x-advice': [{ ...rule, when }] })).toThrow();
  });
});

describe('when on x-file-name code lists', () => {
  const convention = (when?: Record<string, unknown>): FileNameRule => ({
    description: '{VACC}_{n}.csv',
    upperCase: true,
    extensions: ['CSV'],
    separator: '_',
    parts: [{ name: 'vaccineType', values: ['FLU', 'COVID'] }, { name: 'n' }],
    codes: { group: 'vaccineType', fields: { '/code': { FLU: ['1'] } }, ...(when ? { when: when as never } : {}) },
  });

  it('checks the codes of the records that meet it only', () => {
    const codes = fileNameVerdict(convention(ROW_KIND), 'FLU_1.csv').codes!;
    expect(codes({ kind: 'NEW', code: '2' })?.map((w) => w.params.rule)).toEqual(['code-matches-file-type']);
    expect(codes({ kind: 'Delete', code: '2' })).toBeNull();
    expect(fileNameVerdict(convention(), 'FLU_1.csv').codes!({ kind: 'DELETE', code: '2' })).toHaveLength(1);
  });

  it('a malformed when on the code lists is refused when the schema is compiled', () => {
    expect(() => compile({ type: 'object', 'x-file-name': convention({ '/kind': { anyCase: [] } }) })).toThrow();
  });
});

describe('a well-formed when compiles', () => {
  it('on advice and on code lists alike', () => {
    expect(() => compile({ type: 'object', 'x-advice': [{ ...rule, when: ROW_KIND }] })).not.toThrow();
    expect(() =>
      compile({
        type: 'object',
        'x-file-name': {
          description: 'd',
          extensions: ['CSV'],
          separator: '_',
          parts: [{ name: 'vaccineType' }],
          codes: { group: 'vaccineType', fields: {}, when: { '/kind': ['NEW'] } },
        },
      }),
    ).not.toThrow();
  });
});
