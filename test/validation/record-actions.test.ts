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
      const line = (n: number) => (format === 'json' ? report.findings.find((f) => f.record === n)!.line : format === 'ndjson' ? n : n + 1);
      expect(report.findings.map((f) => [f.record, f.path, f.rule, f.severity])).toEqual([
        [2, '/ref', 'repeated-ref', 'error'],
        [6, '/n', 'type', 'error'],
        [8, '/op', 'enum', 'error'],
      ]);
      expect(report.findings[0]).toEqual({
        record: 2,
        line: line(2),
        path: '/ref',
        rule: 'repeated-ref',
        message: 'the reference is already in use (record 1 of this file created it, or brought it back)',
        severity: 'error',
      });
    }
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
  });
});
