/**
 * Completeness as an analyst reads "over N fields" when a field applies to no record in the file (a
 * field of review events in a file without reviews, `x-applicable`): it is not a field measured, it
 * neither lowers nor raises the figure, and the words say how many fields were measured and how many
 * applied to none. Before, such a field was counted among the fields ("over 4 fields" where 3 were).
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { explainDimension } from '../../src/quality/explain.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import type { Scorecard } from '../../src/quality/types.js';

const ID = 'https://conform.invalid/standards/none-apply/1.0.0';
const schema = {
  type: 'object',
  required: ['personId', 'eventType'],
  'x-expected': ['primarySupportReason', 'reviewReason'],
  'x-applicable': {
    '/primarySupportReason': { '/eventType': ['Assessment', 'Service', 'Review'] },
    '/reviewReason': { '/eventType': ['Review'] },
  },
  properties: {
    personId: { type: 'string' },
    eventType: { enum: ['Request', 'Assessment', 'Service', 'Review'] },
    primarySupportReason: { type: 'string' },
    reviewReason: { type: 'string' },
  },
};

async function scorecard(records: object[]): Promise<Scorecard> {
  const validators = new Validators();
  const version = validators.compile({ id: 'none-apply', version: '1.0.0', contentHash: 'n1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, {}, new Date('2026-01-01T00:00:00Z'));
  await validateStream([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard();
}

describe('completeness when a field applies to no record', () => {
  /*
   * Two requests (the first with a review reason given where it does not apply) and two assessments, one
   * without its Primary Support Reason; no review. By hand: personId 4 of 4, eventType 4 of 4,
   * primarySupportReason 1 of the 2 assessments; reviewReason applies to none: not measured.
   * Filled 4 + 4 + 1 = 9 of 4 + 4 + 2 = 10 cells: 90.0, over 3 fields; 1 applies to no record. Places
   * where a field does not apply: primarySupportReason 2 (the requests) + reviewReason 4 = 6.
   */
  const records = [
    { personId: 'p1', eventType: 'Request', reviewReason: 'given where it does not apply' },
    { personId: 'p2', eventType: 'Request' },
    { personId: 'p3', eventType: 'Assessment', primarySupportReason: 'Learning Disability Support' },
    { personId: 'p4', eventType: 'Assessment' },
  ];

  it('counts the fields measured, not the field that applies to none, in the counts, the note and the words', async () => {
    const card = await scorecard(records);
    const c = card.dimensions.completeness;
    expect(c.score).toBe(90);
    expect(c.counts).toEqual({ filled: 9, cells: 10, fields: 3, fieldsApplyingToNone: 1, notApplicable: 6 });
    expect(c.fields!.map((f) => f.field)).toEqual(['/personId', '/eventType', '/primarySupportReason']);
    expect(c.note).toBe(
      '6 places where a field does not apply to its record (the standard says when each field applies) are not counted; 1 field applies to no record in the file and is not measured (reviewReason)',
    );
    const words = '9 of 10 required and expected values filled, over 3 fields; 1 more field applies to no record in the file and is not measured';
    expect(explainDimension('completeness', card)).toBe(words);
    expect(formatScorecard(card)).toContain(words);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as Scorecard)).toEqual(card);
  });

  it('a value given in the field that applies to none neither raises nor lowers the figure (it did not before either)', async () => {
    const without = await scorecard(records.map(({ reviewReason: _, ...r }: Record<string, unknown>) => r));
    expect((await scorecard(records)).dimensions.completeness.score).toBe(without.dimensions.completeness.score);
  });
});
