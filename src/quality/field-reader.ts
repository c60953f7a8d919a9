/**
 * Reads every measured field of a record in one generated function, with the field names written into
 * the code (as Ajv does for validation): a literal property read is several times quicker than a read by
 * a variable key, and this runs for every field of every record. Names are JSON-quoted, so any field
 * name is safe in the generated code.
 */
import { isInheritedName, pointerSegments } from '../validation/pointer.js';
import { defaultCodeTest, exactCodes, type DefaultCodeField } from './default-codes.js';
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

/** Reads a field's value, as generated code: its expression (`access`), or a local holding it. */
type Read = (pointer: string) => string;
const readDirectly: Read = (pointer) => access(pointerSegments(pointer));

/**
 * Whether `v` is one of a field's default codes, as generated code: a few codes compared exactly are written
 * into the code (`v === "X"`, default-codes.ts exactCodes), others asked of the field's test.
 */
function defaultTest(field: DefaultCodeField, i: number): string {
  const codes = exactCodes(field);
  if (codes === undefined) return `isDefault[${i}](v)`;
  return codes.map((code) => `v === ${typeof code === 'string' ? JSON.stringify(code) : Object.is(code, -0) ? '0' : String(code)}`).join(' || ');
}

/** Statements counting each field given, and each default code (`v`, `t`, `c`: locals of the generated function). */
function countLines(fields: readonly ({ pointer: string } & DefaultCodeField)[], isDefault: readonly unknown[], read: Read): string[] {
  return fields.map((f, i) => {
    const count = `if (${GIVEN}) { present[${i}]++;${isDefault[i] ? ` if (${defaultTest(f, i)}) defaults[${i}]++;` : ''} }`;
    return `v = ${read(f.pointer)}; ${count}`;
  });
}

export function compileFieldReader(fields: ({ pointer: string } & DefaultCodeField)[]): FieldReader {
  const isDefault = fields.map(defaultCodeTest);
  const lines = countLines(fields, isDefault, readDirectly);
  const body = `return function readFields(value, present, defaults) {\n  if (value === null || typeof value !== "object") return;\n  let v, t, c;\n  ${lines.join('\n  ')}\n};`;
  // Generated from the plan's own pointers (literal property names, never data): the fast path of the scorecard.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('isDefault', 'filled', body)(isDefault, filledText) as FieldReader;
}

/**
 * Feeds a record's key parts to `hash(text, tag)`; false when a part is missing (the key is incomplete):
 * absent, null, or text that is empty or only white space (blank.ts). A part the standard declares optional
 * (standard.yaml `recordKeyOptional`) is never missing: when not given it is fed as an absent part (tag 3),
 * unlike any text or number, so two records differing only in whether they give it are two keys.
 */
export type KeyReader = (value: unknown, hash: (text: string, tag: number) => void) => boolean;

/**
 * Statements feeding the key's parts to `hash` inside a block labelled `key`, left by `break key` when a
 * part is missing. With `join` (x-record-actions' `join`: `{URI}#{ID}`) the parts are one text joined with
 * it (`text`, a local; `sep`, the join), fed as one part, so `a#b` + `c` and `a` + `b#c` are one key, as
 * the rule across rows takes them. An `optional` part not given adds nothing (joined) or an absent part.
 */
function keyLines(pointers: readonly string[], join: string | undefined, read: Read, optional: ReadonlySet<string> = new Set()): string[] {
  const given = 'typeof v === "string" ? filled(v) : typeof v === "number" || typeof v === "boolean"';
  if (join !== undefined) {
    const lines = pointers.map((p, i) =>
      optional.has(p)
        ? `v = ${read(p)}; text += ${i === 0 ? '' : 'sep + '}(${given} ? String(v) : "");`
        : `v = ${read(p)}; if (typeof v === "string" ? !filled(v) : typeof v !== "number" && typeof v !== "boolean") break key; text += ${i === 0 ? '' : 'sep + '}String(v);`,
    );
    return ['text = "";', ...lines, 'hash(text, 1);'];
  }
  return pointers.map((p) =>
    optional.has(p)
      ? `v = ${read(p)}; if (typeof v === "string" && filled(v)) hash(v, 1); else if (typeof v === "number" || typeof v === "boolean") hash(String(v), 2); else hash("", 3);`
      : `v = ${read(p)}; if (typeof v === "string") { if (!filled(v)) break key; hash(v, 1); } else if (typeof v === "number" || typeof v === "boolean") hash(String(v), 2); else break key;`,
  );
}

export function compileKeyReader(pointers: string[], join?: string, optional: readonly string[] = []): KeyReader {
  const lines = keyLines(pointers, join, readDirectly, new Set(optional));
  const body = `return function readKey(value, hash) {\n  if (value === null || typeof value !== "object") return false;\n  let v, t, text;\n  key: {\n  ${lines.join('\n  ')}\n  return true;\n  }\n  return false;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('sep', 'filled', body)(join, filledText) as KeyReader;
}

/** Whether at least one of the operand sets has every value given, as an expression. */
function anyGivenTest(sets: readonly (readonly string[])[], read: Read): string {
  if (sets.length === 0) return 'false';
  return sets.map((pointers) => (pointers.length === 0 ? 'true' : `(${pointers.map((p) => `(v = ${read(p)}, ${GIVEN})`).join(' && ')})`)).join(' || ');
}

/**
 * Whether a record gives at least one of the operand sets every value (blank.ts isGiven): the collector's
 * test of whether any cross-field rule compared something in it (QualityCounts.consistency.checkable),
 * generated like the field reader, as it runs for every record.
 */
export function compileAnyGiven(sets: readonly (readonly string[])[]): (value: unknown) => boolean {
  const body = `return function anyGiven(value) {\n  if (value === null || typeof value !== "object") return false;\n  let v, t, c;\n  return ${anyGivenTest(sets, readDirectly)};\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('filled', body)(filledText) as (value: unknown) => boolean;
}

/**
 * Statements declaring each local of `locals` (pointer to name) as the value at its pointer. A field at the
 * top of the record whose name no object inherits is read by one `for…in` over the record's own fields,
 * each name compared (by length, then as text) with the names wanted: a record's shape varies with the
 * optional fields it gives, so a read by name misses V8's inline cache (about 65 instructions on a pool
 * thread), where `for…in` reads each field by its index in the shape. A record from JSON.parse or a CSV
 * row has only own, enumerable data fields, which `for…in` meets as a read by name finds them; an array
 * (whose `length` is no enumerable field) and the other pointers are read by name, as before.
 */
function readOnce(locals: ReadonlyMap<string, string>): string[] {
  const top = new Map<string, string>();
  const direct: string[] = [];
  for (const [pointer, name] of locals) {
    const segments = pointerSegments(pointer);
    if (segments.length === 1 && !isInheritedName(segments[0]!)) top.set(segments[0]!, name);
    else direct.push(`const ${name} = ${readDirectly(pointer)};`);
  }
  if (top.size === 0) return direct;
  const byLength = new Map<number, [string, string][]>();
  for (const entry of [...top].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const same = byLength.get(entry[0].length);
    if (same) same.push(entry);
    else byLength.set(entry[0].length, [entry]);
  }
  const cases = [...byLength]
    .sort(([a], [b]) => a - b)
    .map(([length, same]) => `case ${length}: ${same.map(([field, name]) => `if (k === ${JSON.stringify(field)}) ${name} = value[k];`).join(' else ')} break;`);
  return [
    `let ${[...top.values()].join(', ')};`,
    `if (Array.isArray(value)) { ${[...top].map(([field, name]) => `${name} = value[${JSON.stringify(field)}];`).join(' ')} }`,
    `else for (const k in value) { switch (k.length) { ${cases.join(' ')} } }`,
    ...direct,
  ];
}

/**
 * The field reader, the key reader, the operand test and the event date's getter in one generated
 * function, each field read once (a record's shape varies with the optional fields it gives, so each read
 * misses V8's inline cache, about 50 instructions on a pool thread, and the four readers shared five of
 * them in the bench stream). It counts as compileFieldReader does; feeds the key to `hash` as
 * compileKeyReader does when `hash` is given, setting `out[0]` to 1 when the key is complete (else 0);
 * sets `out[1]` to 1 when compileAnyGiven's test holds; and returns the event date (undefined without one).
 */
export type RecordReader = (
  value: unknown,
  present: Float64Array,
  defaults: Float64Array,
  hash: ((text: string, tag: number) => void) | undefined,
  out: Uint8Array,
) => unknown;

export interface RecordReads {
  fields: ({ pointer: string } & DefaultCodeField)[];
  /** The record key: its parts, x-record-actions' join, and the parts that may be absent (recordKeyOptional). */
  key?: { pointers: string[]; join?: string; optional?: string[] };
  operands?: readonly (readonly string[])[];
  eventDate?: string;
}

export function compileRecordReader(reads: RecordReads): RecordReader {
  const isDefault = reads.fields.map(defaultCodeTest);
  // Every pointer any part reads, read once into a local, in the order first named.
  const locals = new Map<string, string>();
  const named = [
    ...reads.fields.map((f) => f.pointer),
    ...(reads.key?.pointers ?? []),
    ...(reads.operands ?? []).flat(),
    ...(reads.eventDate === undefined ? [] : [reads.eventDate]),
  ];
  for (const pointer of named) if (!locals.has(pointer)) locals.set(pointer, `f${locals.size}`);
  const local: Read = (pointer) => locals.get(pointer)!;
  const declarations = readOnce(locals);
  const key = reads.key
    ? `if (hash !== undefined) {\n  key: {\n  ${keyLines(reads.key.pointers, reads.key.join, local, new Set(reads.key.optional)).join('\n  ')}\n  complete = 1;\n  }\n  }`
    : '';
  const body = [
    'return function readRecord(value, present, defaults, hash, out) {',
    '  if (value === null || typeof value !== "object") { out[0] = 0; out[1] = 0; return undefined; }',
    '  let v, t, c, text, complete = 0;',
    `  ${declarations.join('\n  ')}`,
    `  ${countLines(reads.fields, isDefault, local).join('\n  ')}`,
    `  ${key}`,
    '  out[0] = complete;',
    `  out[1] = ${reads.operands ? anyGivenTest(reads.operands, local) : 'false'} ? 1 : 0;`,
    `  return ${reads.eventDate === undefined ? 'undefined' : local(reads.eventDate)};`,
    '};',
  ].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('isDefault', 'filled', 'sep', body)(isDefault, filledText, reads.key?.join) as RecordReader;
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
