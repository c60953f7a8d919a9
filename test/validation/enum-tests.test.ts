/**
 * An enum of texts tested by a search on the value's length and characters (enum-tests.ts): the same
 * verdicts and errors as the code Ajv wrote, for every value of each enum, near misses of each (every
 * character changed, cut, lengthened, in another case) and values that are not text; the rewrite made
 * where it should be, and nothing else changed.
 */
import { describe, it, expect } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { createAjv } from '../../src/validation/ajv.js';
import { enumsBySearch } from '../../src/validation/enum-tests.js';

const ENUMS: Record<string, unknown[]> = {
  // Nine SNOMED CT codes of one length, told apart by their sixth character.
  snomed: [
    '1048031000000100',
    '1048041000000109',
    '1048021000000102',
    '1048051000000107',
    '1048081000000101',
    '1048061000000105',
    '1048071000000103',
    '1048001000000106',
    '1047991000000102',
  ],
  // Codes of one character and one of two.
  letters: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', '99'],
  // Texts of one length that no single place tells apart, and one a prefix of another.
  sharedPlaces: ['aaaa', 'aaab', 'abaa', 'abab', 'baaa', 'bbbb', 'aaa', 'aaaaa', ''],
  // Quotes, backslashes, line separators, non-ASCII, surrogate pairs and a lone surrogate.
  oddText: ['__proto__', 'constructor', 'say "hi"', 'back\\slash', 'line\u2028sep', 'caf\u00e9', '\u{1F600}x', '\uD83D', 'x\u{1F600}', 'tab\there'],
  // Texts with numbers, true, false and null beside them.
  mixed: ['1', '2', 'one', 1, 2, 0, -1, 1.5, 1e21, true, false, null],
  // Long texts of different lengths (a social care code list).
  longTexts: ['Long Term Support: Nursing Care', 'Long Term Support: Residential Care', 'Long Term Support: Community', 'Short Term Support'],
};

/** Each value, near misses of it, and values that are not text. */
function valuesAround(values: unknown[]): unknown[] {
  const out: unknown[] = [undefined, {}, [], { length: 16 }, ['A'], 0, -0, NaN, 1.0000001, '', ' ', 'a'.repeat(40)];
  for (const value of values) {
    out.push(value, [value], { value });
    if (typeof value !== 'string') {
      out.push(String(value));
      continue;
    }
    out.push(value + 'x', 'x' + value, value.slice(1), value.slice(0, -1), value.toLowerCase(), value.toUpperCase(), ` ${value}`, Number(value));
    for (let i = 0; i < value.length; i++) {
      for (const c of ['0', '9', 'a', 'Z', '"', '\\', '\u00e9', '\uD83D', '\uDE00']) out.push(value.slice(0, i) + c + value.slice(i + 1));
      out.push(value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) + 1) + value.slice(i + 1));
      out.push(value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) - 1) + value.slice(i + 1));
    }
  }
  return out;
}

function compileBoth(schema: AnySchemaObject) {
  const ours = createAjv().compile(schema);
  const plain = createAjv();
  plain.opts.code.process = undefined;
  return { ours, theirs: plain.compile(schema) };
}

describe('enumsBySearch', () => {
  for (const [label, values] of Object.entries(ENUMS)) {
    it(`gives Ajv's own verdicts and errors for the values of an enum and near misses (${label})`, () => {
      const { ours, theirs } = compileBoth({ enum: values });
      const inRecord = compileBoth({
        type: 'object',
        properties: { code: { enum: values }, other: { type: 'string', enum: values.filter((v) => typeof v === 'string') } },
      });
      let accepted = 0;
      let checked = 0;
      for (const value of valuesAround(values)) {
        expect(ours(value), JSON.stringify(value)).toBe(theirs(value));
        expect(ours.errors ?? null, JSON.stringify(value)).toEqual(theirs.errors ?? null);
        const record = { code: value, other: value };
        expect(inRecord.ours(record), JSON.stringify(value)).toBe(inRecord.theirs(record));
        expect(inRecord.ours.errors ?? null, JSON.stringify(value)).toEqual(inRecord.theirs.errors ?? null);
        if (ours(value)) accepted++;
        checked++;
      }
      // Every value of the enum is accepted, and most near misses refused.
      expect(accepted).toBeGreaterThanOrEqual(values.length);
      expect(checked).toBeGreaterThan(10 * values.length);
      // The engine's validator searches (the rewrite is made, not only harmless).
      expect(ours.toString()).toContain('(typeof data === "string" ? (data.length === ');
      expect(inRecord.ours.toString()).toMatch(/\(typeof data\d+ === "string" \? \(data\d+\.length === /);
    });
  }

  it('finds each of the nine codes by the sixth character, with one comparison of the text', () => {
    const { ours } = compileBoth({ enum: ENUMS.snomed! });
    const code = ours.toString();
    expect(code).toContain('data.charCodeAt(5) <');
    expect(code).not.toMatch(/charCodeAt\((?!5\))/);
    expect(code.match(/\(data === "\d{16}"\)/g)).toHaveLength(9);
  });

  it('leaves an enum of fewer than three texts, or of a few single characters, as Ajv wrote it; with an object, searches the texts before it', () => {
    const two = compileBoth({ enum: ['a', 'b', 1, 2, 3] });
    expect(two.ours.toString()).not.toContain('charCodeAt');
    const letters = compileBoth({ enum: ['1', '2', '9', 'X', 'Y', 'Z', '0'] });
    expect(letters.ours.toString()).not.toContain('charCodeAt');
    expect(compileBoth({ enum: ['1', '2', '9', 'X', 'Y', 'Z', '0', 'A'] }).ours.toString()).toContain('charCodeAt');
    expect(compileBoth({ enum: ['1', '2', '99'] }).ours.toString()).toContain('charCodeAt');
    // Ajv compares the object with its deep equality, after the chain of the texts before it.
    const withObject = compileBoth({ enum: ['aa', 'b', 'c', { a: 1 }] });
    expect(withObject.ours.toString()).toMatch(/\(\(typeof data === "string" \? .*\)\) \|\| \(func\d+\(data, vSchema\d+\[3\]\)\)/);
    for (const value of ['a', 'aa', 'b', 'c', 'd', { a: 1 }, { a: 2 }, 1, 2, 3]) {
      expect(two.ours(value)).toBe(two.theirs(value));
      expect(withObject.ours(value)).toBe(withObject.theirs(value));
    }
  });

  it('rewrites only a whole chain Ajv wrote, alone in its parentheses', () => {
    const chain = '((data0 === "ab") || (data0 === "ac")) || (data0 === "d")';
    expect(enumsBySearch(`if(!(${chain})){e();}`)).toBe(
      'if(!((typeof data0 === "string" ? (data0.length === 1 ? (data0 === "d") : data0.length === 2 ? (data0.charCodeAt(1) < 99 ? (data0 === "ab") : (data0 === "ac")) : false) : false))){e();}',
    );
    // Not alone in its parentheses, or not of one data name: left as it is.
    expect(enumsBySearch(`if(!(x && ${chain})){`)).toBe(`if(!(x && ${chain})){`);
    expect(enumsBySearch(`if(!(${chain} && x)){`)).toBe(`if(!(${chain} && x)){`);
    const twoNames = '((data0 === "ab") || (data1 === "ac")) || (data0 === "d")';
    expect(enumsBySearch(`if(!(${twoNames})){`)).toBe(`if(!(${twoNames})){`);
    // A chain inside a negated group is not taken for a longer one.
    const negated = '(!((data0 === "ab") || (data0 === "ac"))) || (data0 === "d")';
    expect(enumsBySearch(`if(!(${negated})){`)).toBe(`if(!(${negated})){`);
  });
});
