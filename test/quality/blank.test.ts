/**
 * Text of white space only is blank, as an empty cell is: the scorecard's field reader does not count it
 * as a value given (completeness, per-field figures, default codes), and the key reader takes a key part
 * of white space as missing, so two records keyed "  " are neither a duplicate nor a complete key.
 */
import { describe, expect, it } from 'vitest';
import { compileFieldReader, compileKeyReader } from '../../src/quality/field-reader.js';
import { filledText, isGiven } from '../../src/quality/blank.js';

describe('blank values', () => {
  it('white space of any kind is blank; anything else, numbers and false included, is given', () => {
    for (const v of [undefined, null, '', ' ', '   ', '\t', ' \r\n', '\u00a0', '\u3000 ', '\ufeff']) expect(isGiven(v)).toBe(false);
    for (const v of ['a', ' a ', '\u00a0x', 'É', 0, false, {}, []]) expect(isGiven(v)).toBe(true);
    expect(filledText('\u200b')).toBe(true); // a zero-width space is not white space in JavaScript: left to the schema
  });

  it('the field reader counts a value of spaces as not given, and not as a default code', () => {
    const read = compileFieldReader([
      { pointer: '/name', defaultCodes: [] },
      { pointer: '/code', defaultCodes: [' '] },
    ]);
    const present = new Float64Array(2);
    const defaults = new Float64Array(2);
    for (const r of [{ name: 'Ann', code: ' ' }, { name: '  ', code: 'A' }, { name: '\t', code: '' }, { name: 'Bo' }]) read(r, present, defaults);
    expect([...present]).toEqual([2, 1]);
    expect([...defaults]).toEqual([0, 0]);
  });

  it('a key part of white space is missing, joined or not', () => {
    const parts: string[] = [];
    const hash = (text: string) => void parts.push(text);
    expect(compileKeyReader(['/org', '/id'])({ org: 'RX1', id: '  ' }, hash)).toBe(false);
    expect(compileKeyReader(['/org', '/id'], '#')({ org: 'RX1', id: '\t' }, hash)).toBe(false);
    parts.length = 0;
    expect(compileKeyReader(['/org', '/id'])({ org: 'RX1', id: ' 7' }, hash)).toBe(true);
    expect(parts).toEqual(['RX1', ' 7']);
  });
});
