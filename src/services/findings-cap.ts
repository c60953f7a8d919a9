/**
 * How many findings about records a report keeps, by one rule on every face: the API's `maxFindings`, the
 * command's `--max-findings`, locally or against a server, and the service itself (which a report is built
 * by, in memory, about 150 bytes a finding): a whole number from 0 to MAX_FINDINGS_CAP, DEFAULT_MAX_FINDINGS
 * when none is given. The words are given once; each face names its own parameter before them.
 */
import { DEFAULT_MAX_FINDINGS } from '../validation/report-builder.js';
import { DomainError } from './errors.js';

export { DEFAULT_MAX_FINDINGS };

/** The most findings about records a caller may ask a report to keep (some 15 MB of report). */
export const MAX_FINDINGS_CAP = 100_000;

/** What a findings cap is, after "must be ". */
export const FINDINGS_CAP_WORDS = `a whole number from 0 to ${MAX_FINDINGS_CAP}`;

/**
 * The texts of the numbers 0 to MAX_FINDINGS_CAP, without leading zeros, as a pattern (the API's parameter
 * schema): any number of fewer digits than the cap's, or one of as many digits that is not greater.
 */
export const FINDINGS_CAP_PATTERN = ((cap: string): string => {
  const fewer = cap.length > 1 ? `|[1-9][0-9]{0,${cap.length - 2}}` : '';
  // Of the cap's length: a number that agrees with the cap's first i digits, then has a smaller digit.
  const same = [...cap].map((digit, i) => {
    const d = Number(digit);
    const low = i === 0 ? 1 : 0;
    if (d <= low) return undefined;
    const rest = cap.length - i - 1;
    return `${cap.slice(0, i)}[${low}-${d - 1}]${rest > 0 ? `[0-9]{${rest}}` : ''}`;
  });
  return `^(0${fewer}|${[...same.filter((s) => s !== undefined), cap].join('|')})$`;
})(String(MAX_FINDINGS_CAP));

const FINDINGS_CAP = new RegExp(FINDINGS_CAP_PATTERN);

/** A findings cap read from text (a query parameter, an option): undefined when it is none. */
export function findingsCapOf(text: string): number | undefined {
  return FINDINGS_CAP.test(text) ? Number(text) : undefined;
}

/** Refuses a findings cap out of the rule (invalid-input), whoever passed it to the service. */
export function checkFindingsCap(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FINDINGS_CAP) {
    throw new DomainError('invalid-input', `maxFindings must be ${FINDINGS_CAP_WORDS}`, [{ name: 'maxFindings', detail: `must be ${FINDINGS_CAP_WORDS}` }]);
  }
}
