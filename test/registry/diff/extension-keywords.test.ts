/**
 * The diff's judgement of Conform's keywords other than x-file-name (file-name-diff.test.ts), each with its
 * message, and, for the CSV header, proved with the engine: under an exact header, a field added or moved
 * makes every file written for the old version fail, which the field-by-field rules alone called additive
 * (a field added) or no change at all (a field moved).
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { requiredBump } from '../../../src/registry/diff/compatibility.js';
import type { Change } from '../../../src/registry/diff/types.js';
import { compile, run } from '../../validation/helpers.js';

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const shared = new Map<string, unknown>();
  return diffSchemas(
    { schema: before, id: 'https://conform.invalid/standards/t/1.0.0', shared },
    { schema: after, id: 'https://conform.invalid/standards/t/2.0.0', shared },
  );
}

const record = (props: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])),
  ...extra,
});
const exact = { 'x-csv': { delimiter: '|', header: 'exact' } };
const semantic = (changes: Change[]) => changes.filter((c) => c.kind !== 'annotation-changed');

describe('x-csv', () => {
  it('a field moved under an exact header was no change; now it breaks both ways, and the engine agrees', async () => {
    const before = record(['id', 'dose'], exact);
    const after = record(['dose', 'id'], exact);
    const changes = diff(before, after);
    expect(changes.map((c) => [c.kind, c.breaksSuppliers, c.breaksConsumers, c.explanation])).toEqual([
      [
        'csv-columns-changed',
        true,
        true,
        'the exact CSV header changed from 2 to 2 columns (the same columns in another order): a file with the old header is refused, and one with the new header was refused by the old version: old data may be rejected, and new data may fall outside the old version',
      ],
    ]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('major');
    const old = await run(['id|dose\na|1\n'], compile(before), { format: 'csv' });
    const now = await run(['id|dose\na|1\n'], compile(after), { format: 'csv' });
    expect([old.valid, now.valid]).toEqual([true, false]);
    expect(now.findings.map((f) => f.rule)).toContain('header-order');
  });

  it('an optional field added under an exact header breaks suppliers too (their files lack the column)', async () => {
    const before = record(['id'], exact);
    const after = record(['id', 'note'], exact);
    const changes = diff(before, after);
    expect(changes.find((c) => c.kind === 'csv-columns-changed')?.explanation).toMatch(/^the exact CSV header changed from 1 to 2 columns \(note added\)/);
    expect(requiredBump(changes, 'BACKWARD')).toBe('major');
    const now = await run(['id\na\n'], compile(after), { format: 'csv' });
    expect(now.valid).toBe(false);
    // Without an exact header, the same field is additive as before.
    expect(requiredBump(diff(record(['id']), record(['id', 'note'])), 'BACKWARD')).toBe('minor');
  });

  it('options are judged one by one on the dialect in effect: a default declared is no change', () => {
    expect(diff(record(['id']), record(['id'], { 'x-csv': { delimiter: ',', header: 'any-order' } }))).toEqual([]);
    const cells = diff(record(['id'], exact), record(['id'], { 'x-csv': { delimiter: '|', header: 'exact', cells: 'lenient' } }));
    expect(cells.map((c) => [c.kind, c.breaksSuppliers, c.breaksConsumers, c.explanation])).toEqual([
      [
        'csv-dialect-changed',
        false,
        true,
        'CSV cells exact → lenient reads every file the old dialect read, and more (lenient cells read a row with too few or too many cells rather than refusing it): old data still valid; new data may fall outside the old version',
      ],
    ]);
    const delimiter = diff(record(['id'], exact), record(['id'], { 'x-csv': { delimiter: ',', header: 'exact' } }));
    expect(delimiter).toMatchObject([{ kind: 'csv-dialect-changed', breaksSuppliers: true, breaksConsumers: true }]);
    expect(delimiter[0]!.explanation).toMatch(/^CSV delimiter pipes → commas: a file delimited the old way is refused/);
  });

  it('booleans in any case break both ways where a field takes a boolean or text', () => {
    const mixed = (booleans: string) => ({ ...record(['id']), properties: { id: { type: ['boolean', 'string'] } }, 'x-csv': { booleans } });
    expect(diff(mixed('true-false'), mixed('any-case'))).toMatchObject([{ kind: 'csv-dialect-changed', breaksSuppliers: true, breaksConsumers: true }]);
  });
});

describe('x-advice, x-record-actions, x-when and the scorecard annotations', () => {
  const advice = (format: string, message = 'a should be an ODS code') => record(['a'], { 'x-advice': [{ id: 'a-ods', field: '/a', format, message }] });
  const actions = (extra: Record<string, unknown> = {}) =>
    record(['a', 'b'], {
      'x-record-actions': { key: ['/a'], action: '/b', create: ['NEW'], delete: ['DELETE'], id: 'dup', field: '/a', message: 'duplicated', ...extra },
    });

  it('advice gives warnings only: a MINOR whatever changes, a message alone a PATCH', () => {
    const changed = diff(advice('ods-code'), advice('ods-site'));
    expect(changed.map((c) => c.explanation)).toEqual([
      'advice "a-ods" now says /a should be ods-site (was /a should be ods-code): advice gives warnings only, never an error: old and new data both still valid',
    ]);
    expect(requiredBump(changed, 'BACKWARD')).toBe('minor');
    expect(requiredBump(diff(advice('ods-code'), advice('ods-code', 'another message')), 'BACKWARD')).toBe('patch');
  });

  it('record actions: deleteOfDeleted added tightens, words alone are annotations, a new key cannot be decided', () => {
    const stricter = diff(actions(), actions({ deleteOfDeleted: { id: 'gone', field: '/a', message: 'already deleted' } }));
    expect(stricter.map((c) => [c.kind, c.breaksSuppliers, c.breaksConsumers])).toEqual([['record-actions-changed', true, false]]);
    expect(stricter[0]!.explanation).toBe('x-record-actions now refuses a delete of an identifier the file already deleted: old data may now be rejected');
    expect(diff(actions(), actions({ message: 'reworded' })).map((c) => c.kind)).toEqual(['annotation-changed']);
    const rekeyed = diff(actions(), actions({ join: '#' }));
    expect(rekeyed).toMatchObject([{ kind: 'record-actions-changed', undecidable: true }]);
    expect(rekeyed[0]!.explanation).toMatch(/^x-record-actions changed its join, which changes which rows count as the same record or what they do/);
  });

  it('x-when is the words of a condition: rewording it is a PATCH, not an undecidable change', () => {
    const when = (words: string) => ({
      ...record(['a', 'b']),
      allOf: [
        { 'x-when': words, if: { required: ['a'], properties: { a: { const: '1' } } }, then: { required: ['b'], properties: { b: { type: 'string' } } } },
      ],
    });
    const changes = diff(when('a is 1'), when('a is one'));
    expect(changes).toMatchObject([{ kind: 'annotation-changed', breaksSuppliers: false, breaksConsumers: false }]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('patch');
  });

  it('scorecard annotations say they change scores, not what is valid', () => {
    const withDefaults = (codes?: string[]) => ({ ...record(['a']), properties: { a: { type: 'string', ...(codes ? { 'x-default-codes': codes } : {}) } } });
    const changes = diff(withDefaults(), withDefaults(['99']));
    expect(semantic(changes)).toEqual([]);
    expect(changes.map((c) => c.explanation)).toEqual([
      'x-default-codes added (the scorecard counts other codes as defaults; what is valid is unchanged): no effect on validation',
    ]);
  });
});

describe('x-applicable', () => {
  const LISTED = ['NEW', 'UPDATE', 'new', 'update', 'New', 'Update'];
  const applicable = (conditions?: Record<string, unknown>) => ({
    ...record(['flag', 'a', 'b']),
    ...(conditions ? { 'x-applicable': Object.fromEntries(['/a', '/b'].map((f) => [f, conditions])) } : {}),
  });
  const explained = (changes: Change[]) => changes.map((c) => c.explanation);
  const EFFECT = 'x-applicable changed (the scorecard counts a field as applicable to other records; what is valid is unchanged): ';

  it('a list of spellings replaced by { anyCase }: a PATCH, explained as more records, field by field', () => {
    const changes = diff(applicable({ '/flag': LISTED }), applicable({ '/flag': { anyCase: ['NEW', 'UPDATE'] } }));
    expect(semantic(changes)).toEqual([]);
    expect(requiredBump(changes, 'BACKWARD')).toBe('patch');
    expect(explained(changes)).toEqual([
      `${EFFECT}a, b now apply to more records: those where flag is NEW or UPDATE (in any case); before, those where flag is NEW, UPDATE, new, update, New or Update: no effect on validation`,
    ]);
  });

  it('{ anyCase } replaced by a list: fewer records; the same any-case values in another order or case: the same records', () => {
    const anyCase = applicable({ '/flag': { anyCase: ['NEW', 'UPDATE'] } });
    expect(explained(diff(anyCase, applicable({ '/flag': LISTED })))).toEqual([
      `${EFFECT}a, b now apply to fewer records: those where flag is NEW, UPDATE, new, update, New or Update; before, those where flag is NEW or UPDATE (in any case): no effect on validation`,
    ]);
    const rewritten = diff(anyCase, applicable({ '/flag': { anyCase: ['update', 'new'] } }));
    expect(explained(rewritten)).toEqual([`${EFFECT}written another way: every field applies to the same records as before: no effect on validation`]);
    expect(requiredBump(rewritten, 'BACKWARD')).toBe('patch');
    // A value no longer listed, and one now listed: other records, neither more nor fewer.
    expect(explained(diff(anyCase, applicable({ '/flag': { anyCase: ['NEW', 'DELETE'] } })))[0]).toContain('a, b now apply to other records');
  });

  it('added and removed: from every record to those where it holds, and back', () => {
    const anyCase = applicable({ '/flag': { anyCase: ['NEW'] } });
    expect(explained(diff(applicable(), anyCase))).toEqual([
      'x-applicable added (the scorecard counts a field as applicable to other records; what is valid is unchanged): a, b now apply to fewer records: those where flag is NEW (in any case); before, every record: no effect on validation',
    ]);
    expect(explained(diff(anyCase, applicable()))[0]).toContain('a, b now apply to more records: every record; before, those where flag is NEW (in any case)');
  });
});
