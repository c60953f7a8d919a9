/** The lengths a simple anchored pattern matches, checked against the pattern itself on every short string. */
import { describe, expect, it } from 'vitest';
import { patternLengths } from '../../../src/registry/diff/pattern-lengths.js';

const READ: [string, number, number][] = [
  ['^[A-Z]{3}$', 3, 3],
  ['^[A-Z]{3}[0-9]{2,4}$', 5, 7],
  ['^(?:AB|C)\\d?$', 1, 3],
  ['^a$|^bcd$', 1, 3],
  ['^[^a-c\\]]+$', 1, Infinity],
  ['^(a|bc)*x$', 1, Infinity],
  ['^\\u0041.\\p{L}{0,2}$', 2, 4],
  ['^()a{2}$', 2, 2],
];

const UNREAD = ['[A-Z]{3}', '^[A-Z]{3}', 'A{3}$', '^a|b$', '^(?=a)a$', '^(a)\\1$', '^\\bA$', '^(^a)$', '^[a$', '^a{3,2}$', '^(?<n>a)$', '^[[a]$'];

/** Every string of length 0 to 6 over the alphabet. */
function* strings(alphabet: string[], max = 6): Generator<string> {
  let level = [''];
  for (let n = 0; n <= max; n++) {
    yield* level;
    level = level.flatMap((s) => alphabet.map((c) => s + c));
  }
}

describe('patternLengths', () => {
  it.each(READ)('reads %s as %i to %s characters', (pattern, min, max) => {
    expect(patternLengths(pattern)).toEqual({ min, max });
  });

  it.each(UNREAD)('refuses to read %s', (pattern) => {
    expect(patternLengths(pattern)).toBeUndefined();
  });

  it('never gives a range a matching string falls outside', () => {
    const alphabet = ['A', 'b', 'c', 'x', '1', 'é', '😀'];
    for (const [pattern] of READ) {
      const range = patternLengths(pattern)!;
      const regex = new RegExp(pattern, 'u');
      for (const s of strings(alphabet, 5)) {
        if (regex.test(s)) expect([...s].length, `${pattern} matched ${s}`).toBeGreaterThanOrEqual(range.min);
        if (regex.test(s)) expect([...s].length, `${pattern} matched ${s}`).toBeLessThanOrEqual(range.max);
      }
    }
  });
});
