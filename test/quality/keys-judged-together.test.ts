/**
 * On one thread the collector judges record keys a few hundred at a time (collector.ts settleKeys, so the
 * key set's cache misses overlap): whatever is read of it, at any moment, must count every key observed
 * so far, in record order, as judging each key at once did.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { scorecardPass } from '../../src/quality/observer.js';
import type { QualityCollector } from '../../src/quality/collector.js';

const ID = 'https://conform.invalid/standards/keys-together/1.0.0';
const schema = { type: 'object', properties: { personId: { type: 'string' } } };

function pass() {
  const validators = new Validators();
  const quality = scorecardPass(validators.ajv, schema, ID, { recordKey: ['/personId'] }, new Date('2026-01-01T00:00:00Z'));
  return { quality, collector: quality.observer.main as QualityCollector };
}

describe('keys judged together on one thread', () => {
  it('count every key observed so far, whenever the counts, duplicates or near-duplicates are read', () => {
    const { quality, collector } = pass();
    // Record 1's key again as record 3, and in lower case as record 4: read before any batch is full.
    ['P1', 'P2', 'P1', 'p1'].forEach((personId, i) => collector.observe({ personId }, undefined, i + 1));
    expect(collector.counts.uniqueness).toEqual({ keyed: 4, duplicates: 1, missingKey: 0, capped: false });
    expect(collector.duplicates.findings(['personId']).map((f) => [f.record, f.line])).toEqual([[3, 3]]);
    expect(collector.nearDuplicates.findings(['personId']).map((f) => [f.record, f.line])).toEqual([[4, 4]]);
    // Then past several batches (not a multiple of any), each thousandth record repeating record 5's key.
    for (let r = 5; r <= 2_999; r++) collector.observe({ personId: r % 1000 === 0 ? 'P5' : `P${r}` }, undefined, r);
    expect(quality.duplicateFindings().map((f) => [f.rule, f.record])).toEqual([
      ['duplicate-key', 3],
      ['near-duplicate-key', 4],
      ['duplicate-key', 1000],
      ['duplicate-key', 2000],
    ]);
    expect(quality.scorecard().dimensions.uniqueness.counts).toEqual({ keyed: 2_999, duplicates: 3, missingKey: 0, capped: false });
  });
});
