/**
 * The findings cap's one rule (services/findings-cap.ts): the pattern the API's contract declares accepts
 * exactly the texts the command and the service accept, 0 to MAX_FINDINGS_CAP without leading zeros, and
 * the service refuses any other cap whichever face passed it.
 */
import { describe, expect, it } from 'vitest';
import { checkFindingsCap, FINDINGS_CAP_PATTERN, findingsCapOf, MAX_FINDINGS_CAP } from '../../src/services/findings-cap.js';
import { trialSubmission, validateSubmission } from '../../src/http/contract/operations/submissions.js';

describe('the findings cap', () => {
  it('reads every whole number from 0 to the cap, and nothing else', () => {
    const pattern = new RegExp(FINDINGS_CAP_PATTERN);
    for (let n = 0; n <= MAX_FINDINGS_CAP + 1_000; n += n < 2_000 ? 1 : 997) {
      expect(pattern.test(String(n)), String(n)).toBe(n <= MAX_FINDINGS_CAP);
      expect(findingsCapOf(String(n))).toBe(n <= MAX_FINDINGS_CAP ? n : undefined);
    }
    for (const text of [String(MAX_FINDINGS_CAP), String(MAX_FINDINGS_CAP - 1)]) expect(findingsCapOf(text)).toBe(Number(text));
    for (const text of [String(MAX_FINDINGS_CAP + 1), '05', '-1', '1e3', '1.5', ' 5', '', 'ten', '9'.repeat(30)])
      expect(findingsCapOf(text), text).toBeUndefined();
  });

  it('is the pattern and the words the API declares', () => {
    const declared = [validateSubmission, trialSubmission].map((operation) => operation.query!.maxFindings!);
    for (const spec of declared) {
      expect(spec.schema.pattern).toBe(FINDINGS_CAP_PATTERN);
      expect(spec.schema.pattern).toBe('^(0|[1-9][0-9]{0,4}|100000)$');
      expect(spec.message).toBe(`must be a whole number from 0 to ${MAX_FINDINGS_CAP}`);
    }
  });

  it('is refused by the service past the cap', () => {
    expect(() => checkFindingsCap(MAX_FINDINGS_CAP)).not.toThrow();
    expect(() => checkFindingsCap(MAX_FINDINGS_CAP + 1)).toThrow(`maxFindings must be a whole number from 0 to ${MAX_FINDINGS_CAP}`);
    expect(() => checkFindingsCap(-1)).toThrow(/maxFindings must be/);
    expect(() => checkFindingsCap(1.5)).toThrow(/maxFindings must be/);
  });
});
