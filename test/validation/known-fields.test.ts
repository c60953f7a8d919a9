/**
 * `additionalProperties` beside more than eight `properties`: each field of a record is found among the
 * names written into the code (known-fields.ts), not by a hasOwnProperty call, with the same verdicts as
 * the code Ajv wrote, for every name a record can give (inherited members' names included).
 */
import { describe, it, expect } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { createAjv } from '../../src/validation/ajv.js';
import { knownFieldsByName } from '../../src/validation/known-fields.js';

const ODD = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '', '1', 'a b', 'é', '\u2028', 'A'];

/** Nine or more properties (so Ajv calls hasOwnProperty), some named like inherited members. */
const FIELDS: AnySchemaObject = JSON.parse(
  JSON.stringify({
    a: { type: 'string' },
    bb: { type: 'string' },
    ccc: {},
    dd: { type: 'integer' },
    'a b': { type: 'string' },
    é: {},
    toString: { type: 'string' },
    constructor: { type: 'string' },
    '1': { type: 'integer' },
    eeeeeeeeeeee: {},
  }),
) as AnySchemaObject;

const SCHEMAS: Record<string, AnySchemaObject> = {
  top: { type: 'object', properties: FIELDS, additionalProperties: false },
  // Ajv writes the test against `schema40.properties`, `schema40.$defs["x y"].properties`, `schema40.allOf[0].properties`.
  nested: {
    type: 'object',
    properties: { inner: { $ref: '#/$defs/x y' } },
    $defs: { 'x y': { type: 'object', properties: FIELDS, additionalProperties: false } },
    allOf: [{ type: 'object', properties: { ...FIELDS, inner: {} }, additionalProperties: false }],
  },
  // `__proto__` as an own property name of `properties` (as JSON.parse gives it), beside nine others (Ajv
  // counts the others only: with eight it compares names itself and refuses `__proto__`).
  proto: JSON.parse(
    '{"type":"object","properties":{"__proto__":{"type":"string"},"a":{},"b":{},"c":{},"d":{},"e":{},"f":{},"g":{},"h":{},"i":{}},"additionalProperties":false}',
  ) as AnySchemaObject,
};

/** Records giving each name (own properties, as JSON.parse makes them), alone and beside a declared field. */
function records(): unknown[] {
  const names = [...ODD, ...Object.keys(FIELDS), 'inner', 'aa', 'b', 'ccc ', 'CONSTRUCTOR', 'eeeeeeeeeeeE'];
  return names.flatMap((name) => {
    const one = JSON.parse(`{${JSON.stringify(name)}:"x"}`) as unknown;
    const two = JSON.parse(`{"a":"y",${JSON.stringify(name)}:1,"inner":{${JSON.stringify(name)}:"z"}}`) as unknown;
    return [one, two];
  });
}

describe('knownFieldsByName', () => {
  for (const [label, schema, ownProperties] of Object.entries(SCHEMAS).flatMap(([l, s]) => [[l, s, false] as const, [l, s, true] as const])) {
    it(`gives Ajv's own verdicts and errors for every field name (${label}${ownProperties ? ', own-property reads' : ''})`, () => {
      const ours = createAjv({ ownProperties }).compile(schema);
      const plain = createAjv({ ownProperties });
      plain.opts.code.process = undefined;
      const theirs = plain.compile(schema);
      // The rewrite was made: no hasOwnProperty call is left in the engine's code, and Ajv's own has one.
      expect(ours.toString()).not.toMatch(/func\d+\.call\(schema/);
      expect(theirs.toString()).toMatch(/func\d+\.call\(schema\d+[^,]*\.properties, key\d+\)/);
      let refused = 0;
      for (const record of records()) {
        const verdict = ours(record);
        expect(verdict, JSON.stringify(record)).toBe(theirs(record));
        expect(ours.errors, JSON.stringify(record)).toEqual(theirs.errors);
        if (!verdict) refused++;
      }
      expect(refused).toBeGreaterThan(10);
    });
  }

  it('refuses a field named like an inherited member that `properties` does not declare, and accepts one it does', () => {
    const validate = createAjv().compile(SCHEMAS.top!);
    for (const name of ['__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      expect(validate(JSON.parse(`{${JSON.stringify(name)}:"x"}`)), name).toBe(false);
      // (Also `type` errors here: without own-property reads `toString` and `constructor` are read inherited.)
      const additional = validate.errors?.filter((e) => e.keyword === 'additionalProperties');
      expect(additional?.map((e) => (e.params as { additionalProperty: string }).additionalProperty)).toEqual([name]);
    }
    expect(validate({ toString: 'x', constructor: 'y', '1': 2 })).toBe(true);
    expect(createAjv().compile(SCHEMAS.proto!)(JSON.parse('{"__proto__":"x","a":1}'))).toBe(true);
  });

  it('leaves a test it cannot resolve as Ajv wrote it', () => {
    const code = 'if(!(func8.call(schema40.properties, key0))){';
    expect(knownFieldsByName(code, new Map())).toBe(code);
    // The function is not hasOwnProperty, or `properties` is not a plain object of names.
    expect(
      knownFieldsByName(
        code,
        new Map<string, unknown>([
          ['func8', Object.keys],
          ['schema40', { properties: { a: {} } }],
        ]),
      ),
    ).toBe(code);
    expect(
      knownFieldsByName(
        code,
        new Map<string, unknown>([
          ['func8', Object.prototype.hasOwnProperty],
          ['schema40', { properties: true }],
        ]),
      ),
    ).toBe(code);
    expect(
      knownFieldsByName(
        code,
        new Map<string, unknown>([
          ['func8', Object.prototype.hasOwnProperty],
          ['schema40', { properties: { a: {}, bc: {}, d: {} } }],
        ]),
      ),
    ).toBe('if(!((key0.length === 1 ? key0 === "a" || key0 === "d" : key0.length === 2 ? key0 === "bc" : false))){');
  });
});
