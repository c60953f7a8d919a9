/**
 * Reads every measured field of a record in one generated function, with the field names written into
 * the code (as Ajv does for validation): a literal property read is several times quicker than a read by
 * a variable key, and this runs for every field of every record. Names are JSON-quoted, so any field
 * name is safe in the generated code.
 */
import { isInheritedName, pointerSegments } from '../validation/pointer.js';
import { defaultCodeTest, type DefaultCodeField } from './default-codes.js';
import { filledText } from './blank.js';

/**
 * Counts, per field: values given (present, not null, not empty or white-space text: blank.ts), and those
 * that are a default code (default-codes.ts).
 */
export type FieldReader = (value: unknown, present: Float64Array, defaults: Float64Array) => void;

function access(segments: string[]): string {
  // value["a"] for a top-level field; for nested ones, each step checks that it has an object in hand. A
  // field named like an inherited member (`constructor`, `__proto__`) is read as an own property only.
  let expression = 'value';
  for (const segment of segments) {
    const key = JSON.stringify(segment);
    const own = isInheritedName(segment);
    expression =
      expression === 'value'
        ? own
          ? `(Object.hasOwn(value, ${key}) ? value[${key}] : undefined)`
          : `value[${key}]`
        : `((t = ${expression}) !== null && typeof t === "object"${own ? ` && Object.hasOwn(t, ${key})` : ''} ? t[${key}] : undefined)`;
  }
  return expression;
}

/**
 * Whether `v` is given (blank.ts isGiven), as generated code: text whose first character is printable
 * ASCII (most values) is settled without a call; `c` is a local of the generated function.
 */
const GIVEN = `v !== undefined && v !== null && (typeof v !== "string" || ((c = v.charCodeAt(0)) > 32 && c < 127) || filled(v))`;

export function compileFieldReader(fields: ({ pointer: string } & DefaultCodeField)[]): FieldReader {
  const isDefault = fields.map(defaultCodeTest);
  const lines = fields.map((f, i) => {
    const read = `v = ${access(pointerSegments(f.pointer))};`;
    const count = `if (${GIVEN}) { present[${i}]++;${isDefault[i] ? ` if (isDefault[${i}](v)) defaults[${i}]++;` : ''} }`;
    return `${read} ${count}`;
  });
  const body = `return function readFields(value, present, defaults) {\n  if (value === null || typeof value !== "object") return;\n  let v, t, c;\n  ${lines.join('\n  ')}\n};`;
  // Generated from the plan's own pointers (literal property names, never data): the fast path of the scorecard.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('isDefault', 'filled', body)(isDefault, filledText) as FieldReader;
}

/**
 * Feeds a record's key parts to `hash(text, tag)`; false when a part is missing (the key is incomplete):
 * absent, null, or text that is empty or only white space (blank.ts).
 */
export type KeyReader = (value: unknown, hash: (text: string, tag: number) => void) => boolean;

export function compileKeyReader(pointers: string[], join?: string): KeyReader {
  if (join !== undefined) return joinedKeyReader(pointers, join);
  const lines = pointers.map((p) => {
    const read = `v = ${access(pointerSegments(p))};`;
    return `${read} if (typeof v === "string") { if (!filled(v)) return false; hash(v, 1); } else if (typeof v === "number" || typeof v === "boolean") hash(String(v), 2); else return false;`;
  });
  const body = `return function readKey(value, hash) {\n  if (value === null || typeof value !== "object") return false;\n  let v, t;\n  ${lines.join('\n  ')}\n  return true;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('filled', body)(filledText) as KeyReader;
}

/**
 * A key whose parts are one text joined with `join` (x-record-actions' `join`: `{URI}#{ID}`), fed as one
 * part, so `a#b` + `c` and `a` + `b#c` are one key, as the rule across rows takes them.
 */
function joinedKeyReader(pointers: string[], join: string): KeyReader {
  const lines = pointers.map((p, i) => {
    const read = `v = ${access(pointerSegments(p))};`;
    return `${read} if (typeof v === "string" ? !filled(v) : typeof v !== "number" && typeof v !== "boolean") return false; text += ${i === 0 ? '' : 'sep + '}String(v);`;
  });
  const body = `return function readKey(value, hash) {\n  if (value === null || typeof value !== "object") return false;\n  let v, t, text = "";\n  ${lines.join('\n  ')}\n  hash(text, 1);\n  return true;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('sep', 'filled', body)(join, filledText) as KeyReader;
}

/**
 * Whether a record gives at least one of the operand sets every value (blank.ts isGiven): the collector's
 * test of whether any cross-field rule compared something in it (QualityCounts.consistency.checkable),
 * generated like the field reader, as it runs for every record.
 */
export function compileAnyGiven(sets: readonly (readonly string[])[]): (value: unknown) => boolean {
  const tests = sets.map((pointers) =>
    pointers.length === 0 ? 'return true;' : `if (${pointers.map((p) => `(v = ${access(pointerSegments(p))}, ${GIVEN})`).join(' && ')}) return true;`,
  );
  const body = `return function anyGiven(value) {\n  if (value === null || typeof value !== "object") return false;\n  let v, t, c;\n  ${tests.join('\n  ')}\n  return false;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('filled', body)(filledText) as (value: unknown) => boolean;
}

/**
 * A reader of one field's value, generated like the field reader (a literal property read, own properties
 * only for a name an object inherits; undefined when the record or a step on the way is not an object),
 * for a field the collector reads in every record (the event date): a getter reading by a key variable
 * shares one keyed property read among all such getters.
 */
export function compileGetter(pointer: string): (value: unknown) => unknown {
  const body = `return function get(value) {\n  if (value === null || typeof value !== "object") return undefined;\n  let t;\n  return ${access(pointerSegments(pointer))};\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function(body)() as (value: unknown) => unknown;
}
