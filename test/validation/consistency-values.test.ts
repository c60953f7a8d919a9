/**
 * Ajv's code reads the values the cross-field rules compare by name and passes them to the check
 * (consistency.ts), where every pointer is a field of the record that no object inherits; the check then
 * finds what it finds reading them itself.
 */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/validation/ajv.js';
import { consistencyCheck, consistencyRun, ruleFieldNames, type ConsistencyRule } from '../../src/validation/consistency-rules.js';

const RULES: ConsistencyRule[] = [
  { id: 'end-not-before-start', field: '/end', notBefore: '/start' },
  { id: 'start-not-after-submission', field: '/start', notAfter: '$submission' },
  { id: 'seen-not-after-end', field: '/seen', notAfter: '/end', severity: 'warning' },
];
const VALUES = [undefined, null, 7, '', '2024-01-02', '2024-01-03T10:00:00Z', '2024-01-03T09:00:00+00:00', '20240101', '2027-01-01', 'x'];
const SUBMITTED = '2026-12-06T04:00:00Z';

function records(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const start of VALUES) for (const end of VALUES) out.push({ start, end, seen: VALUES[(out.length * 7) % VALUES.length] });
  return out;
}

describe('values the cross-field rules compare, read by Ajv', () => {
  it('are passed by name, and give the findings of the check reading them itself', () => {
    const validate = createAjv().compile({ type: 'object', 'x-consistency': RULES });
    expect(validate.toString()).toMatch(/\(data, instancePath, this, data\.end, data\.start, data\.seen\)/);
    const check = consistencyCheck(RULES, '#/x-consistency');
    for (const record of records()) {
      const run = consistencyRun({ submittedAt: SUBMITTED });
      const ours = validate.call(run, record);
      const alone = consistencyRun({ submittedAt: SUBMITTED });
      const errors = check(record, '', alone);
      expect(ours, JSON.stringify(record)).toBe(errors === null);
      expect(validate.errors ?? null, JSON.stringify(record)).toEqual(errors);
      expect(run.warnings, JSON.stringify(record)).toEqual(alone.warnings);
    }
  });

  it('are read by the check itself for a nested field or a name an object inherits', () => {
    expect(ruleFieldNames([{ id: 'a', field: '/a/b', notBefore: '/c' }])).toBeUndefined();
    expect(ruleFieldNames([{ id: 'a', field: '/constructor', notBefore: '/c' }])).toBeUndefined();
    expect(ruleFieldNames(RULES)).toEqual(['end', 'start', 'seen']);
    const validate = createAjv().compile({ type: 'object', 'x-consistency': [{ id: 'a', field: '/constructor', notBefore: '/c' }] });
    expect(validate.toString()).toMatch(/\(data, instancePath, this\)/);
    expect(validate.call(consistencyRun({ submittedAt: SUBMITTED }), { c: '2024-01-02' })).toBe(true);
    expect(validate.call(consistencyRun({ submittedAt: SUBMITTED }), { c: '2024-01-02', constructor: '2024-01-01' })).toBe(false);
  });
});
