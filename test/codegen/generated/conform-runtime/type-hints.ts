/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/type-hints.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * What kind of near miss a text value is, for a value that has already failed a `type` of boolean,
 * integer or number: in a CSV file every cell is text, and one that does not read as the field's type
 * stays text, so "must be of type boolean" alone leaves an analyst asking why `Y` is not a boolean. The
 * hint says how to fix it ("write true or false: a flag such as Y, N, 1 or 0 is not read as one").
 *
 * As format-hints.ts: a hint is one of a fixed set of phrases chosen from the value's shape, never the
 * value or any part of it, each true of every value that gets it; made only when the type has failed,
 * and a value longer than MAX_HINTED characters gets none.
 */
import { MAX_HINTED } from './format-hints.js';
import { rangeWords, type Range } from './bounds.js';

const ONLY_SPACES = /^\s+$/;
const FLAG = /^(?:y|n|yes|no|t|f|1|0)$/;
const READABLE = new Set(['true', 'TRUE', 'True', 'false', 'FALSE', 'False']);
const DECIMAL = /^\s*[+-]?(?:\d+\.\d*|\.\d+)\s*$/;
const EXPONENT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+\s*$/;
const DECIMAL_COMMA = /^\s*[+-]?\d+,\d+\s*$/;
const WITH_UNIT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*[^\d\s.,+-][^\d]*$/;

function booleanHint(value: string): string | undefined {
  const lower = value.toLowerCase();
  const trimmed = lower.trim();
  if (trimmed !== lower && (trimmed === 'true' || trimmed === 'false')) return 'it has spaces around it: remove them';
  // A spelling every reading takes (true, TRUE, True) that still failed is text in JSON: its quotes are the fault.
  if (READABLE.has(value)) return 'it is true or false written as text (in quotes): write true or false itself, without quotes';
  if (lower === 'true' || lower === 'false')
    return 'it is true or false in mixed case: write true or false (in a CSV cell also TRUE or True; in JSON without quotes)';
  if (FLAG.test(trimmed)) return 'write true or false: a flag such as Y, N, 1 or 0 is not read as one';
  return undefined;
}

function integerHint(value: string): string | undefined {
  if (DECIMAL.test(value)) return 'it has a decimal point: write a whole number';
  if (EXPONENT.test(value)) return 'it has an exponent: write a whole number in digits';
  return undefined;
}

function numberHint(value: string): string | undefined {
  if (DECIMAL_COMMA.test(value)) return 'it has a decimal comma: write a decimal point, e.g. 0.5';
  if (WITH_UNIT.test(value)) return 'it has text after the number (a unit?): write the number alone';
  return undefined;
}

const HINTS: Readonly<Record<string, (value: string) => string | undefined>> = {
  boolean: booleanHint,
  integer: integerHint,
  number: numberHint,
};

/** Text that is a JSON number as written: only a JSON string can be such text and not read as a number. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The form a value of the type is written in, for a text value no near-miss phrase fits ("abc" for a
 * number): the type in words and, for a number with a range in its schema, the range.
 */
function expectedForm(type: string, value: string, range: Range | undefined): string | undefined {
  if (type === 'boolean') return 'write true or false';
  if (type !== 'integer' && type !== 'number') return undefined;
  if (JSON_NUMBER.test(value) && (type === 'number' || Number.isInteger(Number(value))))
    return 'it is a number written as text (in quotes): write the number itself, without quotes';
  const bounds = range === undefined ? '' : `, ${rangeWords(range)}`;
  return type === 'integer'
    ? `write a whole number in digits${bounds === '' ? ', e.g. 3' : bounds}`
    : `write a number in digits, with a decimal point for a fraction (e.g. 0.5)${bounds}`;
}

/**
 * A JSON value that is not text where the field holds text (an NHS number, a code, a compact date sent as a
 * number; a flag sent as true or false): only JSON or NDJSON can send one, as a CSV cell is text already,
 * and the fix is its quotes. Said for every field whose type is text, in the words of the value's kind,
 * never the value. Undefined where the field takes the value's kind too (`type: [string, number]`).
 */
function textHint(type: string, value: unknown): string | undefined {
  const types = type.split(',');
  if (!types.includes('string')) return undefined;
  const kind =
    typeof value === 'number'
      ? types.includes('number') || types.includes('integer')
        ? undefined
        : 'a number'
      : typeof value === 'boolean'
        ? types.includes('boolean')
          ? undefined
          : 'true or false'
        : undefined;
  return kind === undefined ? undefined : `it is written as ${kind}, but the field holds text: send the value in quotes ("…")`;
}

/**
 * A hint for a text value that failed `type` (Ajv's params.type, e.g. "integer" or "integer,string"), or
 * undefined: a near miss's fix, else the form a boolean or number is written in (with its range, given
 * the range of the field's schema, bounds.ts).
 */
export function typeHint(type: string, value: unknown, range?: Range): string | undefined {
  if (typeof value !== 'string') return textHint(type, value);
  if (value === '' || value.length > MAX_HINTED) return undefined;
  const hint = HINTS[type];
  if (hint === undefined) return undefined;
  if (ONLY_SPACES.test(value)) return 'it is only white space';
  return hint(value) ?? expectedForm(type, value, range);
}
