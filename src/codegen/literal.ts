/**
 * How generated code holds data an author wrote (codes, labels, rules, schema values): every such value
 * is written by codeLiteral, never pasted into code by hand. JSON.stringify already escapes whatever could
 * end a string or break a line (quotes, backslashes, control characters, half a surrogate pair; U+2028 and
 * U+2029 are plain characters in a string since ES2019), so author text can only ever be the content of
 * a string. What plain JSON gets wrong as code is the key `__proto__`: in an object literal
 * `{"__proto__": …}` sets the object's prototype instead of making a field, so a code, label or field
 * named `__proto__` would vanish from the generated module or change what every lookup inherits (a
 * label map whose prototype is a label). codeLiteral writes that key as the computed key
 * `["__proto__"]`, which makes an own property, as JSON.parse does for the engine.
 */
import { _Code } from 'ajv/dist/compile/codegen/code.js';
import { visibleText } from '../validation/visible-text.js';

const PROTO = '__proto__';

/** A JSON value as a JavaScript expression giving an equal value: JSON.stringify's text when no object has a `__proto__` key. */
export function codeLiteral(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined || !text.includes(`"${PROTO}"`) ? (text ?? 'undefined') : literal(value);
}

function literal(value: unknown): string {
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : literal(item))).join(',')}]`;
  const fields = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  return `{${fields.map(([key, v]) => `${key === PROTO ? `[${JSON.stringify(key)}]` : JSON.stringify(key)}:${literal(v)}`).join(',')}}`;
}

interface ScopeValue {
  value?: { ref?: unknown; code?: unknown };
}

/**
 * Ajv writes the schema objects its standalone code reads (a `const` or `enum` object, the properties an
 * `additionalProperties` check looks up) as JSON text; this rewrites each with codeLiteral, so a schema
 * with a `__proto__` key gives standalone code that reads the schema the engine reads. Call it after
 * compiling and before standaloneCode.
 */
export function literalSchemaValues(ajv: { scope: unknown }): void {
  const values = (ajv.scope as { _values?: Record<string, Map<unknown, ScopeValue> | undefined> })._values ?? {};
  for (const name of values.schema?.values() ?? []) {
    const { value } = name;
    if (value?.code !== undefined && value.ref !== null && typeof value.ref === 'object') value.code = new _Code(codeLiteral(value.ref));
  }
}

/**
 * A generated file's text with every character a reader cannot see, or that would reorder what they see,
 * written as a `\u` escape: control characters but the line feed, format and bidirectional characters
 * (a right-to-left override in a description or a code would show a line of the file other than it is:
 * "Trojan Source"), U+2028/U+2029 and half a surrogate pair (which a UTF-8 file cannot hold: it became
 * U+FFFD). Author text is only ever in a string, where the escape is the same character, or in a comment,
 * where it is shown as written. Applied to each generated file as a whole.
 */
export const visibleSource = (text: string): string =>
  text
    .split('\n')
    .map((line) => visibleText(line, true))
    .join('\n');
