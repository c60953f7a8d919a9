/**
 * Every reader of a field by name reads own properties only, so a field named like an inherited member
 * (`constructor`, `toString`, `valueOf`, `__proto__`) is absent when the record does not have it and its
 * own value when it does: the pointer getters (consistency rules, x-applicable, x-advice, record actions,
 * findings' values) and the scorecard's generated field, key and event-date readers (completeness, default
 * codes, duplicate and near-duplicate keys, timeliness). Ordinary names keep the plain read.
 */
import { describe, expect, it } from 'vitest';
import { isInheritedName, pointerGet, pointerGetter, pointerSegments } from '../../src/validation/pointer.js';
import { compileFieldReader, compileGetter, compileKeyReader } from '../../src/quality/field-reader.js';

const record = (text: string): unknown => JSON.parse(text);

describe('own-property reads by field name', () => {
  it('knows the inherited names, and only those', () => {
    for (const name of [
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      '__proto__',
      '__defineGetter__',
    ]) {
      expect(isInheritedName(name)).toBe(true);
    }
    for (const name of ['id', 'prototype', 'length', 'CONSTRUCTOR', '']) expect(isInheritedName(name)).toBe(false);
  });

  it('a pointer getter finds nothing inherited, at the top or nested, and finds an own __proto__', () => {
    expect(pointerGetter('/constructor')({})).toBeUndefined();
    expect(pointerGetter('/toString')({ id: 'a' })).toBeUndefined();
    expect(pointerGetter('/a/valueOf')({ a: {} })).toBeUndefined();
    expect(pointerGetter('/a/__proto__')({ a: {} })).toBeUndefined();
    expect(pointerGetter('/__proto__')({})).toBeUndefined();
    expect(pointerGetter('/constructor')({ constructor: 'c' })).toBe('c');
    expect(pointerGetter('/a/valueOf')(record('{"a":{"valueOf":3}}'))).toBe(3);
    expect(pointerGetter('/__proto__')(record('{"__proto__":"P"}'))).toBe('P');
    expect(pointerGetter('/__proto__/x')(record('{"__proto__":{"x":1}}'))).toBe(1);
    expect(pointerGet({}, pointerSegments('/hasOwnProperty'))).toBeUndefined();
    // Ordinary names read as before, items of arrays too.
    expect(pointerGetter('/id')({ id: 'a' })).toBe('a');
    expect(pointerGetter('/a/0/b')({ a: [{ b: 2 }] })).toBe(2);
  });

  it('a generated getter (the event date) reads as the pointer getter does, for every kind of record', () => {
    const pointers = ['/constructor', '/__proto__', '/__proto__/x', '/a/valueOf', '/id', '/a/0/b', '/a/b'];
    const records = [
      {},
      null,
      'text',
      7,
      { constructor: 'c', id: 'i' },
      { a: [{ b: 2 }] },
      { a: 'not an object' },
      { a: null },
      record('{"__proto__":{"x":1},"a":{"valueOf":3,"b":"B"}}'),
    ];
    for (const pointer of pointers) {
      const generated = compileGetter(pointer);
      const plain = pointerGetter(pointer);
      for (const value of records) expect(generated(value), `${pointer} of ${JSON.stringify(value)}`).toEqual(plain(value));
    }
    expect(compileGetter('/a/b')(record('{"a":{"b":"B"}}'))).toBe('B');
  });

  it('the scorecard field reader counts a field present only when the record has it', () => {
    const read = compileFieldReader([
      { pointer: '/constructor', defaultCodes: [] },
      { pointer: '/__proto__', defaultCodes: ['X'] },
      { pointer: '/nested/toString', defaultCodes: [] },
      { pointer: '/id', defaultCodes: [] },
    ]);
    const present = new Float64Array(4);
    const defaults = new Float64Array(4);
    read({}, present, defaults);
    read({ nested: {} }, present, defaults);
    expect([...present]).toEqual([0, 0, 0, 0]);
    read(record('{"constructor":"c","__proto__":"X","nested":{"toString":"t"},"id":"i"}'), present, defaults);
    expect([...present]).toEqual([1, 1, 1, 1]);
    expect([...defaults]).toEqual([0, 1, 0, 0]);
  });

  it('a record key of such fields is incomplete without them and read from their own values', () => {
    const parts: string[] = [];
    const readKey = compileKeyReader(['/constructor', '/__proto__']);
    expect(readKey({}, (text) => parts.push(text))).toBe(false);
    expect(readKey(record('{"constructor":"c"}'), (text) => parts.push(text))).toBe(false);
    parts.length = 0;
    expect(readKey(record('{"constructor":"c","__proto__":"p"}'), (text) => parts.push(text))).toBe(true);
    expect(parts).toEqual(['c', 'p']);
    const joined: string[] = [];
    const readJoined = compileKeyReader(['/toString', '/valueOf'], '#');
    expect(readJoined({ toString: 'a' }, (text) => joined.push(text))).toBe(false);
    expect(readJoined({ toString: 'a', valueOf: 'b' }, (text) => joined.push(text))).toBe(true);
    expect(joined).toEqual(['a#b']);
  });
});
