/**
 * The scorecard on a small fixture whose every figure is computed by hand below, the DQMI methodology's
 * worked item scores, "not measured" for what a standard does not declare, and recomputation.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import type { InputFormat } from '../../src/validation/report-types.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { dqmiItemScore } from '../../src/quality/dimensions/dqmi.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import type { Scorecard } from '../../src/quality/types.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'seen'],
  'x-expected': ['ethnicity'],
  'x-consistency': [{ id: 'left-not-before-seen', field: '/left', notBefore: '/seen' }],
  properties: {
    id: { type: 'string' },
    seen: { type: 'string', format: 'date' },
    left: { type: 'string', format: 'date' },
    ethnicity: { type: 'string', enum: ['A', 'B', 'Z', '99'], 'x-default-codes': ['99'] },
    note: { type: 'string', maxLength: 5 },
  },
};
const declared = { recordKey: ['/id'], eventDate: '/seen', submissionDeadline: 'P30D', quality: { defaultThresholds: { '/ethnicity': 0.1 } } };
const submittedAt = new Date('2026-03-31T12:00:00Z'); // cut-off: events on or after 2026-03-01T12:00Z (dates from 1 March) are on time

// Ten records. By hand:
//  - record 4 repeats id 1, record 9 repeats id 2  -> 2 duplicates of 10 keyed
//  - record 5 leaves before it was seen              -> 1 consistency failure of 10
//  - records 6 and 7 were seen in January             -> 2 late of 10 with a seen date
//  - ethnicity: absent in 8 and 10; '99' in 2, 3, 9   -> filled 8; 3 defaults (threshold 10% of 10 = 1, excess 2)
//  - record 10 has a note too long                   -> invalid, as is record 5 (consistency)
const records = [
  { id: 'a', seen: '2026-03-05', ethnicity: 'A' },
  { id: 'b', seen: '2026-03-06', ethnicity: '99' },
  { id: 'c', seen: '2026-03-07', ethnicity: '99' },
  { id: 'a', seen: '2026-03-08', ethnicity: 'B' },
  { id: 'e', seen: '2026-03-09', left: '2026-03-01', ethnicity: 'Z' },
  { id: 'f', seen: '2026-01-10', ethnicity: 'A' },
  { id: 'g', seen: '2026-01-11', ethnicity: 'A' },
  { id: 'h', seen: '2026-03-12' },
  { id: 'b', seen: '2026-03-13', ethnicity: '99' },
  { id: 'j', seen: '2026-03-14', note: 'far too long' },
];

async function scorecardOf(text: string, format: InputFormat): Promise<Scorecard> {
  const validators = new Validators();
  const version = validators.compile({ id: 'q', version: '1.0.0', contentHash: 'q1' }, 'https://conform.invalid/standards/q/1.0.0', schema);
  const pass = scorecardPass(validators.ajv, schema, 'https://conform.invalid/standards/q/1.0.0', declared, submittedAt);
  await validateStream([Buffer.from(text)], version, { format, observer: pass.observer });
  return pass.scorecard();
}

const ndjson = records.map((r) => JSON.stringify(r)).join('\n');
const csv = [
  'id,seen,left,ethnicity,note',
  ...records.map((r) => ['id', 'seen', 'left', 'ethnicity', 'note'].map((k) => (r as Record<string, string | undefined>)[k] ?? '').join(',')),
].join('\n');

describe('DQMI item scores', () => {
  it("reproduce the methodology's worked examples", () => {
    expect(dqmiItemScore(2500, 2400, 100, 0.02)).toBe(94.0);
    expect(dqmiItemScore(1000, 900, 900, 0)).toBe(0.0);
    expect(dqmiItemScore(1000, 1000, 100, 0.035)).toBe(93.5);
  });
});

describe('the scorecard of a hand-computed fixture', () => {
  it('scores every dimension with the counts behind it', async () => {
    const card = await scorecardOf(ndjson, 'ndjson');
    const d = card.dimensions;
    expect(d.validity).toMatchObject({ measured: true, score: 80, counts: { records: 10, validRecords: 8 } });
    // completeness over id, seen (required) and ethnicity (expected): 10 + 10 + 8 of 30
    expect(d.completeness).toMatchObject({ measured: true, score: 93.3, counts: { filled: 28, cells: 30, fields: 3 } });
    expect(d.completeness.fields).toContainEqual({ field: '/ethnicity', score: 80, filled: 8, records: 10, kind: 'expected' });
    expect(d.uniqueness).toMatchObject({ measured: true, score: 80, counts: { keyed: 10, duplicates: 2, missingKey: 0 } });
    expect(d.consistency).toMatchObject({ measured: true, score: 90, counts: { assessed: 10, failed: 1 } });
    expect(d.timeliness).toMatchObject({ measured: true, score: 80, counts: { assessed: 10, onTime: 8, unassessable: 0 } });
    // defaults, among the 8 given ethnicity values: 3 defaults, excess 3 − 0.1 × 10 = 2 -> (8 − 2) / 8 = 75 (blanks are completeness's)
    expect(d.defaults).toMatchObject({ measured: true, score: 75 });
    expect(d.defaults.fields).toEqual([{ field: '/ethnicity', score: 75, filled: 8, defaults: 3, threshold: 0.1, records: 10, defaultsInExcess: 2 }]);
    // the DQMI item scores, beside the dimensions: id 100, seen 100, ethnicity (8 − 2) / 10 = 60 -> mean 86.7
    expect(card.dqmi).toMatchObject({ measured: true, score: 86.7 });
    expect(card.dqmi.fields).toContainEqual({
      field: '/ethnicity',
      score: 60,
      records: 10,
      validAndComplete: 8,
      defaults: 3,
      threshold: 0.1,
      defaultsInExcess: 2,
    });
    // weighted mean: (80×30 + 93.3×20 + 80×15 + 90×15 + 80×10 + 75×10) / 100 = 83.7; validity 80 is below the
    // default gate of 95, so the overall is capped at validity and the scorecard says it fails validity
    expect(card.weightedMean).toBe(83.7);
    expect(card).toMatchObject({ validity: 80, status: 'fails-validity', failsValidity: true, validityGate: 95, overall: 80 });
    expect(Object.keys(card)[0]).toBe('validity');
    expect(card.accuracy.measured).toBe(false);
  });

  it('is the same from JSON, NDJSON and CSV, and recomputes from its own plan and counts', async () => {
    const fromNdjson = await scorecardOf(ndjson, 'ndjson');
    expect(await scorecardOf(JSON.stringify(records), 'json')).toEqual(fromNdjson);
    expect(await scorecardOf(csv, 'csv')).toEqual(fromNdjson);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(fromNdjson)) as Scorecard)).toEqual(fromNdjson);
  });

  it('reports what a standard does not declare as not measured, never as 100', async () => {
    const version = new Validators().compile({ id: 'n', version: '1.0.0', contentHash: 'n1' }, 'https://conform.invalid/standards/n/1.0.0', {
      type: 'object',
      properties: { a: { type: 'string' } },
    });
    const pass = scorecardPass(
      new Validators().ajv,
      { type: 'object', properties: { a: { type: 'string' } } },
      'https://conform.invalid/standards/n/1.0.0',
      {},
      submittedAt,
    );
    await validateStream([Buffer.from('{"a":"x"}\n{"a":"y"}\n')], version, { format: 'ndjson', observer: pass.observer });
    const card = pass.scorecard();
    for (const name of ['completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const) {
      expect(card.dimensions[name]).toMatchObject({ measured: false, score: null, note: expect.any(String) });
    }
    expect(card.dimensions.validity.score).toBe(100);
    expect(card.overall).toBe(100); // validity alone is measured
  });
});

describe('timeliness near the cut-off', () => {
  it('settles far dates as text and parses those within a day of the cut-off, offsets included', async () => {
    const near = [
      { id: 'n1', seen: '2026-03-01' }, // the whole UK day 1 March, which reaches the 12:00Z cut-off -> on time
      { id: 'n2', seen: '2026-03-02' }, // on time
      { id: 'n3', seen: '2026-02-28' }, // late
    ];
    const validators = new Validators();
    const s = { ...schema, properties: { ...schema.properties, seen: { type: 'string', format: 'date' } } };
    const version = validators.compile({ id: 't', version: '1.0.0', contentHash: 't1' }, 'https://conform.invalid/standards/t/1.0.0', s);
    const pass = scorecardPass(validators.ajv, s, 'https://conform.invalid/standards/t/1.0.0', declared, submittedAt);
    await validateStream([Buffer.from(near.map((r) => JSON.stringify(r)).join('\n'))], version, { format: 'ndjson', observer: pass.observer });
    expect(pass.scorecard().dimensions.timeliness.counts).toEqual({ assessed: 3, onTime: 2, unassessable: 0, afterSubmission: 0 });
  });
});
