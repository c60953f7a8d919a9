/**
 * For `additionalProperties` beside more than eight `properties`, Ajv tests each field of a record with
 * `func8.call(schema40.properties, key0)` (Object.prototype.hasOwnProperty on the schema's `properties`):
 * a call through Function.prototype.call and a property lookup, about 110 instructions a field, some
 * 1,700 a record of the bench stream on a pool thread. The test is rewritten as the names themselves,
 * sorted by length: `(key0.length === 6 ? key0 === "acuity" : key0.length === 8 ? key0 === "postcode" ||
 * … : false)`. A field's name from `for…in` is text, and `properties` has an own property of that name
 * exactly when the text equals one of its own names (Object.getOwnPropertyNames: every own name, `__proto__`
 * and `constructor` included when a schema has them), so every verdict is the same.
 *
 * Ajv's code names the schema and the function it calls, not their values: the values are read from the
 * Ajv instance's scope (`const schema40 = scope.schema[0];` in the code it compiles), and kept per
 * instance, so the standalone validators (codegen/standalone.ts), whose code Ajv writes from the same
 * names, are rewritten the same way. A test that cannot be resolved to a plain object's own names, or
 * whose function is not hasOwnProperty, is left as Ajv wrote it.
 */

/** The values of an Ajv instance's scope names (`schema40`, `func8`) seen in the code it compiled. */
export type ScopeValues = Map<string, unknown>;

const SCOPE_REF = /const ((schema|func)\d+) = scope\.(schema|func)\[(\d+)\];/g;

/** Notes the scope names `code` declares (Ajv's `const schema40 = scope.schema[0];`), with their values. */
export function learnScopeValues(code: string, scope: Record<string, unknown[] | undefined>, into: ScopeValues): void {
  for (const [, name, , prefix, index] of code.matchAll(SCOPE_REF)) {
    const values = scope[prefix!];
    if (values !== undefined && Number(index) < values.length) into.set(name!, values[Number(index)]);
  }
}

const OWN_TEST = /(func\d+)\.call\((schema\d+)((?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*\.properties), (key\d+)\)/g;
const STEP = /\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]/g;

/** The value at `path` (Ajv's `.properties`, `["a b"]`, `[0]` steps) below `root`, own properties only. */
function follow(root: unknown, path: string): unknown {
  let value = root;
  for (const [, name, quoted, index] of path.matchAll(STEP)) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = name ?? index ?? (JSON.parse(quoted!) as string);
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** `key` equal to one of `names`, as an expression: compared by length first, then by text. */
function oneOf(key: string, names: readonly string[]): string {
  if (names.length === 0) return 'false';
  const byLength = new Map<number, string[]>();
  for (const name of [...names].sort()) {
    const same = byLength.get(name.length);
    if (same) same.push(name);
    else byLength.set(name.length, [name]);
  }
  const branches = [...byLength.entries()]
    .sort(([a], [b]) => a - b)
    .map(([length, same]) => `${key}.length === ${length} ? ${same.map((n) => `${key} === ${JSON.stringify(n)}`).join(' || ')} : `);
  return `(${branches.join('')}false)`;
}

/** Ajv's code with each hasOwnProperty test of a record's field against `properties` written as the names. */
export function knownFieldsByName(code: string, values: ScopeValues): string {
  return code.replace(OWN_TEST, (test, func: string, schema: string, path: string, key: string) => {
    if (values.get(func) !== Object.prototype.hasOwnProperty) return test;
    const properties = follow(values.get(schema), path);
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return test;
    return oneOf(key, Object.getOwnPropertyNames(properties));
  });
}
