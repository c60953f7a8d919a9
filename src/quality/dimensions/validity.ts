/** Validity: the share of records that pass the schema; the share of measured field values is shown beside it. */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, percent } from './shared.js';
import { countWords } from '../../validation/count-words.js';

const FORMULA = 'valid records / records × 100';

export function validity(plan: QualityPlan, c: QualityCounts): DimensionScore {
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  let values = 0;
  let invalidValues = 0;
  const fields = plan.fields.flatMap((f) => {
    const n = c.fields[f.pointer]!;
    values += n.present;
    invalidValues += n.invalid;
    return n.present > 0 ? [{ field: f.pointer, score: percent(n.present - n.invalid, n.present), present: n.present, invalid: n.invalid }] : [];
  });
  return {
    measured: true,
    score: percent(c.validRecords, c.records),
    formula: FORMULA,
    note:
      values > 0
        ? `${percent(values - invalidValues, values)}% of the ${countWords(values, 'value')} of measured fields pass the schema`
        : 'no measured field has a value',
    counts: {
      records: c.records,
      validRecords: c.validRecords,
      unreadableRecords: c.unreadableRecords,
      fieldValues: values,
      invalidFieldValues: invalidValues,
    },
    fields,
  };
}
