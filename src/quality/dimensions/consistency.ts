/** Consistency: the share of readable records that pass every cross-field rule (`x-consistency`). */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { applicabilityText } from '../applicability.js';
import { notMeasured, percent, records } from './shared.js';

const FORMULA = '(records assessed − records failing a cross-field rule) / records assessed × 100';

/**
 * What the note says of records no cross-field rule applies to (the rules' fields' `x-applicable`: a batch
 * file's DELETE rows, whose dates the pipeline ignores), when there are any: they are not judged, neither
 * passing nor failing, as timeliness does not judge them either.
 */
function notApplicable(plan: QualityPlan | undefined, count: number): string {
  if (count === 0) return '';
  const seen = new Set<string>();
  const whens = (plan?.consistencyApplies ?? []).flatMap((conditions) => {
    if (!conditions) return [];
    const text = applicabilityText(conditions);
    return seen.has(text) ? [] : [seen.add(text) && text];
  });
  const when = whens.length > 0 ? `, as the rules apply only when ${whens.join(', or when ')},` : '';
  return `${records(count, 'no cross-field rule applies to')}${when} ${count === 1 ? 'is' : 'are'} not judged`;
}

export function consistency(c: QualityCounts, plan?: QualityPlan): DimensionScore {
  const k = c.consistency;
  if (!k) return notMeasured(FORMULA, 'the standard declares no cross-field rules');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  const skipped = notApplicable(plan, k.notApplicable ?? 0);
  const counts = { assessed: k.assessed, failed: k.failed, ...(k.notApplicable !== undefined ? { notApplicable: k.notApplicable } : {}) };
  if (k.assessed === 0) return notMeasured(FORMULA, skipped ? `no record is one a cross-field rule applies to: ${skipped}` : 'no record could be read', counts);
  // Every rule compares two values (two dates, or a date with the time of receipt or the period); where a
  // record lacks them the rule checks nothing, so a file where no rule had its values is not measured.
  if (k.checkable === 0)
    return notMeasured(
      FORMULA,
      `no record has the values any cross-field rule compares (${records(k.assessed, 'read')}), so no rule checked anything${skipped ? `; ${skipped}` : ''}`,
      { ...counts, checkable: 0 },
    );
  return {
    measured: true,
    score: percent(k.assessed - k.failed, k.assessed),
    formula: FORMULA,
    ...(skipped ? { note: skipped } : {}),
    counts,
    fields: Object.entries(k.failedByRule).map(([rule, failed]) => ({ field: rule, score: percent(k.assessed - failed, k.assessed), failed })),
  };
}
