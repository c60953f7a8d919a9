/**
 * The reporting period of a submission, by the service's rule: a period id that cannot be read is a
 * malformed request (400); one of another kind than the standard declares (standard.yaml
 * `reportingPeriod.kind`) is refused (422), naming the kind expected with an example. A standard that
 * declares no kind accepts any period, ranges included.
 */
import { MAX_PERIOD_ID_LENGTH, PERIOD_EXAMPLES, PeriodError, parsePeriod, type ReportingPeriod } from '../quality/period.js';
import type { QualityDeclarations } from '../quality/plan.js';
import { DomainError } from './errors.js';

/** The longest period id read, for a face to declare (the API's parameter). */
export { MAX_PERIOD_ID_LENGTH };

const ARTICLE: Record<string, string> = { month: 'a month', quarter: 'a quarter', 'financial-year': 'a financial year', range: 'a range of dates' };

export function submissionPeriod(standardId: string, id: string | undefined, declared: QualityDeclarations['reportingPeriod']): ReportingPeriod | undefined {
  if (id === undefined) return undefined;
  let period: ReportingPeriod;
  try {
    period = parsePeriod(id);
  } catch (error) {
    if (error instanceof PeriodError) throw new DomainError('invalid-input', error.message, [{ name: 'period', detail: error.message }]);
    throw error;
  }
  const expected = declared?.kind;
  if (expected !== undefined && period.kind !== expected) {
    const example = PERIOD_EXAMPLES[expected as keyof typeof PERIOD_EXAMPLES] ?? expected;
    const detail = `the reporting period must be ${ARTICLE[expected] ?? expected}, e.g. ${example}, as ${standardId} is reported by ${expected}; "${period.id}" is ${ARTICLE[period.kind]}`;
    throw new DomainError('rejected', detail, [{ name: 'period', detail, expected, example }]);
  }
  return period;
}
