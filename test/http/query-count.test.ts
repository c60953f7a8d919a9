/**
 * The count of a query's problems past the 1,000 parameters hapi's parser reads (query-count.ts): every
 * unknown name is one problem, so the check sees only the declared parameters and the first names listed,
 * and a query of thousands of names costs no thousands of errors made and sorted.
 */
import { describe, expect, it } from 'vitest';
import { countQueryProblems, MAX_COUNTED_PARAMETERS } from '../../src/http/contract/query-count.js';
import { parametersCheck } from '../../src/http/contract/validation.js';

const limitSpec = { limit: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, message: 'must be 1 to 999' } };
const check = parametersCheck('query', limitSpec as never);
const names = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `p${from + i}=1`);

describe('countQueryProblems', () => {
  it('leaves a query the parser read whole to its own count', () => {
    expect(countQueryProblems(`/x?${names(1000).join('&')}`, check, ['limit'], 50)).toBeUndefined();
    expect(countQueryProblems('/x', check, ['limit'], 50)).toBeUndefined();
  });

  it('checks the declared parameters and the first listed names only, and counts the other names', () => {
    const seen: number[] = [];
    const counting = (value: unknown): void => {
      seen.push(Object.keys(value as object).length);
      check(value);
    };
    const counted = countQueryProblems(`/x?${[...names(3000), 'limit=0', ...names(2, 3000)].join('&')}#p9=1`, counting, ['limit'], 50)!;
    expect(seen).toEqual([51]);
    expect(counted.problems.map((p) => p.name).slice(0, 2)).toEqual(['limit', 'p0']);
    expect([counted.problems.length, counted.more, counted.atLeast]).toEqual([51, 2952, false]);
  });

  it('a name repeated is one problem; past MAX_COUNTED_PARAMETERS the count is "at least"', () => {
    const repeated = countQueryProblems(`/x?${Array.from({ length: 1500 }, () => 'x=1').join('&')}`, check, ['limit'], 50)!;
    expect([repeated.problems.length, repeated.more]).toEqual([1, 0]);
    const long = countQueryProblems(`/x?${names(MAX_COUNTED_PARAMETERS + 5).join('&')}`, check, ['limit'], 50)!;
    expect([long.problems.length + long.more, long.atLeast]).toEqual([MAX_COUNTED_PARAMETERS, true]);
  });
});
