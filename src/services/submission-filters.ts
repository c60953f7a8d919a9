/**
 * The filters of a list of stored submissions (`GET /v1/submissions`, the /submissions page): standard,
 * reporting period and outcome, each checked by ONE rule. The API's contract declares its parameters
 * from `SUBMISSION_FILTERS`, and both faces read a query with `submissionFilters`, so a value one face
 * accepts the other accepts too. A bad value is `invalid-input` naming the parameter (never echoing it).
 */
import { STANDARD_ID_PATTERN } from '../registry/standard-meta.js';
import { MAX_STANDARD_ID_LENGTH, STANDARD_ID_WORDS } from './standard-ref.js';
import { DomainError, type ErrorItem } from './errors.js';
import { parsePeriod } from '../quality/period.js';

export const SUBMISSION_OUTCOMES = { valid: true, invalid: false } as const;
export type SubmissionOutcome = keyof typeof SUBMISSION_OUTCOMES;

/** One filter's rule: what it means, and what a value must be. */
export interface FilterRule {
  description: string;
  maxLength: number;
  pattern?: string;
  values?: readonly string[];
  /**
   * The value as stored values are written, or undefined when it is not one (a reporting period is read by
   * the rule validation reads it with: `2026-99` is no period, and `2026-q3` is `2026-Q3`).
   */
  read?: (value: string) => string | undefined;
  /** What a value must be, said after the parameter's name ("outcome must be valid or invalid"). */
  detail: string;
  example: string;
}

export const SUBMISSION_FILTERS = {
  standard: {
    description: 'Only submissions to this standard',
    maxLength: MAX_STANDARD_ID_LENGTH,
    pattern: STANDARD_ID_PATTERN,
    detail: `must be a standard id: ${STANDARD_ID_WORDS}`,
    example: 'emergency-care-attendance',
  },
  period: {
    description:
      'Only submissions for this reporting period, as the submission declared it (`2026-11`, `2026-Q3`, `2026-27-Q1`, `2026-27`, `2026-04-01/2026-06-30`), read by the rule validation reads periods with: `2026-q3` is `2026-Q3`, and a value that is no real period (`2026-99`, `2026-Q5`) is a 400 naming `period`',
    maxLength: 40,
    pattern: '^[0-9A-Za-z/-]+$',
    read: (value: string) => {
      try {
        return parsePeriod(value).id;
      } catch {
        return undefined;
      }
    },
    detail:
      'must be a reporting period: a month 2026-11, a quarter 2026-Q3 or 2026-27-Q1, a financial year 2026-27, or dates 2026-04-01/2026-06-30 (real months, quarters Q1 to Q4, real dates, the start not after the end)',
    example: '2026-27-Q1',
  },
  outcome: {
    description: '`valid`: only submissions whose every record meets the standard; `invalid`: only the others',
    maxLength: 7,
    values: Object.keys(SUBMISSION_OUTCOMES),
    detail: 'must be valid or invalid',
    example: 'invalid',
  },
} as const satisfies Record<string, FilterRule>;

export type SubmissionFilterName = keyof typeof SUBMISSION_FILTERS;
export const SUBMISSION_FILTER_NAMES = Object.keys(SUBMISSION_FILTERS) as SubmissionFilterName[];

/** The filters as the submission service's `list` takes them, and as given (for links that keep them). */
export interface SubmissionFilters {
  standardId?: string;
  period?: string;
  valid?: boolean;
  given: Partial<Record<SubmissionFilterName, string>>;
}

const PATTERNS = new Map(
  SUBMISSION_FILTER_NAMES.map((name) => {
    const rule: FilterRule = SUBMISSION_FILTERS[name];
    return [name, rule.pattern === undefined ? undefined : new RegExp(rule.pattern)];
  }),
);

/** The value as the filter reads it, or undefined when it breaks the filter's rule. */
function read(name: SubmissionFilterName, value: string): string | undefined {
  const rule: FilterRule = SUBMISSION_FILTERS[name];
  if (value.length === 0 || value.length > rule.maxLength) return undefined;
  if (rule.values && !rule.values.includes(value)) return undefined;
  if (!(PATTERNS.get(name)?.test(value) ?? true)) return undefined;
  return rule.read ? rule.read(value) : value;
}

/** Reads the filters of a query: an absent one is no filter; a bad one is `invalid-input` naming each bad parameter. */
export function submissionFilters(query: Readonly<Record<string, unknown>>): SubmissionFilters {
  const given: SubmissionFilters['given'] = {};
  const errors: ErrorItem[] = [];
  for (const name of SUBMISSION_FILTER_NAMES) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') errors.push({ in: 'query', name, pointer: `/${name}`, detail: 'must be a single value' });
    else {
      const kept = read(name, value);
      if (kept === undefined) errors.push({ in: 'query', name, pointer: `/${name}`, detail: SUBMISSION_FILTERS[name].detail });
      else given[name] = kept;
    }
  }
  if (errors.length > 0) throw new DomainError('invalid-input', errors.map((e) => `${String(e.name)} ${e.detail}`).join('; '), errors);
  return {
    ...(given.standard !== undefined ? { standardId: given.standard } : {}),
    ...(given.period !== undefined ? { period: given.period } : {}),
    ...(given.outcome !== undefined ? { valid: SUBMISSION_OUTCOMES[given.outcome as SubmissionOutcome] } : {}),
    given,
  };
}
