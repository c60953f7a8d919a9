/**
 * `maxLength` and `minLength` settled by a string's length where that is enough (string-lengths.ts): the
 * same verdicts and errors as the code Ajv wrote, on strings whose character count and length differ
 * (surrogate pairs, lone surrogates), and the count asked for only when the length leaves it open.
 */
import { describe, it, expect } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { createAjv } from '../../src/validation/ajv.js';
import { lengthFirst } from '../../src/validation/string-lengths.js';
import type { ScopeValues } from '../../src/validation/known-fields.js';

const PAIR = '\u{1F600}'; // two code units, one character
const HIGH = '\uD83D';
const LOW = '\uDE00';

/** Strings of 0 to 12 code units mixing plain characters, pairs and lone halves of pairs. */
function strings(): string[] {
  const parts = ['a', 'é', PAIR, HIGH, LOW, '\u0000'];
  const out = new Set<string>(['']);
  let level = [''];
  for (let n = 0; n < 6; n++) {
    const next: string[] = [];
    for (const s of level) for (const p of parts) if (out.size < 20_000) next.push(s + p);
    for (const s of next) out.add(s);
    level = next.filter((_, i) => i % 3 === 0 || n < 3);
  }
  for (let n = 0; n < 12; n++)
    out
      .add(PAIR.repeat(n))
      .add('x'.repeat(n))
      .add(HIGH.repeat(n))
      .add(LOW + PAIR.repeat(n));
  return [...out];
}

const SCHEMAS: Record<string, AnySchemaObject> = {
  both: { type: 'string', minLength: 3, maxLength: 4 },
  min1: { type: 'string', minLength: 1 },
  max0: { type: 'string', maxLength: 0 },
  inRecord: {
    type: 'object',
    properties: { id: { type: 'string', minLength: 2, maxLength: 5 }, code: { type: ['string', 'integer'], maxLength: 3 } },
  },
};

describe('lengthFirst', () => {
  for (const [label, schema] of Object.entries(SCHEMAS)) {
    it(`gives Ajv's own verdicts and errors on strings with pairs and lone surrogates (${label})`, () => {
      const ours = createAjv().compile(schema);
      const plain = createAjv();
      plain.opts.code.process = undefined;
      const theirs = plain.compile(schema);
      let checked = 0;
      for (const s of strings()) {
        const value = label === 'inRecord' ? { id: s, code: s } : s;
        expect(ours(value), JSON.stringify(s)).toBe(theirs(value));
        expect(ours.errors ?? null, JSON.stringify(s)).toEqual(theirs.errors ?? null);
        checked++;
      }
      expect(checked).toBeGreaterThan(5_000);
      // The engine's validator asks the length first (the rewrite is made, not only harmless).
      expect(ours.toString()).toMatch(/\(data\d*\.length [<>] \d+ && func\d+\(data\d*\) [<>] \d+\)/);
    });
  }

  it('leaves a test through any other function as Ajv wrote it', () => {
    const ucs2 = (s: string): number => [...s].length;
    const values: ScopeValues = new Map<string, unknown>([['func1', ucs2]]);
    expect(lengthFirst('if(func1(data0) > 20){', values)).toBe('if(func1(data0) > 20){');
  });

  it('rewrites the tests Ajv writes for maxLength and minLength, with the bound each needs', async () => {
    const { default: ucs2length } = (await import('ajv/dist/runtime/ucs2length.js')) as unknown as { default: unknown };
    const values: ScopeValues = new Map([['func1', ucs2length]]);
    expect(lengthFirst('if(func1(data0) > 20){e();}if(func1(data0) < 3){e();}', values)).toBe(
      'if((data0.length > 20 && func1(data0) > 20)){e();}if((data0.length < 6 && func1(data0) < 3)){e();}',
    );
    // A limit read from data ($data) is not a number in the code: left alone.
    expect(lengthFirst('if(func1(data0) > schema1){', values)).toBe('if(func1(data0) > schema1){');
  });
});
