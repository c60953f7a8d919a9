/**
 * A score reads 100.0 only when nothing counted against it, and 0.0 only when nothing counted for it.
 * Rounded to the nearest tenth, 2,499 of 2,500 (99.96) read 100.0: a file with an invalid record, a
 * duplicate, a late record and a default code in excess showed 100.0 for each dimension and overall, and
 * met a validity gate of 100%. It now reads 99.9 (and 1 of 2,500, 0.04, reads 0.1, not 0.0).
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import { qualityTrends } from '../../src/quality/trends.js';
import { score1 } from '../../src/quality/dimensions/shared.js';
import type { QualityDeclarations } from '../../src/quality/plan.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';
import { explainDimension } from '../../src/quality/explain.js';

const ID = 'https://conform.invalid/standards/r/1.0.0';
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'seen', 'code'],
  'x-consistency': [{ id: 'left-not-before-seen', field: '/left', notBefore: '/seen', message: 'left before seen' }],
  properties: {
    id: { type: 'string' },
    seen: { type: 'string', format: 'date' },
    left: { type: 'string', format: 'date' },
    code: { enum: ['A', 'B', 'Z'], 'x-default-codes': ['Z'] },
  },
};

type Fault = 'invalid' | 'duplicate' | 'late' | 'inconsistent' | 'default';
const ALL: Fault[] = ['invalid', 'duplicate', 'late', 'inconsistent', 'default'];

/** `n` records, with one record of each fault given: invalid, a duplicate, late, inconsistent, a default code. */
async function scorecardOf(n: number, declared: QualityDeclarations = {}, faults: Fault[] = ALL) {
  const odd = new Set(faults);
  const validators = new Validators();
  const version = validators.compile({ id: 'r', version: '1.0.0', contentHash: 'r1' }, ID, schema);
  const pass = scorecardPass(
    validators.ajv,
    schema,
    ID,
    { recordKey: ['/id'], eventDate: '/seen', submissionDeadline: 'P30D', ...declared },
    new Date('2026-03-31T00:00:00Z'),
  );
  const lines = Array.from({ length: n }, (_, i) => {
    // Each record leaves after it was seen, so the rule compares something in each (consistency-checkable.test.ts).
    const r: Record<string, unknown> = { id: `r${i}`, seen: '2026-03-20', left: '2026-03-21', code: 'A' };
    if (odd.has('invalid') && i === 1) r.code = 'Q'; // invalid
    if (odd.has('duplicate') && i === 2) r.id = 'r3'; // a duplicate of the next
    if (odd.has('late') && i === 4) r.seen = '2026-01-02'; // late
    if (odd.has('inconsistent') && i === 5) r.left = '2026-03-01'; // left before it was seen
    if (odd.has('default') && i === 6) r.code = 'Z'; // a default code, 0% tolerated
    return JSON.stringify(r);
  });
  await validateStream([Buffer.from(lines.join('\n'))], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard();
}

describe('scores near 100 and 0', () => {
  it('round so that 100.0 means nothing counted against the figure, and 0.0 nothing for it', () => {
    expect(score1(100)).toBe(100);
    expect(score1(99.96)).toBe(99.9);
    expect(score1(99.95)).toBe(99.9);
    expect(score1(99.94)).toBe(99.9);
    expect(score1(99.84)).toBe(99.8);
    expect(score1(0)).toBe(0);
    expect(score1(0.04)).toBe(0.1);
    expect(score1(0.05)).toBe(0.1);
    expect(score1(0.16)).toBe(0.2);
    expect(score1(50.05)).toBe(50.1);
  });

  it('show a file with one fault of each kind in 2,500 records as 99.9, never 100.0', async () => {
    const card = await scorecardOf(2500);
    // By hand: validity 2,498 / 2,500 (records 2 and 6 fail: a bad code, left before seen) = 99.92;
    // uniqueness 2,499 / 2,500 = 99.96; timeliness 2,499 / 2,500; consistency 2,499 / 2,500;
    // defaults (2,499 given − 1 in excess) / 2,499 = 99.96; completeness 7,500 of 7,500 = 100.
    expect(card.counts.validRecords).toBe(2498);
    const d = card.dimensions;
    expect([d.validity.score, d.uniqueness.score, d.timeliness.score, d.consistency.score, d.defaults.score]).toEqual([99.9, 99.9, 99.9, 99.9, 99.9]);
    expect(d.completeness.score).toBe(100);
    expect(d.validity.fields!.find((f) => f.field === '/code')).toMatchObject({ present: 2500, invalid: 1, score: 99.9 });
    // 7,499 of 7,500 values (99.99%), grouped as the counts beside it are.
    expect(d.validity.note).toBe('99.9% of the 7,500 values of measured fields pass the schema');
    expect(d.defaults.fields![0]).toMatchObject({ defaults: 1, defaultsInExcess: 1, score: 99.9 });
    expect(card.dqmi.fields!.find((f) => f.field === '/code')!.score).toBe(99.9);
    expect(card.weightedMean).toBe(99.9);
    expect(card.overall).toBe(99.9);
    expect(card.dqmi.score).toBe(99.9);
    const table = formatScorecard(card);
    expect(table).toContain('Data quality: overall 99.9 of 100');
    expect(table).toMatch(/ {2}uniqueness +99\.9 +15 {2}1 duplicate key among 2,500 keyed records/);
    expect(table).not.toMatch(/(validity|uniqueness|consistency|timeliness|defaults) +100\.0/);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as typeof card)).toEqual(card);
  });

  it('say an excess of default codes too small to show to one decimal as "under 0.1", never 0, beside 99.9, and a tiny threshold as itself', async () => {
    // 2,500 records, one default code, 0.039% tolerated: 0.975 allowed, 0.025 in excess, (2,500 − 0.025) / 2,500 = 99.999.
    const card = await scorecardOf(2500, { quality: { defaultThresholds: { '/code': 0.00039 } } }, ['default']);
    expect(card.dimensions.defaults).toMatchObject({ score: 99.9, counts: { defaults: 1, defaultsInExcess: 0 } });
    expect(explainDimension('defaults', card)).toBe(
      '1 default code among 2,500 values given in 1 field, under 0.1 in excess of the tolerated shares (code 0.039%)',
    );
    // Within the tolerated share, it is 0 beside 100.
    const within = await scorecardOf(2500, { quality: { defaultThresholds: { '/code': 0.001 } } }, ['default']);
    expect(explainDimension('defaults', within)).toContain('0 in excess');
  });

  it('keep 100.0 for a file with nothing against it', async () => {
    const card = await scorecardOf(2500, {}, []);
    expect(card.overall).toBe(100);
    expect(Object.values(card.dimensions).map((d) => d.score)).toEqual([100, 100, 100, 100, 100, 100]);
  });

  it('fail a gate of 100% when one record in 2,500 fails', async () => {
    const card = await scorecardOf(2500, { quality: { validityGate: 1 } }, ['invalid']); // 2,499 of 2,500: 99.96
    expect(card).toMatchObject({ validity: 99.9, validityGate: 100, status: 'fails-validity', failsValidity: true });
  });

  it('keep a supplier mean of 100 and 99.9 below 100', () => {
    const trends = qualityTrends('r', [], [{ organisation: 'RH8', submissions: 2, meanOverall: 99.95, latestOverall: 99.9, latestAt: '2026-03-31T00:00:00Z' }]);
    expect(trends.suppliers[0]!.meanOverall).toBe(99.9);
  });
});

describe('a mean over fields', () => {
  it('is the mean of the fields’ own figures, not of their rounded scores', async () => {
    const id = 'https://conform.invalid/standards/m/1.0.0';
    const codes = { enum: ['Y', 'N', 'U'], 'x-default-codes': ['U'] };
    const meanSchema = { type: 'object', properties: { gp: codes, eth: codes, psr: codes, pc: codes } };
    const validators = new Validators();
    const version = validators.compile({ id: 'm', version: '1.0.0', contentHash: 'm1' }, id, meanSchema);
    const pass = scorecardPass(validators.ajv, meanSchema, id, { quality: { defaultThresholds: { '/gp': 0.02 } } }, new Date('2026-03-31T00:00:00Z'));
    // Twelve records; gp and eth each have one default code (gp tolerates 2%, eth 0%).
    const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ gp: i === 0 ? 'U' : 'Y', eth: i === 1 ? 'U' : 'Y', psr: 'Y', pc: 'N' }));
    await validateStream([Buffer.from(lines.join('\n'))], version, { format: 'ndjson', observer: pass.observer });
    const card = pass.scorecard();
    // By hand: gp (12 − (1 − 0.02 × 12)) / 12 = 93.667, eth (12 − 1) / 12 = 91.667, psr and pc 100:
    // mean 96.333, so 96.3. The mean of the rounded 93.7 and 91.7 with two 100s is 96.35, which read 96.4.
    expect(card.dimensions.defaults.fields!.map((f) => f.score)).toEqual([93.7, 91.7, 100, 100]);
    expect(card.dimensions.defaults.score).toBe(96.3);
    // The DQMI items are the same here (every value valid and given): the same mean.
    expect(card.dqmi.score).toBe(96.3);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as typeof card)).toEqual(card);
  });
});
