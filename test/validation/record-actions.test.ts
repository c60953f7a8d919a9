/**
 * `x-record-actions`, declared by any standard: rows that create, update and delete the records their
 * identifier names, followed in record order; a create of an identifier live at that point of the file is
 * an error. Proved here on a made-up standard, in every input format.
 */
import { describe, expect, it } from 'vitest';
import { compile, run } from './helpers.js';
import { RecordActions } from '../../src/validation/record-actions.js';

const RULE = {
  key: ['/system', '/ref'],
  action: '/op',
  create: ['add'],
  update: ['change'],
  delete: ['remove'],
  id: 'repeated-ref',
  field: '/ref',
  message: 'the reference is already in use',
};
const SCHEMA = {
  type: 'object',
  required: ['system', 'ref', 'op'],
  properties: { system: { type: 'string' }, ref: { type: 'string' }, op: { enum: ['add', 'change', 'remove'] }, n: { type: 'integer' } },
  'x-record-actions': RULE,
};

const records = [
  { system: 's', ref: '1', op: 'add' },
  { system: 's', ref: '1', op: 'add' }, // repeated
  { system: 't', ref: '1', op: 'add' }, // another system: another identifier
  { system: 's', ref: '1', op: 'remove' },
  { system: 's', ref: '1', op: 'add' }, // back after its delete
  { system: 's', ref: '2', op: 'add', n: 'x' }, // fails its own check: creates nothing
  { system: 's', ref: '2', op: 'add' },
  { system: 's', ref: '2', op: 'ADD' }, // not an action (actions compare as written without anyCase): its enum error only
];

describe('x-record-actions', () => {
  it('finds the same rows in JSON, NDJSON and CSV: record, line, field, rule and message', async () => {
    const version = compile(SCHEMA);
    const ndjson = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const csv = 'system,ref,op,n\n' + records.map((r) => [r.system, r.ref, r.op, r.n ?? ''].join(',')).join('\n') + '\n';
    for (const [format, text] of [
      ['json', JSON.stringify(records)],
      ['ndjson', ndjson],
      ['csv', csv],
    ] as const) {
      const report = await run([text], version, { format });
      // JSON: record 1 starts on line 1 with the array (`[{…`), each next record on the same line after it.
      const line = (n: number) => (format === 'json' ? 1 : format === 'ndjson' ? n : n + 1);
      expect(report.findings.map((f) => [f.record, f.path, f.rule, f.severity])).toEqual([
        [2, '/ref', 'repeated-ref', 'error'],
        [6, '/n', 'type', 'error'],
        [8, '/op', 'enum', 'error'],
      ]);
      expect(report.findings[0]).toEqual({
        record: 2,
        line: line(2),
        // CSV: its spreadsheet row too (the header is row 1).
        ...(format === 'csv' ? { row: 3 } : {}),
        path: '/ref',
        rule: 'repeated-ref',
        // Where record 1 is, as a duplicate-key finding names a key's first occurrence.
        message: `the reference is already in use; record 1 (line ${line(1)}${format === 'csv' ? ', row 2' : ''}) of this file created it, or brought it back`,
        severity: 'error',
      });
    }
  });

  it('names the earlier row where a spreadsheet shows it: after an empty line and a cell over two lines, its row is not its line', async () => {
    const csv = 'system,ref,op,n\n\n"x\ny",9,change,\ns,1,add,\ns,1,add,\ns,1,remove,\ns,1,remove,\n';
    const version = compile({
      ...SCHEMA,
      'x-record-actions': { ...RULE, deleteOfDeleted: { id: 'deleted-ref', field: '/ref', message: 'there is no record to delete' } },
    });
    const report = await run([csv], version, { format: 'csv' });
    expect(report.findings).toEqual([
      {
        record: 3,
        line: 6,
        row: 5,
        path: '/ref',
        rule: 'repeated-ref',
        message: 'the reference is already in use; record 2 (line 5, row 4) of this file created it, or brought it back',
        severity: 'error',
      },
      {
        record: 5,
        line: 8,
        row: 7,
        path: '/ref',
        rule: 'deleted-ref',
        message: 'there is no record to delete; record 4 (line 7, row 6) of this file already asked to delete it',
        severity: 'error',
      },
    ]);
  });

  it('anyCase compares actions in any case; a row whose key is incomplete is not followed', () => {
    const actions = new RecordActions({ ...RULE, anyCase: true });
    const at = (value: Record<string, unknown>, record: number) => actions.check(value, undefined, record, record + 1)?.map((f) => f.record) ?? [];
    expect(at({ system: 's', ref: '1', op: 'ADD' }, 1)).toEqual([]);
    expect(at({ system: 's', ref: '1', op: 'aDd' }, 2)).toEqual([2]);
    expect(at({ system: 's', op: 'add' }, 3)).toEqual([]);
    expect(at({ system: 's', ref: '', op: 'add' }, 4)).toEqual([]);
    expect(at({ system: 's', ref: '1', op: 'Remove' }, 5)).toEqual([]);
    expect(at({ system: 's', ref: '1', op: 'add' }, 6)).toEqual([]);
  });

  it('deleteOfDeleted: a delete of an identifier the file already asked to delete, not brought back since, is an error', () => {
    const DELETED = { id: 'deleted-ref', field: '/ref', message: 'there is no record to delete' };
    const actions = new RecordActions({ ...RULE, deleteOfDeleted: DELETED });
    const at = (ref: string, op: string, record: number, own?: boolean) =>
      actions
        .check(
          { system: 's', ref, op },
          own ? [{ record, line: record, path: '/n', rule: 'type', message: 'm', severity: 'error' }] : undefined,
          record,
          record + 1,
        )
        ?.filter((f) => f.rule !== 'type')
        .map((f) => [f.record, f.rule, f.message]) ?? [];
    expect(at('1', 'remove', 1)).toEqual([]); // never seen: it may be live in the receiving system
    expect(at('1', 'remove', 2)).toEqual([[2, 'deleted-ref', 'there is no record to delete; record 1 (line 2) of this file already asked to delete it']]);
    expect(at('1', 'remove', 3)).toEqual([[3, 'deleted-ref', 'there is no record to delete; record 1 (line 2) of this file already asked to delete it']]);
    expect(at('1', 'add', 4)).toEqual([]); // brought back
    expect(at('1', 'remove', 5)).toEqual([]);
    expect(at('1', 'change', 6)).toEqual([]); // an update of a record the file created, then deleted: back
    expect(at('1', 'remove', 7)).toEqual([]);
    expect(at('1', 'remove', 8, true)).toEqual([]); // fails its own checks: not this rule's, and changes nothing
    expect(at('1', 'remove', 9)).toEqual([[9, 'deleted-ref', 'there is no record to delete; record 7 (line 8) of this file already asked to delete it']]);
    // An update of an identifier deleted without being known to exist may be refused (no record): unknown after it.
    expect(at('2', 'remove', 10)).toEqual([]);
    expect(at('2', 'change', 11)).toEqual([]);
    expect(at('2', 'remove', 12)).toEqual([]);
    expect(at('2', 'add', 13)).toEqual([]); // after its delete: not a duplicate
    expect(at('2', 'add', 14)).toEqual([
      [14, 'repeated-ref', 'the reference is already in use; record 13 (line 14) of this file created it, or brought it back'],
    ]);
    // Without deleteOfDeleted, a repeated delete passes, as before.
    const plain = new RecordActions(RULE);
    expect(plain.check({ system: 's', ref: '1', op: 'remove' }, undefined, 1, 2)).toBeUndefined();
    expect(plain.check({ system: 's', ref: '1', op: 'remove' }, undefined, 2, 3)).toBeUndefined();
  });

  it('join: the parts joined as text are the identifier, so a separator may move between them', () => {
    const joined = new RecordActions({ ...RULE, join: '#' });
    const apart = new RecordActions(RULE);
    for (const [first, second] of [
      [
        { system: 'a#b', ref: 'c' },
        { system: 'a', ref: 'b#c' },
      ],
      [
        { system: 'a', ref: 'b#c' },
        { system: 'a#b', ref: 'c' },
      ],
      [
        { system: 'x#', ref: 'y' },
        { system: 'x', ref: '#y' },
      ],
    ]) {
      const j = new RecordActions({ ...RULE, join: '#' });
      expect(j.check({ ...first, op: 'add' }, undefined, 1, 2)).toBeUndefined();
      expect(j.check({ ...second, op: 'add' }, undefined, 2, 3)?.map((f) => f.rule)).toEqual(['repeated-ref']);
    }
    // Apart (no join), they are two identifiers.
    expect(apart.check({ system: 'a#b', ref: 'c', op: 'add' }, undefined, 1, 2)).toBeUndefined();
    expect(apart.check({ system: 'a', ref: 'b#c', op: 'add' }, undefined, 2, 3)).toBeUndefined();
    // Joined, still one identifier per whole text: a#b + c is not a + bc, nor ab + c; an empty part is not followed.
    expect(joined.check({ system: 'a#b', ref: 'c', op: 'add' }, undefined, 1, 2)).toBeUndefined();
    expect(joined.check({ system: 'a', ref: 'bc', op: 'add' }, undefined, 2, 3)).toBeUndefined();
    expect(joined.check({ system: 'ab', ref: 'c', op: 'add' }, undefined, 3, 4)).toBeUndefined();
    expect(joined.check({ system: 'a#b#', ref: '', op: 'add' }, undefined, 4, 5)).toBeUndefined();
    expect(joined.check({ system: 'a', ref: 'b#c', op: 'remove' }, undefined, 5, 6)).toBeUndefined();
    expect(joined.check({ system: 'a#b', ref: 'c', op: 'add' }, undefined, 6, 7)).toBeUndefined(); // deleted, then back
  });

  it('follows a million identifiers in bounded memory', () => {
    const actions = new RecordActions(RULE);
    const before = process.memoryUsage().arrayBuffers;
    let repeated = 0;
    for (let i = 1; i <= 1_000_000; i++) if (actions.check({ system: 's', ref: String(i % 900_000), op: 'add' }, undefined, i, i)) repeated++;
    expect(repeated).toBe(100_000);
    // 2^21 slots of 8 + 4 bytes: 24 MiB
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('a malformed declaration does not compile', () => {
    expect(() => compile({ ...SCHEMA, 'x-record-actions': { ...RULE, create: [] } })).toThrow(/does not compile/);
    expect(() => compile({ ...SCHEMA, 'x-record-actions': { ...RULE, field: 'ref' } })).toThrow(/does not compile/);
    expect(() => compile({ ...SCHEMA, 'x-record-actions': { ...RULE, join: '' } })).toThrow(/does not compile/);
    expect(() => compile({ ...SCHEMA, 'x-record-actions': { ...RULE, deleteOfDeleted: { id: 'x' } } })).toThrow(/does not compile/);
    expect(
      compile({ ...SCHEMA, 'x-record-actions': { ...RULE, join: '#', deleteOfDeleted: { id: 'gone', field: '/ref', message: 'm' } } }).recordActions,
    ).toMatchObject({ join: '#' });
  });
});
