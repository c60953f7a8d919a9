/** The diff runs only patterns its caller vouches for, and a bounded amount of matching (pattern-runs.ts). */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { EVERY_PATTERN, PatternRuns } from '../../../src/registry/diff/pattern-runs.js';

const OLD = 'https://conform.invalid/standards/t/1.0.0';
const NEW = 'https://conform.invalid/standards/t/1.1.0';
const codes = (extra: object) => ({ type: 'object', properties: { x: { type: 'string', ...extra } } });

describe('pattern runs in the diff', () => {
  const before = codes({ enum: ['A1', 'B2'], pattern: '^[A-Z][0-9]$' });
  const after = codes({ enum: ['A1', 'B2', 'C3'] });

  it('decides a pattern on the listed values when the pattern is vouched for', () => {
    // Every listed value of the new version matches the old pattern: its removal is moot.
    const change = diffSchemas({ schema: before, id: OLD }, { schema: after, id: NEW }, EVERY_PATTERN).find((c) => c.explanation.startsWith('pattern '));
    expect(change).toMatchObject({ kind: 'annotation-changed', breaksSuppliers: false, breaksConsumers: false });
  });

  it('runs no pattern it is not told is safe: the change is undecidable, saying so', () => {
    const changes = diffSchemas({ schema: before, id: OLD }, { schema: after, id: NEW }, (source) => source !== '^[A-Z][0-9]$');
    const change = changes.find((c) => c.kind === 'pattern-removed');
    expect(change).toMatchObject({ undecidable: true, breaksSuppliers: true, breaksConsumers: true });
    expect(change!.explanation).toBe(
      'pattern ^[A-Z][0-9]$ removed; the pattern "^[A-Z][0-9]$" could not be checked safely (it was not shown to run in linear time), so nothing was matched against it: the rules cannot decide, so it counts as breaking both ways',
    );
    // By default (no gate given) no pattern runs.
    expect(diffSchemas({ schema: before, id: OLD }, { schema: after, id: NEW }).find((c) => c.kind === 'pattern-removed')?.undecidable).toBe(true);
  });

  it('bounds the matching: values × patterns, each value by its length', () => {
    const runs = new PatternRuns(EVERY_PATTERN, 10);
    expect(runs.test('^a+$', 'aaaa')).toBe(true); // 5 of 10
    expect(runs.test('^b$', 'aaaa')).toBe(false); // 10 of 10
    expect(runs.test('^a+$', 'a')).toEqual({
      notRun: 'more than 10 characters of values and names would be matched against patterns, so the rest were not',
    });
    expect(new PatternRuns(EVERY_PATTERN).test('(', 'a')).toBeUndefined(); // does not compile: unknown, as before
  });
});
