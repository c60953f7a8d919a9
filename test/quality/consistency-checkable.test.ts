/**
 * Consistency is measured only where a cross-field rule had something to compare. Every rule compares two
 * values (two dates, or a date with the time of receipt or the reporting period) and checks nothing in a
 * record without them; a file where no record gives any rule its values was scored consistency 100
 * ("0 of 3 records fail a cross-field rule") and weighted into the overall (a file of records with no
 * known field read weighted mean 23.1 where 0.0 is right). It is now not measured, with the reason.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import { explainDimension } from '../../src/quality/explain.js';

const ID = 'https://conform.invalid/standards/k/1.0.0';
const schema = {
  type: 'object',
  required: ['id'],
  'x-consistency': [
    { id: 'left-not-before-seen', field: '/left', notBefore: '/seen', message: 'left before seen' },
    { id: 'seen-in-period', field: '/seen', within: '$period', severity: 'warning', message: 'outside the period' },
  ],
  properties: { id: { type: 'string' }, seen: { type: 'string', format: 'date' }, left: { type: 'string', format: 'date' } },
};
const withReceipt = {
  ...schema,
  'x-consistency': [{ id: 'seen-not-in-future', field: '/seen', notAfter: '$submission', message: 'in the future' }],
};

async function card(records: object[], s: object = schema) {
  const validators = new Validators();
  const version = validators.compile({ id: 'k', version: '1.0.0', contentHash: 'k1' }, ID, s);
  const pass = scorecardPass(validators.ajv, s, ID, {}, new Date('2026-03-31T00:00:00Z'));
  await validateStream([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard();
}

describe('consistency where no rule compares anything', () => {
  it('is not measured, with the reason, when no record gives a rule both of its values', async () => {
    // Records 1 and 2 have no dates; record 3 has `seen` but no `left`; the period rule has no period.
    const c = await card([{ id: 'a' }, { id: 'b' }, { id: 'c', seen: '2026-03-01' }]);
    expect(c.dimensions.consistency).toMatchObject({ measured: false, score: null, counts: { assessed: 3, failed: 0, checkable: 0 } });
    expect(explainDimension('consistency', c)).toBe(
      'not measured: no record has the values any cross-field rule compares (3 records read), so no rule checked anything',
    );
    // Not weighted in: validity 100 and completeness 100 alone (before: consistency 100 was weighted in too).
    expect(c.weightedMean).toBe(100);
    expect(recomputeScorecard(c)).toEqual(c);
  });

  it('is measured over every readable record once one record gives a rule its values, as before', async () => {
    // Record 3 leaves before it was seen: 1 of 3 fails, (3 − 1) / 3 = 66.7.
    const c = await card([{ id: 'a' }, { id: 'b', seen: '2026-03-01', left: '2026-03-02' }, { id: 'c', seen: '2026-03-01', left: '2026-02-01' }]);
    expect(c.dimensions.consistency).toMatchObject({ measured: true, score: 66.7, counts: { assessed: 3, failed: 1 } });
    expect(c.counts.consistency).toMatchObject({ checkable: 2 });
  });

  it('a rule against the time of receipt compares whenever its field is given; blank text is not given', async () => {
    const c = await card(
      [
        { id: 'a', seen: '2026-03-01' },
        { id: 'b', seen: '  ' },
      ],
      withReceipt,
    );
    expect(c.counts.consistency).toMatchObject({ assessed: 2, checkable: 1 });
    expect(c.dimensions.consistency).toMatchObject({ measured: true, score: 100 });
    const none = await card([{ id: 'a' }], withReceipt);
    expect(none.dimensions.consistency.measured).toBe(false);
  });
});
