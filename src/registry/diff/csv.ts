/**
 * Changes to a version's CSV dialect (`x-csv` on the record; src/validation/readers/csv-dialect.ts),
 * judged on the dialect in effect (the defaults filled in, so declaring a default is no change), option by
 * option, and, under an exact header, to its columns: an exact header must be the record's fields in the
 * schema's order, so a field added, removed or moved changes the one header a file may have, and every
 * file written for the old version is refused (a change the field-by-field rules cannot see: adding an
 * optional field is otherwise additive, and moving one is no change at all).
 *
 * Every version is read from CSV (in the default dialect where it declares none), and a cell becomes a
 * value by the type its field gives it (src/validation/schema-walk.ts `kindOf`): a field whose cells
 * are read as another kind (text to integers, numbers to text) turns the same row into another record,
 * which the field-by-field rules cannot see (`enum: [1, 2]` -> `[1, 2, "x"]` adds a code, yet the cell
 * `1` is then the text "1", outside the list). Such a change is `csv-cells-changed`, breaking both
 * ways (reported only where no change at the same field already breaks both ways, such as a type
 * changed); integers read as numbers, or the reverse, is not such a change (digits read alike), nor
 * is one where both versions fix the field's values and each is text neither kind converts (a code
 * list `["A", "B"]` given the type `[string, integer]`): a cell either version accepts is read alike.
 */
import { canonicalJson } from '../content-hash.js';
import { DEFAULT_DIALECT, DELIMITER_NAMES, type CsvDialect } from '../../validation/readers/csv-dialect.js';
import type { CellKind } from '../../validation/readers/csv.js';
import { convert } from '../../validation/readers/csv-record.js';
import { kindOf, MAX_DECLARING_SCHEMAS, sameObjectSubschemas } from '../../validation/schema-walk.js';
import { childPath, type DiffContext } from './context.js';
import { liveValues } from './fixed-values.js';
import { isObject, type SchemaObject } from './keywords.js';
import { BOTH, LOOSENS, raw, TIGHTENS, type Effect, type RawChange } from './types.js';

const CSV_KEYWORD = 'x-csv';

function dialect(schema: SchemaObject): CsvDialect {
  const declared = schema[CSV_KEYWORD];
  return { ...DEFAULT_DIALECT, ...(isObject(declared) ? (declared as Partial<CsvDialect>) : {}) };
}

type Viewer = (node: unknown) => ReturnType<DiffContext['viewOld']>;

/**
 * The record's fields in the schema's order, as the engine's CSV layout lists them (schema-walk.ts
 * declaredFields): its own, then those the subschemas applying to the record declare (none under its
 * own `additionalProperties: false`). The header an exact dialect demands.
 */
function columns(schema: SchemaObject, view: Viewer): string[] {
  const fields = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: SchemaObject, top: boolean): void => {
    if (seen.has(node) || seen.size >= MAX_DECLARING_SCHEMAS) return;
    seen.add(node);
    if (isObject(node.properties)) for (const name of Object.keys(node.properties)) fields.add(name);
    if (top && node.additionalProperties === false) return;
    for (const sub of sameObjectSubschemas(node)) {
      const resolved = view(sub);
      if (resolved.ok && isObject(resolved.schema)) visit(resolved.schema, false);
    }
  };
  visit(schema, true);
  return [...fields];
}

/** True when some field reads `true`/`false` cells as booleans yet takes another type too (`[boolean, string]`). */
function mixedBooleans(schema: SchemaObject, view: (node: unknown) => ReturnType<DiffContext['viewOld']>): boolean {
  const properties = isObject(schema.properties) ? Object.values(schema.properties) : [];
  return properties.some((node) => {
    const seen = view(node);
    if (!seen.ok || !isObject(seen.schema)) return !seen.ok;
    const type = seen.schema.type;
    return Array.isArray(type) && type.includes('boolean') && type.length > 1;
  });
}

/** One option that widens one way and narrows the other: `wider` is the option value that reads more files. */
function option(key: keyof CsvDialect, a: CsvDialect, b: CsvDialect, wider: string, why: string, path: string): RawChange[] {
  if (a[key] === b[key]) return [];
  const effect: Effect = b[key] === wider ? LOOSENS : TIGHTENS;
  const verdict = effect === LOOSENS ? 'reads every file the old dialect read, and more' : 'refuses files the old dialect read';
  return [raw('csv-dialect-changed', path, effect, `CSV ${key} ${a[key]} → ${b[key]} ${verdict} (${why})`, { before: a[key], after: b[key] })];
}

/** Integers and numbers read a cell of digits alike, and a cell that is no integer is refused by an integer type either way. */
const NUMERIC: ReadonlySet<CellKind> = new Set(['integer', 'number']);
const KIND_WORDS: Record<CellKind, string> = { string: 'text', integer: 'integers', number: 'numbers', boolean: 'booleans' };
/**
 * True when both versions fix the field's values and each is text that neither kind converts: a cell
 * either version accepts is then that text under both. The most lenient spellings (any-case booleans,
 * Python's numbers) convert every text the stricter ones do, so they stand for every dialect.
 */
function readAlike(was: SchemaObject, now: SchemaObject, kinds: readonly CellKind[]): boolean {
  const values = [liveValues(was), liveValues(now)];
  if (values[0] === undefined || values[1] === undefined) return false;
  return values.flat().every((v) => typeof v === 'string' && kinds.every((k) => convert(v, k, 'any-case', 'python') === v));
}

/** Dotted headers reach nested fields; deeper than this the walk stops (a recursive schema). */
const MAX_CELL_DEPTH = 8;

/** Fields in both versions whose CSV cells are read as another kind of value. */
function diffCellKinds(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string, depth = 0): RawChange[] {
  if (depth >= MAX_CELL_DEPTH || !isObject(a.properties) || !isObject(b.properties)) return [];
  const [before, after] = [a.properties, b.properties];
  const changes: RawChange[] = [];
  for (const name of Object.keys(before).filter((n) => Object.hasOwn(after, n))) {
    const [was, now] = [ctx.viewOld(before[name]), ctx.viewNew(after[name])];
    if (!was.ok || !now.ok || !isObject(was.schema) || !isObject(now.schema)) continue;
    const at = childPath(path, name);
    const [k1, k2] = [kindOf(was.schema), kindOf(now.schema)];
    if (k1 !== k2 && !(NUMERIC.has(k1) && NUMERIC.has(k2)) && !readAlike(was.schema, now.schema, [k1, k2])) {
      const what = `CSV cells of "${name}" are now read as ${KIND_WORDS[k2]} (were read as ${KIND_WORDS[k1]}), as its type or values changed: the same row is now another record, so a row the old version accepted may be refused, and the reverse`;
      changes.push(raw('csv-cells-changed', at, BOTH, what, { before: k1, after: k2 }));
    }
    changes.push(...diffCellKinds(ctx, was.schema, now.schema, at, depth + 1));
  }
  return changes;
}

/** A field's cells read as another kind adds nothing where a change at the same field already breaks both ways (a type changed). */
export function withoutRedundantCells(changes: RawChange[]): RawChange[] {
  const both = new Set(
    changes.filter((c) => c.kind !== 'csv-cells-changed' && (c.undecidable || (c.effect.breaksSuppliers && c.effect.breaksConsumers))).map((c) => c.path),
  );
  return changes.filter((c) => c.kind !== 'csv-cells-changed' || !both.has(c.path));
}

export function diffCsv(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (path !== '') return [];
  const cells = diffCellKinds(ctx, a, b, path);
  if (a[CSV_KEYWORD] === undefined && b[CSV_KEYWORD] === undefined) return cells;
  const [before, after] = [dialect(a), dialect(b)];
  const changes: RawChange[] = [...cells];
  if (before.delimiter !== after.delimiter) {
    const what = `CSV delimiter ${DELIMITER_NAMES[before.delimiter]} → ${DELIMITER_NAMES[after.delimiter]}: a file delimited the old way is refused, and one delimited the new way was refused by the old version`;
    changes.push(raw('csv-dialect-changed', path, BOTH, what, { before: before.delimiter, after: after.delimiter }));
  }
  changes.push(
    ...option('header', before, after, 'any-order', 'an exact header must be every field, in order; any order lets optional columns be left out', path),
    ...option('encoding', before, after, 'utf-8-or-windows-1252', 'bytes that are not UTF-8 are read as Windows-1252 rather than refused', path),
    ...option('cells', before, after, 'lenient', 'lenient cells read a row with too few or too many cells rather than refusing it', path),
  );
  if (before.booleans !== after.booleans) {
    // tRUE read as a boolean is what a boolean field wants; a field that also takes text may hold it differently.
    const mixed = mixedBooleans(a, (n) => ctx.viewOld(n)) || mixedBooleans(b, (n) => ctx.viewNew(n));
    const changed = option('booleans', before, after, 'any-case', 'any-case reads tRUE and fAlse as booleans', path);
    changes.push(
      ...(mixed
        ? changed.map((c) => ({
            ...c,
            effect: BOTH,
            what: `${c.what}; a field that takes a boolean or text may now hold such a cell as a boolean, so old data may be refused too`,
          }))
        : changed),
    );
  }
  if (before.header === 'exact' || after.header === 'exact') {
    const [was, now] = [columns(a, (n) => ctx.viewOld(n)), columns(b, (n) => ctx.viewNew(n))];
    if (canonicalJson(was) !== canonicalJson(now)) {
      const what =
        before.header === 'exact' && after.header === 'exact'
          ? `the exact CSV header changed from ${was.length} to ${now.length} columns (${describeColumns(was, now)}): a file with the old header is refused, and one with the new header was refused by the old version`
          : `the CSV header's columns changed (${describeColumns(was, now)}) where one version demands an exact header: files with the old header may be refused, and files with the new one may fall outside the old version`;
      changes.push(raw('csv-columns-changed', path, BOTH, what, { before: was, after: now }));
    }
  }
  return changes;
}

function describeColumns(was: string[], now: string[]): string {
  const added = now.filter((c) => !was.includes(c));
  const removed = was.filter((c) => !now.includes(c));
  const parts = [added.length ? `${added.join(', ')} added` : '', removed.length ? `${removed.join(', ')} removed` : ''].filter(Boolean);
  if (parts.length === 0) return 'the same columns in another order';
  return parts.join('; ');
}
