import { describe, expect, it } from 'vitest';
import { firstDuplicateKey } from '../../src/validation/json-duplicates.js';

describe('firstDuplicateKey', () => {
  it('finds the first key repeated within one object, by its pointer, however it is escaped', () => {
    expect(firstDuplicateKey('{"required":["a"],"required":[]}')).toEqual({ pointer: '/required', key: 'required' });
    expect(firstDuplicateKey('{"properties":{"a":{"type":"string"},"b":{},"\\u0061":{}}}')).toEqual({ pointer: '/properties/a', key: 'a' });
    expect(firstDuplicateKey('{"allOf":[{"x":1},{"y":1,"y":2}]}')).toEqual({ pointer: '/allOf/1/y', key: 'y' });
    expect(firstDuplicateKey('{"a/b":{"~":1,"~":2}}')).toEqual({ pointer: '/a~1b/~0', key: '~' });
  });

  it('finds none where keys repeat only across objects, or appear as values and in strings', () => {
    expect(firstDuplicateKey('{"a":{"a":1},"b":{"a":2},"c":["a","a"],"d":"{\\"a\\":1,\\"a\\":2}"}')).toBeUndefined();
    expect(firstDuplicateKey('[{"a":1},{"a":1}]')).toBeUndefined();
  });
});
