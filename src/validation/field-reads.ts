/**
 * Ajv reads each field of `properties` twice: `if(data.name !== undefined){let data0 = data.name; …`. A
 * record's fields are read megamorphically (records with different optional fields have different
 * shapes), about 50 instructions a read on a pool thread, so the second read was some 2% of a record's
 * work. Each such read is rewritten to read the field once, into the same variable, before the test:
 * `let data0 = data.name;if(data0 !== undefined){ …`. The test and every use see the same value as before
 * (a record's fields are data, not getters), so no verdict changes. Ajv names each variable once in a
 * function, so moving its declaration out of the `if` into the enclosing block shadows nothing.
 *
 * Only a statement is rewritten (after `;`, `{` or `}`, never `else if`), and only the form above: a
 * field named by `.name` or `["name"]`. With own-property reads on (own-properties.ts) the test also
 * calls hasOwnProperty, and the code is left as Ajv wrote it.
 */
const FIELD_READ_TWICE = /(?<=[;{}])if\((data\d*)(\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]) !== undefined\)\{let (data\d+) = \1\2;/g;

/** Ajv's generated code with each field of `properties` read once. */
export function readEachFieldOnce(code: string): string {
  return code.replace(FIELD_READ_TWICE, 'let $3 = $1$2;if($3 !== undefined){');
}
