/**
 * Timeliness leaves out an event dated after the submission exactly as the standard's own
 * `notAfter: "$submission"` rule on the event date judges it: the rule's skew and calendar, not the
 * rule's defaults (5 minutes, the UK calendar). Before, a standard allowing an hour for clocks, or counting
 * days in UTC (as the immunisation batch file does), had records its rule accepted left out of timeliness,
 * and records its rule refused judged on time.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { explainDimension } from '../../src/quality/explain.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import type { QualityDeclarations } from '../../src/quality/plan.js';

const declared: QualityDeclarations = { recordKey: ['/id'], eventDate: '/arrived', submissionDeadline: 'P30D' };

function schemaWith(rule: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    type: 'object',
    required: ['id', 'arrived'],
    properties: { id: { type: 'string' }, arrived: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] } },
    ...(rule ? { 'x-consistency': [{ id: 'arrived-not-in-future', field: '/arrived', notAfter: '$submission', ...rule }] } : {}),
  };
}

async function run(rule: Record<string, unknown> | undefined, records: object[], submittedAt: string) {
  const schema = schemaWith(rule);
  const validators = new Validators();
  const id = 'https://conform.invalid/standards/skew/1.0.0';
  const version = validators.compile({ id: 'skew', version: '1.0.0', contentHash: 's1' }, id, schema);
  const pass = scorecardPass(validators.ajv, schema, id, declared, new Date(submittedAt));
  const report = await validateStream([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))], version, {
    format: 'ndjson',
    observer: pass.observer,
    context: { submittedAt },
  });
  const refused = report.findings.filter((f) => f.rule === 'arrived-not-in-future').map((f) => f.record);
  return { card: pass.scorecard(), refused };
}

/*
 * Sent at 22:30Z on 15 July 2026 (23:30 BST).
 *   With the rule's skew PT1H the latest instant is 23:30Z: its UTC date is 15 July, its UK date 16 July (00:30 BST).
 *   With the default PT5M it is 22:35Z: 15 July in both calendars (23:35 BST).
 * 1 22:50Z: 20 minutes after the submission: inside PT1H, outside PT5M.
 * 2 23:45Z: after the submission under either skew.
 * 3 16 July, a date alone: after the UTC day under PT1H and after the UK day under PT5M; not after the UK day under PT1H.
 * 4 14 July, a date alone: before the submission under any settings.
 * Every judged record is on time: the cut-off is the submission − P30D (15 June).
 */
const records = [
  { id: 'r1', arrived: '2026-07-15T22:50:00Z' },
  { id: 'r2', arrived: '2026-07-15T23:45:00Z' },
  { id: 'r3', arrived: '2026-07-16' },
  { id: 'r4', arrived: '2026-07-14' },
];
const sent = '2026-07-15T22:30:00Z';

describe("timeliness and the standard's own rule on the event date", () => {
  it('a skew of an hour and the UTC calendar: the records the rule refuses are exactly those not judged, and the note says by which rule', async () => {
    const { card, refused } = await run({ skew: 'PT1H', calendar: 'utc' }, records, sent);
    expect(refused).toEqual([2, 3]);
    const t = card.dimensions.timeliness;
    expect(t.counts).toEqual({ assessed: 2, onTime: 2, unassessable: 0, afterSubmission: 2 });
    expect(t.score).toBe(100);
    expect(t.note).toContain(
      "2 records dated after the submission (15 July 2026 at 23:30 BST, with 1 hour for clocks that differ; a date without a time after 15 July 2026, its UTC day, as the standard's rule arrived-not-in-future judges it) were not judged",
    );
    expect(explainDimension('timeliness', card)).toContain('; 2 records dated after the submission were not judged');
  });

  it('a skew of an hour on the UK calendar: a date alone of the UK day the skew reaches is judged', async () => {
    const { card, refused } = await run({ skew: 'PT1H' }, records, sent);
    expect(refused).toEqual([2]);
    expect(card.dimensions.timeliness.counts).toEqual({ assessed: 3, onTime: 3, unassessable: 0, afterSubmission: 1 });
  });

  it("the rule's defaults (PT5M, the UK calendar) when the rule gives none: the same records as the rule", async () => {
    const { card, refused } = await run({}, records, sent);
    expect(refused).toEqual([1, 2, 3]);
    expect(card.dimensions.timeliness.counts).toEqual({ assessed: 1, onTime: 1, unassessable: 0, afterSubmission: 3 });
  });

  it('the defaults when the standard has no such rule', async () => {
    const { card, refused } = await run(undefined, records, sent);
    expect(refused).toEqual([]);
    expect(card.dimensions.timeliness.counts).toEqual({ assessed: 1, onTime: 1, unassessable: 0, afterSubmission: 3 });
    expect(card.dimensions.timeliness.note).toContain(
      'with 5 minutes for clocks that differ; a date without a time after 15 July 2026, its UK day) were not judged',
    );
  });
});

describe('a stored scorecard recomputed', () => {
  it("keeps the standard's rule: its note is the same", async () => {
    const { card } = await run({ skew: 'PT1H', calendar: 'utc' }, records, sent);
    const stored = JSON.parse(JSON.stringify(card)) as typeof card;
    expect(recomputeScorecard(stored).dimensions.timeliness).toEqual(card.dimensions.timeliness);
  });
});
