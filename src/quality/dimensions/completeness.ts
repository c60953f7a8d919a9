/**
 * Completeness: the fill rate of the required and expected (`x-expected`) fields, each over the records
 * where it applies (`x-applicable`; every record for a field without conditions), as DHSC's Mandatory /
 * Applicable / Not applicable classes count it. A field that applies to no record in the file is not a
 * field measured: it adds no cell, and `fields` leaves it out (`fieldsApplyingToNone` counts it, and the
 * note names it), so "over N fields" is the number of fields behind the figure.
 */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { fieldName } from '../explain.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = 'filled required and expected fields / (fields × records where each applies) × 100';

/** The records a field applies to: all of them, less those where its `x-applicable` conditions do not hold. */
export const applicableRecords = (c: QualityCounts, pointer: string): number => c.records - (c.fields[pointer]?.notApplicable ?? 0);

export function completeness(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const measured = plan.fields.filter((f) => f.required || f.expected);
  if (measured.length === 0) return notMeasured(FORMULA, 'the standard declares no required or expected fields');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  let filled = 0;
  let cells = 0;
  let notApplicable = 0;
  const applyingToNone: string[] = [];
  const fields = measured.flatMap((f) => {
    const present = c.fields[f.pointer]!.present;
    const applicable = applicableRecords(c, f.pointer);
    filled += present;
    cells += applicable;
    notApplicable += c.records - applicable;
    if (applicable === 0) {
      applyingToNone.push(f.pointer);
      return [];
    }
    const kind = f.required ? 'required' : 'expected';
    return [
      {
        field: f.pointer,
        score: percent(present, applicable),
        filled: present,
        records: applicable,
        kind,
        ...(f.applicableWhen ? { notApplicable: c.records - applicable } : {}),
      },
    ];
  });
  const counts = { filled, cells, fields: fields.length, fieldsApplyingToNone: applyingToNone.length, notApplicable };
  if (cells === 0) return notMeasured(FORMULA, 'no measured field applies to any record', counts);
  const none = applyingToNone.length;
  const notes = [
    ...(notApplicable > 0
      ? [
          `${notApplicable} ${notApplicable === 1 ? 'place' : 'places'} where a field does not apply to its record (the standard says when each field applies) are not counted`,
        ]
      : []),
    ...(none > 0
      ? [
          `${none} ${none === 1 ? 'field applies' : 'fields apply'} to no record in the file and ${none === 1 ? 'is' : 'are'} not measured (${applyingToNone.map(fieldName).join(', ')})`,
        ]
      : []),
  ];
  return {
    measured: true,
    score: percent(filled, cells),
    formula: FORMULA,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    counts,
    fields,
  };
}
