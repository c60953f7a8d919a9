/**
 * Ajv checks `maxLength` and `minLength` by counting a string's characters with its `ucs2length` (a pair
 * of surrogates counts once): `if(func1(data0) > 20){` walks the whole string, each time, for each
 * limit (the bench stream's `attendanceId` twice a record, its `postcode` once). The count is never more
 * than the string's length in code units and never less than half of it, so most strings are settled
 * by their length alone: the count can exceed `max` only when the length does, and fall under `min` only
 * when the length is under twice `min`. Each test is rewritten to ask the length first, and to count
 * only when the length leaves the answer open: `if((data0.length > 20 && func1(data0) > 20)){`. The
 * verdict is the same for every string (`ucs2length` is only called on a value that is a string).
 *
 * Only a test whose function is Ajv's `ucs2length` (read from the instance's scope, known-fields.ts) and
 * whose limit is a number written in the code is rewritten.
 */
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import type { ScopeValues } from './known-fields.js';

const ucs2length = (ucs2lengthModule as unknown as { default?: unknown }).default ?? ucs2lengthModule;

const LENGTH_TEST = /(func\d+)\((data\d*)\) ([<>]) (\d+)(?=\))/g;

/** Ajv's code with each `maxLength`/`minLength` test settled by the string's length where that is enough. */
export function lengthFirst(code: string, values: ScopeValues): string {
  return code.replace(LENGTH_TEST, (test, func: string, data: string, op: string, limit: string) => {
    if (values.get(func) !== ucs2length) return test;
    // maxLength: more characters than `limit` needs more code units. minLength: fewer than `limit` needs fewer than twice as many.
    const bound = op === '>' ? limit : String(2 * Number(limit));
    return `(${data}.length ${op} ${bound} && ${test})`;
  });
}
