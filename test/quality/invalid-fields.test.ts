/**
 * A field is counted invalid once per record when an error is about it: at its pointer or anywhere inside
 * it, nested fields and several errors alike, and only when the record gives it a value.
 */
import { describe, expect, it } from 'vitest';
import { QualityCollector } from '../../src/quality/collector.js';
import type { FieldPlan, QualityPlan } from '../../src/quality/types.js';
import type { Finding } from '../../src/validation/report-types.js';

const field = (pointer: string): FieldPlan => ({
  pointer,
  segments: pointer.split('/').slice(1),
  required: false,
  expected: false,
  defaultCodes: [],
  threshold: 0,
});

const plan: QualityPlan = {
  fields: ['/a', '/a/b', '/ab', '/c', '/d'].map(field),
  recordKey: null,
  eventDate: null,
  submissionDeadline: null,
  consistencyRules: [],
  submittedAt: '2026-12-01T00:00:00Z',
  period: null,
  validityGate: 0.9,
};

const error = (path: string, severity: Finding['severity'] = 'error'): Finding => ({ record: 1, line: 1, path, rule: 'type', message: 'm', severity });

describe('invalid values per field', () => {
  it('counts a field and the fields around an error once per record, and not a field whose name only starts the same', () => {
    const collector = new QualityCollector(plan);
    const record = { a: { b: [1, 'x'] }, ab: 'y', c: 'z', d: '' };
    // Two errors inside /a/b, one at /c, one warning at /ab; /d has an error but no value.
    collector.observe(record, [error('/a/b/1'), error('/a/b'), error('/c'), error('/ab', 'warning'), error('/d')]);
    collector.observe(record, [error('/a/b/0/deeper')]);
    // An error about a field that is not in the plan, whose name starts as /a's does.
    collector.observe(record, [error('/abc')]);
    collector.observe(record, undefined);
    const invalid = Object.fromEntries(Object.entries(collector.counts.fields).map(([p, c]) => [p, c.invalid]));
    expect(invalid).toEqual({ '/a': 2, '/a/b': 2, '/ab': 0, '/c': 1, '/d': 0 });
    expect(collector.counts.validRecords).toBe(1);
  });

  it('counts the same through a worker state absorbed by the main collector', () => {
    const worker = new QualityCollector(plan, true);
    worker.observe({ a: { b: 1 }, c: 1 }, [error('/a/b'), error('/c')]);
    const main = new QualityCollector(plan);
    main.absorb(worker.state());
    main.absorb((worker.observe({ c: 2 }, [error('/c')]), worker.state()));
    expect(main.counts.fields['/a']!.invalid).toBe(1);
    expect(main.counts.fields['/a/b']!.invalid).toBe(1);
    expect(main.counts.fields['/c']!.invalid).toBe(2);
  });
});

describe('an error deep inside nested data', () => {
  it('is counted against the field above it, with the path looked up only to the deepest field', () => {
    const collector = new QualityCollector(plan);
    const deep = `/a/b${'/0/x'.repeat(50_000)}`;
    collector.observe({ a: { b: [] } }, [error(deep)]);
    expect(collector.counts.fields['/a']!.invalid).toBe(1);
    expect(collector.counts.fields['/a/b']!.invalid).toBe(1);
  });
});
