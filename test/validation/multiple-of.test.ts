/**
 * `multipleOf` judged on the decimals written: Ajv's own check (value / multipleOf an integer) refused 0.3
 * as a multiple of 0.1 and 0.07 of 0.01. The engine's keyword allows for the division's rounding and no
 * more, judges whole numbers by their remainder, and the standalone validator's code judges the same.
 */
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from '../../src/validation/ajv.js';
import { isMultipleOf } from '../../src/validation/multiple-of.js';
import { validateValue } from '../../src/validation/validate.js';
import { Validators } from '../../src/validation/validators.js';

const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

/** [multipleOf, value, a multiple?] */
const CASES: [number, number, boolean][] = [
  [0.1, 0.3, true],
  [0.1, -0.3, true],
  [0.01, 0.07, true],
  [0.01, 0.35, true],
  [0.01, 19.99, true],
  [0.01, 123456789.12, true],
  [0.2, 1.4, true],
  [1e-7, 3e-7, true],
  [0.5, 2.5, true],
  [2, 8, true],
  [3, 0, true],
  [2, 2 ** 52 + 2, true],
  [0.1, 0.35, false],
  [0.1, 0.3000000001, false],
  [0.01, 123456789.123, false],
  [0.5, 2.25, false],
  [2, 7, false],
  [2, 7.5, false],
  // A whole number of a whole step by its remainder: the quotient's rounding tolerance is above a half here.
  [2, 2 ** 52 + 1, false],
  // A value far smaller than the step is no multiple (only 0 is 0 times a step): the tolerance was at
  // least eight units of 1, so a quotient under 1.8e-15 passed.
  [0.01, 0.001, false],
  [0.01, 1e-9, false],
  [0.01, 1e-17, false],
  [0.01, 1e-20, false],
  [0.01, -1e-20, false],
  [0.01, 5e-324, false],
  [0.1, 1e-300, false],
  [0.5, 2 ** -60, false],
  [3, 1e-20, false],
  [3, -1e-300, false],
  [0.01, 0, true],
  [0.01, -0, true],
  [0.01, 0.01, true],
  [0.01, -0.07, true],
  [0.1, 1.1, true],
  [0.1, 0.30000000000000004, true],
  [0.01, 1e21, true],
  [0.01, -1e21, true],
  [0.01, 1.23e21, true],
  [3, 1e21, false],
  [3, 1.2e21, true],
  [0.5, -2.5, true],
  [0.5, 1e300, true],
  [1e-7, 0.1, true],
  [1e-7, 1.5e-7, false],
  [3, 2.9999999999, false],
];

describe('multipleOf', () => {
  it.each(CASES)('of %s: %s is a multiple: %s (the engine)', (multipleOf, value, expected) => {
    const validate = createAjv().compile({ type: 'number', multipleOf });
    expect(validate(value)).toBe(expected);
    if (!expected) expect(validate.errors?.[0]).toMatchObject({ keyword: 'multipleOf', params: { multipleOf } });
  });

  it('isMultipleOf (the registry diff asks it of two steps) judges every case as the keyword does', () => {
    for (const [multipleOf, value, expected] of CASES) expect(isMultipleOf(value, multipleOf), `${value} of ${multipleOf}`).toBe(expected);
  });

  it('the standalone validator judges every case as the engine does', () => {
    const ajv = createAjv();
    Object.assign(ajv.opts.code, { source: true });
    const code = standaloneCode(ajv, ajv.compile({ type: 'number', multipleOf: 0.01 }));
    const three = standaloneCode(ajv, ajv.compile({ type: 'number', multipleOf: 3, $id: 'three' }));
    const whole = standaloneCode(ajv, ajv.compile({ type: 'number', multipleOf: 2, $id: 'whole' }));
    const load = (text: string) => {
      const module = { exports: {} as { default?: (v: unknown) => boolean } };
      const run = runInThisContext(`(function (module, exports, require) {${text}\n})`) as (m: unknown, e: unknown, r: unknown) => void;
      run(module, module.exports, createRequire(import.meta.url));
      return module.exports.default ?? (module.exports as unknown as (v: unknown) => boolean);
    };
    const decimal = load(code);
    const integer = load(whole);
    const byThree = load(three);
    for (const [multipleOf, value, expected] of CASES) {
      if (multipleOf === 0.01) expect(decimal(value), `${value} of 0.01`).toBe(expected);
      if (multipleOf === 2) expect(integer(value), `${value} of 2`).toBe(expected);
      if (multipleOf === 3) expect(byThree(value), `${value} of 3`).toBe(expected);
    }
  });

  it('a finding names the rule and the step, never the value', () => {
    const compiled = new Validators().compile({ id: 'dose-test', version: '1.0.0', contentHash: 'sha256:0' }, 'urn:test:multiple-of', {
      type: 'object',
      properties: { dose: { type: 'number', multipleOf: 0.1 } },
    });
    expect(validateValue(compiled, { dose: 0.3 })).toEqual([]);
    expect(validateValue(compiled, { dose: 0.35 }).map((f) => [f.path, f.rule, f.message])).toEqual([['/dose', 'multipleOf', 'must be a multiple of 0.1']]);
  });
});
