/**
 * What is behind each figure, in words built from the scorecard's own counts (the CLI table and the
 * report page both say it): the defaults dimension names its totals and each field's tolerated share,
 * a share such as the DQMI's 3.5% is not rounded to 4%, a dimension with nothing to measure says
 * "not measured" with the reason, and the words agree with the JSON figures.
 */
import { describe, expect, it } from 'vitest';
import { computeScorecard } from '../../src/quality/scorecard.js';
import { explainDimension, fieldName, fieldShares, percentText, periodNotGiven } from '../../src/quality/explain.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';
import type { QualityCounts, QualityPlan } from '../../src/quality/types.js';

const plan: QualityPlan = {
  fields: [
    { pointer: '/postcode', segments: ['postcode'], required: true, expected: false, defaultCodes: ['ZZ99 3WZ'], format: 'uk-postcode', threshold: 0 },
    { pointer: '/ethnicCategory', segments: ['ethnicCategory'], required: false, expected: true, defaultCodes: ['99'], threshold: 0.035 },
  ],
  recordKey: [['id']],
  eventDate: null,
  submissionDeadline: null,
  consistencyRules: [],
  submittedAt: '2026-12-01T09:00:00.000Z',
  period: null,
  validityGate: 0.95,
};
// 1,000 records: postcode given in all, 40 ZZ99 3WZ; ethnic category given in 900, 100 of them 99 (DQMI's
// worked example: 3.5% of 1,000 tolerated, 65 in excess). One duplicate key.
const counts: QualityCounts = {
  records: 1000,
  validRecords: 1000,
  unreadableRecords: 0,
  fields: { '/postcode': { present: 1000, invalid: 0, defaults: 40 }, '/ethnicCategory': { present: 900, invalid: 0, defaults: 100 } },
  uniqueness: { keyed: 1000, duplicates: 1, missingKey: 0, capped: false },
  consistency: null,
  timeliness: null,
};
const card = computeScorecard(plan, counts);

describe('the words behind each figure', () => {
  it('give the defaults totals, the excess and each field’s tolerated share, as the JSON counts do', () => {
    expect(card.dimensions.defaults.counts).toEqual({ fields: 2, records: 1000, filled: 1900, defaults: 140, defaultsInExcess: 105 });
    expect(explainDimension('defaults', card)).toBe(
      '140 default codes among 1,900 values given in 2 fields, 105 in excess of the tolerated shares (postcode 0%, ethnicCategory 3.5%)',
    );
  });

  it('say a share to one decimal when it has one (3.5%, not 4%)', () => {
    expect(percentText(0.035)).toBe('3.5%');
    expect(percentText(0.02)).toBe('2%');
    expect(percentText(0)).toBe('0%');
    expect(percentText(0.005)).toBe('0.5%');
    expect(percentText(0.00039)).toBe('0.039%'); // not 0% when a share is tolerated
  });

  it('count in the singular and plural a reader expects', () => {
    expect(explainDimension('uniqueness', card)).toBe('1 duplicate key among 1,000 keyed records');
    expect(explainDimension('validity', card)).toBe('1,000 of 1,000 records pass the schema');
  });

  it('say "not measured" and why for a dimension the standard gives nothing to measure, never a 0', () => {
    expect(card.dimensions.consistency).toMatchObject({ measured: false, score: null });
    expect(explainDimension('consistency', card)).toBe('not measured: the standard declares no cross-field rules');
    const text = formatScorecard(card);
    expect(text).toMatch(/^ {2}consistency +n\/a +- +not measured: the standard declares no cross-field rules$/m);
    expect(text).toMatch(/^ {2}timeliness +n\/a +- +not measured: /m);
  });

  it('show the same threshold in the CLI per-field table', () => {
    const text = formatScorecard(card);
    expect(text).toMatch(/^ {2}ethnicCategory .* 100 \(3\.5% allowed\)/m);
    expect(text).toMatch(/^ {2}postcode .* 40 \(0% allowed\)/m);
    expect(text).toContain('140 default codes among 1,900 values given in 2 fields, 105 in excess of the tolerated shares');
  });
});

describe('the per-field shares', () => {
  // Ethnic category filled in 10 of 1,000 records, and 9 of those 10 valid: 90% valid is of the values filled.
  const sparse = computeScorecard(plan, {
    ...counts,
    validRecords: 999,
    fields: { ...counts.fields, '/ethnicCategory': { present: 10, invalid: 1, defaults: 0 } },
  });

  it('give the counts behind each: filled of the records, valid of the values filled', () => {
    expect(fieldShares(sparse, '/ethnicCategory')).toEqual({ filled: '1.0 (10 of 1,000)', valid: '90.0 (9 of 10)' });
    expect(fieldShares(sparse, '/postcode')).toEqual({ filled: '100.0 (1,000 of 1,000)', valid: '100.0 (1,000 of 1,000)' });
    expect(fieldShares(sparse, '/unmeasured')).toEqual({});
  });

  it('show them so in the CLI per-field table, whose headers say what each is a share of', () => {
    const text = formatScorecard(sparse);
    expect(text).toContain('Per field (filled: % of the records where the field applies; valid: % of the values filled):');
    expect(text).toMatch(/^ {2}field +filled % \(of records\) +valid % \(of filled\) +defaults +DQMI item$/m);
    expect(text).toMatch(/^ {2}ethnicCategory +1\.0 \(10 of 1,000\) +90\.0 \(9 of 10\) +0 \(3\.5% allowed\)/m);
  });

  it('give the figure alone for a scorecard stored without the counts', () => {
    const old = structuredClone(sparse);
    old.dimensions.completeness.fields = old.dimensions.completeness.fields!.map((f) => ({ field: f.field, score: f.score }));
    old.dimensions.validity.fields = old.dimensions.validity.fields!.map((f) => ({ field: f.field, score: f.score }));
    expect(fieldShares(old, '/ethnicCategory')).toEqual({ filled: '1.0', valid: '90.0' });
  });
});

describe('the notes beside a figure', () => {
  it('count one record in the singular', () => {
    const one = computeScorecard(
      { ...plan, eventDate: ['seen'], submissionDeadline: 'P30D' },
      {
        ...counts,
        uniqueness: { keyed: 999, duplicates: 0, missingKey: 1, capped: false },
        timeliness: { assessed: 999, onTime: 999, unassessable: 1 },
      },
    );
    expect(one.dimensions.uniqueness.note).toBe('1 record without a complete key is not counted');
    expect(one.dimensions.timeliness.note).toMatch(/; 1 record without a valid event date is not counted$/);
    const two = computeScorecard(plan, { ...counts, uniqueness: { keyed: 998, duplicates: 0, missingKey: 2, capped: false } });
    expect(two.dimensions.uniqueness.note).toBe('2 records without a complete key are not counted');
  });
});

describe('an empty submission', () => {
  it('gives one reason for every dimension it cannot measure: it has no records', () => {
    const empty = computeScorecard(
      { ...plan, eventDate: ['seen'], submissionDeadline: 'P30D', consistencyRules: ['r'] },
      {
        ...counts,
        records: 0,
        validRecords: 0,
        fields: { '/postcode': { present: 0, invalid: 0, defaults: 0 }, '/ethnicCategory': { present: 0, invalid: 0, defaults: 0 } },
        uniqueness: { keyed: 0, duplicates: 0, missingKey: 0, capped: false },
        consistency: { assessed: 0, failed: 0, failedByRule: { r: 0 } },
        timeliness: { assessed: 0, onTime: 0, unassessable: 0 },
      },
    );
    expect(empty.overall).toBeNull();
    for (const d of Object.values(empty.dimensions)) expect(d).toMatchObject({ measured: false, score: null, note: 'the submission has no records' });
  });
});

describe('timeliness without a reporting period', () => {
  const timed = { assessed: 1000, onTime: 0, unassessable: 0 };
  // Validated a year after the events: a file sent on time scores 0 against the time of validation.
  const continuous = computeScorecard({ ...plan, eventDate: ['seen'], submissionDeadline: 'P30D' }, { ...counts, timeliness: timed });
  const monthly = computeScorecard({ ...plan, eventDate: ['seen'], submissionDeadline: 'P30D', periodKind: 'month' }, { ...counts, timeliness: timed });

  it('tells each face how to give the period there: the CLI its option, the web its form field', () => {
    expect(continuous.dimensions.timeliness.score).toBe(0);
    expect(explainDimension('timeliness', continuous, 'cli')).toBe(
      '0 of 1,000 records on time (deadline 30 days, against the time of validation: no period was given; give the reporting period the file is for (e.g. 2026-11 or 2026-04-01/2026-06-30) with conform validate --period <period>)',
    );
    expect(explainDimension('timeliness', continuous, 'web')).toMatch(
      /no period was given; give the reporting period the file is for \(e\.g\. .*\) with the Reporting period field of the upload form\)$/,
    );
    expect(formatScorecard(continuous)).toMatch(/^ {2}timeliness +0\.0 +10 +0 of 1,000 records on time .* with conform validate --period <period>\)$/m);
  });

  it('for a standard reported by period, says it is not measured and gives an example of its kind', () => {
    expect(monthly.dimensions.timeliness).toMatchObject({ measured: false, score: null });
    expect(explainDimension('timeliness', monthly, 'cli')).toBe(
      'not measured: no reporting period was given, and this standard is reported by month; give the reporting period the file is for (e.g. 2026-11) with conform validate --period <period>',
    );
    expect(periodNotGiven(monthly, 'web')).toBe(
      'this standard is reported by month, so timeliness is not measured; give the reporting period the file is for (e.g. 2026-11) with the Reporting period field of the upload form',
    );
    expect(periodNotGiven(continuous, 'web')).toMatch(
      /^timeliness is measured against the time of validation, so a file validated long after it was sent scores low; give /,
    );
  });

  it('says nothing of a period given', () => {
    const period = { id: '2026-11', kind: 'month', start: '2026-11-01', end: '2026-11-30', dueBy: '2026-12-31T00:00:00.000Z', lastDay: '2026-12-31' };
    const given = computeScorecard({ ...plan, eventDate: ['seen'], submissionDeadline: 'P30D', period }, { ...counts, timeliness: timed });
    expect(periodNotGiven(given, 'web')).toBeUndefined();
    expect(explainDimension('timeliness', given, 'cli')).not.toContain('give the reporting period');
  });
});

describe('names a person reads', () => {
  it('are fields as CSV columns name them, not JSON pointers', () => {
    expect(fieldName('/address/postcode')).toBe('address.postcode');
    expect(fieldName('/a~1b')).toBe('a/b');
  });
});

describe('uniqueness with no complete key', () => {
  const keyed = { ...plan, recordKey: [['localPatientId'], ['postcode']] };
  it('names the key fields no record has, as when the column is missing or misspelt, never a value', () => {
    const card = computeScorecard(keyed, {
      ...counts,
      fields: { ...counts.fields, '/localPatientId': { present: 0, invalid: 0, defaults: 0 } },
      uniqueness: { keyed: 0, duplicates: 0, missingKey: 1000, capped: false },
    });
    expect(card.dimensions.uniqueness).toMatchObject({ measured: false, score: null });
    expect(card.dimensions.uniqueness.note).toBe(
      'no record has a complete key: no record has a value in "localPatientId" (a field of the record key "localPatientId", "postcode"); check that the file has this field, spelt as the standard spells it (in a CSV, a column of that name in the header)',
    );
  });

  it('calls a one-field key the record key', () => {
    const card = computeScorecard(
      { ...plan, recordKey: [['localPatientId']] },
      {
        ...counts,
        fields: { ...counts.fields, '/localPatientId': { present: 0, invalid: 0, defaults: 0 } },
        uniqueness: { keyed: 0, duplicates: 0, missingKey: 1000, capped: false },
      },
    );
    expect(card.dimensions.uniqueness.note).toMatch(/^no record has a complete key: no record has a value in "localPatientId" \(the record key\); check /);
  });

  it('names the key fields when none is empty in every record (each record lacks one or another)', () => {
    const card = computeScorecard(keyed, {
      ...counts,
      fields: { ...counts.fields, '/localPatientId': { present: 500, invalid: 0, defaults: 0 } },
      uniqueness: { keyed: 0, duplicates: 0, missingKey: 1000, capped: false },
    });
    expect(card.dimensions.uniqueness.note).toBe('no record has a complete key (a value in each field of the record key: "localPatientId", "postcode")');
  });
});
