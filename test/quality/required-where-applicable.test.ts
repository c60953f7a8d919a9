/**
 * A field that the record schema requires only under a condition (`if`/`then`), and whose `x-applicable`
 * says where it applies, is required where it applies: completeness counts it in those records. CLD's
 * Primary Support Reason is mandatory on assessments, services and reviews; an assessment without it
 * failed validity but completeness read 100, as the field was neither required nor expected.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import { conditionallyRequired } from '../../src/quality/plan.js';

const ID = 'https://conform.invalid/standards/cld-cond/1.0.0';
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['personId', 'eventType'],
  'x-applicable': {
    '/primarySupportReason': { '/eventType': ['Assessment', 'Service'] },
    '/routeOfAccess': { '/eventType': ['Request'] },
    '/cqcLocation': { '/eventType': ['Service'] },
  },
  allOf: [
    {
      if: { properties: { eventType: { enum: ['Assessment', 'Service'] } }, required: ['eventType'] },
      then: { properties: { primarySupportReason: { description: 'mandatory' } }, required: ['primarySupportReason'] },
    },
    {
      if: { properties: { eventType: { const: 'Request' } }, required: ['eventType'] },
      then: { properties: { routeOfAccess: { description: 'mandatory' } }, required: ['routeOfAccess'] },
    },
    // Required on every service, but with no x-applicable: not measured, as before.
    {
      if: { properties: { eventType: { const: 'Service' } }, required: ['eventType'] },
      then: { properties: { serviceType: { description: 'mandatory' } }, required: ['serviceType'] },
    },
  ],
  properties: {
    personId: { type: 'string' },
    eventType: { enum: ['Request', 'Assessment', 'Service'] },
    primarySupportReason: { type: 'string' },
    routeOfAccess: { type: 'string' },
    serviceType: { type: 'string' },
    cqcLocation: { type: 'string' }, // applies to services, but optional there: not measured
  },
};

async function scorecard(records: object[]) {
  const validators = new Validators();
  const version = validators.compile({ id: 'cld-cond', version: '1.0.0', contentHash: 'c1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, {}, new Date('2026-01-01T00:00:00Z'));
  const report = await validateStream([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))], version, {
    format: 'ndjson',
    observer: pass.observer,
  });
  return { report, card: pass.scorecard() };
}

describe('a field required where it applies', () => {
  it('is found from the conditionals of the record schema', () => {
    expect([...conditionallyRequired(schema)]).toEqual(['/primarySupportReason', '/routeOfAccess', '/serviceType']);
    expect([...conditionallyRequired({ if: { required: ['a'] }, then: { required: ['b/c'] }, else: { required: ['d'] } })]).toEqual(['/b~1c', '/d']);
  });

  it('counts in completeness where it applies: an assessment without it is incomplete', async () => {
    const { report, card } = await scorecard([
      { personId: 'p1', eventType: 'Request', routeOfAccess: 'Self-referral' },
      { personId: 'p2', eventType: 'Assessment' }, // Primary Support Reason missing: invalid and incomplete
      { personId: 'p3', eventType: 'Assessment', primarySupportReason: 'Mental Health Support' },
      { personId: 'p4', eventType: 'Service', primarySupportReason: 'Mental Health Support', serviceType: 'Long term' },
    ]);
    expect(report.findings.map((f) => [f.record, f.path, f.rule])).toEqual([[2, '/primarySupportReason', 'required']]);
    // By hand: personId 4 + eventType 4 + primarySupportReason 2 of 3 (assessments and services) + routeOfAccess 1 of 1 (requests) = 11 of 12.
    expect(card.dimensions.completeness).toMatchObject({ score: 91.7, counts: { filled: 11, cells: 12, fields: 4, notApplicable: 4 } });
    expect(card.dimensions.completeness.fields).toEqual([
      { field: '/personId', score: 100, filled: 4, records: 4, kind: 'required' },
      { field: '/eventType', score: 100, filled: 4, records: 4, kind: 'required' },
      { field: '/primarySupportReason', score: 66.7, filled: 2, records: 3, kind: 'required', notApplicable: 1 },
      { field: '/routeOfAccess', score: 100, filled: 1, records: 1, kind: 'required', notApplicable: 3 },
    ]);
    expect(card.plan.fields.find((f) => f.field === '/primarySupportReason')).toMatchObject({ required: true, expected: false });
    expect(card.plan.fields.map((f) => f.field)).not.toContain('/serviceType');
    expect(card.plan.fields.map((f) => f.field)).not.toContain('/cqcLocation');
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as typeof card)).toEqual(card);
  });
});
