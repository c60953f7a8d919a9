/**
 * A CSV row's cells as a record: each non-empty cell becomes a field, its text converted to the type the
 * schema gives the field (integer, number, boolean), in the header's order; text that does not convert
 * stays text so the schema reports it.
 *
 * For a header of top-level fields, the record is built by a function made once per header, with one
 * named store per column. V8 keeps an object built by stores under variable names (`record[key] = …`)
 * in its slow dictionary form once it has more than about 16 fields, and every read of it by the
 * validator and the scorecard is then a hash lookup; named stores keep it a fast object, as JSON.parse
 * makes it. (A batch file of 34 columns validated at 0.3 of its floor before, docs/benchmarks.md.)
 * The made function holds the header's names only as JSON string literals, so no header text can
 * become code. Nested headers (`address.postcode`) and very wide headers use the general path.
 */
import type { BooleanSpelling } from './csv-dialect.js';
import { PYTHON_SPACE_CLASS } from '../wire-formats.js';
import { asciiDigits } from '../decimal-digits.js';

/**
 * How a cell's text is read as a number: `plain` (`-?` digits, and for numbers a fraction and an
 * exponent), or `python`, as Python's int() and Decimal() read it (the national immunisation pipeline
 * converts its number columns so): white space around it, a `+` sign, `_` between digits and any Unicode
 * decimal digit (fullwidth `１`, Arabic-Indic `١`: Python reads each as its digit) are fine; for a number
 * (Decimal()), an underscore anywhere, as Decimal() drops every one once the white space is stripped.
 * A standard whose dialect has `cells: lenient` reads numbers the Python way (csv-dialect.ts).
 */
export type NumberSpelling = 'plain' | 'python';

export type CellKind = 'string' | 'integer' | 'number' | 'boolean';

/** How a column maps onto a record: the path segments of its header and the type its cells take. */
export interface CsvColumn {
  segments: string[];
  kind: CellKind;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `-?[0-9]+` as a number; other text as it is. */
function toInteger(text: string): unknown {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  if (i === n) return text;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return text;
  }
  return Number(text);
}

function toNumber(text: string): unknown {
  return NUMBER.test(text) ? Number(text) : text;
}

/** Python's white space at either end (str.strip()), which int() and Decimal() drop. */
const PYTHON_TRIM = new RegExp(`^${PYTHON_SPACE_CLASS}+|${PYTHON_SPACE_CLASS}+$`, 'g');
const PYTHON_INT = /^[+-]?\d+(?:_\d+)*$/;
// Finite values only: Decimal() also reads NaN and Infinity, which the pipeline's FHIR model then refuses.
// Tested once the underscores are gone: Decimal() strips the white space, then drops every `_` (CPython's
// _decimal and _pydecimal alike), so `_1`, `1__0.5` and `1_e_1` are numbers to it; int() is stricter.
const PYTHON_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The text int() and Decimal() read: Python's white space dropped from either end, Unicode digits as ASCII ones. */
function pythonCore(text: string): string {
  const core = text.replace(PYTHON_TRIM, '');
  return asciiDigits(core);
}

/** Text as Python's int() reads it, as a number; other text as it is. */
function toPythonInteger(text: string): unknown {
  const plain = toInteger(text); // the usual case, read with no regular expression
  if (plain !== text) return plain;
  const core = pythonCore(text);
  return PYTHON_INT.test(core) ? Number(core.replace(/_/g, '')) : text;
}

/** Text as Python's int(), else Decimal(), reads it, as a number; other text as it is. */
function toPythonNumber(text: string): unknown {
  const plain = toNumber(text);
  if (plain !== text) return plain;
  const core = pythonCore(text).replace(/_/g, '');
  return PYTHON_DECIMAL.test(core) ? Number(core) : text;
}

function toBoolean(text: string, booleans: BooleanSpelling): unknown {
  if (text === 'true' || text === 'TRUE' || text === 'True') return true;
  if (text === 'false' || text === 'FALSE' || text === 'False') return false;
  if (booleans === 'any-case' && (text.length === 4 || text.length === 5)) {
    const lower = text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return text;
}

/** A non-empty cell's value for a field of `kind`. */
export function convert(text: string, kind: CellKind, booleans: BooleanSpelling, numbers: NumberSpelling = 'plain'): unknown {
  switch (kind) {
    case 'integer':
      return numbers === 'python' ? toPythonInteger(text) : toInteger(text);
    case 'number':
      return numbers === 'python' ? toPythonNumber(text) : toNumber(text);
    case 'boolean':
      return toBoolean(text, booleans);
    default:
      return text;
  }
}

/** Builds the record of a row that has exactly one cell per column. */
export type RowBuilder = (cells: readonly string[]) => Record<string, unknown>;

/** Headers wider than this use the general path (a made function's size grows with the columns). */
const MAX_BUILT_COLUMNS = 1024;

/**
 * The builder for a header's columns (undefined: a skipped column), or undefined when the header needs
 * the general path: a nested or `__proto__` field (which a store would not make an own field), or too
 * many columns.
 */
export function rowBuilder(columns: readonly (CsvColumn | undefined)[], booleans: BooleanSpelling, numbers: NumberSpelling = 'plain'): RowBuilder | undefined {
  if (columns.length > MAX_BUILT_COLUMNS) return undefined;
  const lines = ['"use strict";', 'return function buildRecord(cells) {', 'const r = {};', 'let t;'];
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (column === undefined) continue;
    if (column.segments.length !== 1 || column.segments[0] === '__proto__') return undefined;
    const key = JSON.stringify(column.segments[0]);
    const value =
      column.kind === 'string' ? 't' : column.kind === 'integer' ? 'toInteger(t)' : column.kind === 'number' ? 'toNumber(t)' : 'toBoolean(t, booleans)';
    lines.push(`t = cells[${i}];`, `if (t !== '') r[${key}] = ${value};`);
  }
  lines.push('return r;', '};');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are JSON string literals; see above
  const make = new Function('toInteger', 'toNumber', 'toBoolean', 'booleans', lines.join('\n')) as (
    i: typeof toInteger,
    n: typeof toNumber,
    b: typeof toBoolean,
    booleans: BooleanSpelling,
  ) => RowBuilder;
  return numbers === 'python' ? make(toPythonInteger, toPythonNumber, toBoolean, booleans) : make(toInteger, toNumber, toBoolean, booleans);
}
