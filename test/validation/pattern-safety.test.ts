import { describe, expect, it } from 'vitest';
import { boundedForAnalysis, patternProblems, schemaPatterns } from '../../src/validation/pattern-safety.js';

describe('pattern safety', () => {
  it('finds every pattern and patternProperties name with its pointer, and none inside data keywords', () => {
    const schema = {
      properties: { code: { type: 'string', pattern: '^[A-Z]$' }, 'a/b': { items: { pattern: 'x+' } } },
      patternProperties: { '^x~y$': {} },
      examples: [{ pattern: '(a+)+' }],
      default: { pattern: '(a+)+' },
    };
    expect(schemaPatterns(schema)).toEqual([
      { pointer: '/patternProperties/^x~0y$', source: '^x~y$' },
      { pointer: '/properties/code/pattern', source: '^[A-Z]$' },
      { pointer: '/properties/a~1b/items/pattern', source: 'x+' },
    ]);
  });

  it('analyses large counts as unbounded, leaving escapes and classes alone', () => {
    expect(boundedForAnalysis('^[A-Z ]{1,1000}$')).toBe('^[A-Z ]{1,}$');
    expect(boundedForAnalysis('^a{500}b{2,5}c{3}$')).toBe('^a{20,}b{2,5}c{3}$');
    expect(boundedForAnalysis('^[{1,100}]\\{1,100\\}\\u{10000}\\p{L}{0,50}$')).toBe('^[{1,100}]\\{1,100\\}\\u{10000}\\p{L}{0,}$');
  });

  it('refuses exponential and polynomial patterns and accepts linear ones', async () => {
    const patterns = [
      { pointer: '/a', source: '^(a+)+$' },
      { pointer: '/b', source: '\\s+$' },
      { pointer: '/c', source: '^([A-Z][0-9]{5}|G9999981)$' },
      { pointer: '/d', source: '^[A-Za-z0-9 ,.()/&-]{1,1000}$' },
      { pointer: '/e', source: '^(a+)+$' },
    ];
    const problems = await patternProblems(patterns, 2000);
    expect(problems.map((p) => p.pointer)).toEqual(['/a', '/b', '/e']);
    expect(problems[0]!.detail).toMatch(/^the pattern "\^\(a\+\)\+\$" can take exponential time in the length of the text \(ReDoS\)/);
    expect(problems[1]!.detail).toMatch(/polynomial \(degree 2\)/);
  }, 20_000);

  it('refuses what it cannot show safe within the time, and what is not a regular expression', async () => {
    const problems = await patternProblems(
      [
        { pointer: '/backreference', source: '^(\\w+)\\1$' },
        { pointer: '/broken', source: '(' },
      ],
      200,
    );
    expect(problems).toEqual([
      { pointer: '/backreference', detail: expect.stringMatching(/could not be shown to run in linear time within 200 ms|cannot be shown safe/) as unknown },
      { pointer: '/broken', detail: expect.stringMatching(/is not a valid regular expression/) as unknown },
    ]);
  }, 20_000);
});
