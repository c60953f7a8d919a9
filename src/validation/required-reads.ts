/**
 * Ajv reads a required field twice: once for `required` (`if(data.name === undefined){…}`) and again,
 * further on in the same block, for its own checks (`let data0 = data.name;`, as field-reads.ts leaves
 * it). A record's fields are read megamorphically (about 50 instructions a read on a pool thread), so the
 * bench stream's six required fields cost some 300 instructions a record in second reads. Where the
 * second read is in the same block as the first (the braces between them balance and never close it),
 * the variable is declared at the first read and the second is dropped: `let data0 = data.name;if(data0
 * === undefined){…}`. Ajv names each variable once in a function, so declaring it earlier in the same
 * block shadows nothing; a record's fields are data, not getters, so both tests see the same value.
 *
 * Left as Ajv wrote it: a read not in the form above, a pair whose code between writes to the object
 * (`data.name = `, `delete`: Ajv's options that change data, which the engine does not use), and
 * a pair in different blocks.
 */
const REQUIRED_TEST = /(?<=[;{}])if\((data\d*)(\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]) === undefined\)\{/g;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The longest field read (object and name, as written in the code) these rewrites look for again. Each
 * look builds a regular expression from the read's text, and V8 refuses one past a size ("regular
 * expression too large"): a schema with a property name of 100,000 characters failed to compile with
 * that internal message. A longer read is left as Ajv wrote it (read twice), which costs nothing a real
 * standard has.
 */
const LONGEST_READ = 1_000;

/**
 * Whether `code` [from, to) never closes the block `from` is in (strings skipped), and, when `balanced`,
 * ends in that block too (not deeper).
 */
function sameBlock(code: string, from: number, to: number, balanced = true): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = code.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < to && code.charCodeAt(i) !== 34; i++) if (code.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth < 0) return false;
    else if (c === 47 /* / */ && code.charCodeAt(i + 1) === 42 /* * */) return false; // a comment: not read here
  }
  return !balanced || depth === 0;
}

/** Ajv's code with each required field read once, where its two reads are in one block. */
export function readRequiredOnce(code: string): string {
  const edits: { at: number; length: number; text: string }[] = [];
  const taken = new Set<number>();
  for (const match of code.matchAll(REQUIRED_TEST)) {
    const [test, object, field] = match as unknown as [string, string, string];
    const at = match.index;
    if (object.length + field.length > LONGEST_READ) continue;
    const read = ` = ${object}${field};`;
    // The second read: `let dataN = <object><field>;` after the test.
    const second = new RegExp(`(?<=[;{}])let (data\\d+)${escapeRegExp(read)}`, 'g');
    second.lastIndex = at + test.length;
    const found = second.exec(code);
    // A field required twice (two schemas applied to one object) has one second read: moved once.
    if (found === null || taken.has(found.index)) continue;
    const between = code.slice(at, found.index);
    if (between.includes('delete ') || between.includes(`${object}${field} = `) || !sameBlock(code, at, found.index)) continue;
    taken.add(found.index);
    const name = found[1]!;
    edits.push({ at, length: test.length, text: `let ${name}${read}if(${name} === undefined){` });
    edits.push({ at: found.index, length: found[0].length, text: '' });
  }
  return reuseArguments(applyEdits(code, edits));
}

const FIELD_VARIABLE = /(?<=[;{}])let (data\d+) = (data\d*)(\.[A-Za-z_$][\w$]*);/g;

/**
 * A field passed again as a call's argument after its variable was declared (x-consistency's check gets
 * the fields it compares: `func211(data, instancePath, this, data.departureDateTime, …)`), in the same
 * block or one inside it: the variable is passed instead of a second read.
 */
function reuseArguments(code: string): string {
  const edits: { at: number; length: number; text: string }[] = [];
  for (const match of code.matchAll(FIELD_VARIABLE)) {
    const [declaration, name, object, field] = match as unknown as [string, string, string, string];
    if (object.length + field.length > LONGEST_READ) continue;
    const again = new RegExp(`(?<=, )${escapeRegExp(object + field)}(?=[,)])`, 'g');
    again.lastIndex = match.index + declaration.length;
    for (let found = again.exec(code); found !== null; found = again.exec(code)) {
      const from = match.index + declaration.length;
      const between = code.slice(from, found.index);
      if (!sameBlock(code, from, found.index, false)) break;
      if (between.includes('delete ') || between.includes(`${object}${field} = `) || between.includes(`${name} = `)) break;
      edits.push({ at: found.index, length: found[0].length, text: name });
    }
  }
  return applyEdits(code, edits);
}

/** `code` with each edit's span [at, at + length) replaced by its text (the spans do not overlap). */
function applyEdits(code: string, edits: { at: number; length: number; text: string }[]): string {
  if (edits.length === 0) return code;
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let last = 0;
  for (const { at, length, text } of edits) {
    out += code.slice(last, at) + text;
    last = at + length;
  }
  return out + code.slice(last);
}
