/** The diff's explanation of a format replaced by a nested one (src/validation/format-subsets.ts). */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';

const record = (format: string): Record<string, unknown> => ({
  type: 'object',
  properties: { code: { type: 'string', format } },
  additionalProperties: false,
});

function change(before: string, after: string) {
  const shared = new Map<string, unknown>();
  const changes = diffSchemas(
    { schema: record(before), id: 'https://conform.invalid/standards/t/1.0.0', shared },
    { schema: record(after), id: 'https://conform.invalid/standards/t/2.0.0', shared },
  );
  expect(changes).toHaveLength(1);
  return changes[0]!;
}

describe('a format replaced by one it nests with', () => {
  it('narrowing says so, and that old data may be refused (suppliers only)', () => {
    const c = change('ods-code', 'ods-trust');
    expect(c).toMatchObject({ kind: 'format-narrowed', path: '/code', breaksSuppliers: true, breaksConsumers: false, before: 'ods-code', after: 'ods-trust' });
    expect(c.explanation).toBe(
      'format narrowed from ods-code to ods-trust (ods-trust accepts only some of the values ods-code accepts): old data may now be rejected',
    );
    expect(c.undecidable).toBeUndefined();
  });

  it('widening says so, and breaks consumers only', () => {
    const c = change('sctid-concept', 'sctid');
    expect(c).toMatchObject({ kind: 'format-widened', breaksSuppliers: false, breaksConsumers: true });
    expect(c.explanation).toMatch(/^format widened from sctid-concept to sctid \(every value sctid-concept accepts, sctid accepts too\)/);
  });

  it('formats that do not nest stay undecidable', () => {
    const c = change('ods-trust', 'ods-site');
    expect(c).toMatchObject({ kind: 'format-changed', undecidable: true, breaksSuppliers: true, breaksConsumers: true });
  });
});
