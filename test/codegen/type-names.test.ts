/**
 * The generated types mean what the schema means, whatever its field names: read back with the TypeScript
 * parser, the record interface declares exactly the schema's fields (names with quotes, backslashes, `*\/`,
 * newlines, U+2028, `${`, digits first, numeric-looking, empty, `__proto__`, reserved words), each optional
 * or not as the schema says; and a field a conditional rule requires carries its remark, however its name
 * is written in a JSON pointer (`a/b~c` is `/a~1b~0c`).
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { codegenSource } from '../../src/codegen/source.js';
import { generateTypes } from '../../src/codegen/typescript-types.js';

const EVIL = 'a"b\'c`d${(globalThis.pwned = 1)}e*/f</script>g\u2028h\u2029i\u0000j\\k\nl");globalThis.pwned=2;//\u202e;gnirts\u2066\u200b\t';
const NAMES = [
  'PROTO',
  EVIL,
  '1st',
  'a b',
  'constructor',
  "it's",
  'é',
  '\u2028',
  '',
  '-',
  'class',
  'a/b~c',
  'toString',
  '0',
  '01',
  '1e3',
  'NaN',
  '\\',
  '"',
  '${x}',
];
const REQUIRED = ['1st', '"'];

// JSON.parse, as the service reads a published schema: the `__proto__` key is an own field.
const schema = JSON.parse(
  JSON.stringify({
    type: 'object',
    required: REQUIRED,
    properties: Object.fromEntries(NAMES.map((n) => [n, { type: 'string', description: `*/ the field ${n}` }])),
    allOf: [
      {
        if: { properties: { '-': { const: 'on' } }, required: ['-'] },
        then: { properties: { 'a/b~c': { type: 'string' }, PROTO: { type: 'string' } }, required: ['a/b~c', 'PROTO'] },
      },
    ],
  }).replace(/"PROTO"/g, '"__proto__"'),
) as Record<string, unknown>;

/** The record interface's properties as TypeScript reads them: name, optional, doc comment. */
function members(text: string): { name: string; optional: boolean; doc: string }[] {
  const file = ts.createSourceFile('types.ts', text, ts.ScriptTarget.ES2022, true);
  const record = file.statements.find(ts.isInterfaceDeclaration)!;
  return record.members.filter(ts.isPropertySignature).map((m) => {
    const name = m.name;
    const text = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : `<${ts.SyntaxKind[name.kind]}>`;
    const doc = ts
      .getJSDocCommentsAndTags(m)
      .map((d) => d.getText())
      .join('\n');
    return { name: text, optional: m.questionToken !== undefined, doc };
  });
}

describe('the generated types and field names that are not identifiers', () => {
  it('declare exactly the schema’s fields, optional as the schema says, conditional remarks on the right ones', async () => {
    const text = await generateTypes(codegenSource({ standardId: 'names', version: '1.0.0', contentHash: 'sha256:names', schema }, []));
    const found = members(text);
    const fields = Object.keys(schema.properties as object);
    expect(fields).toContain('__proto__');
    expect(found.map((m) => m.name).sort()).toEqual([...fields].sort());
    for (const m of found) expect(m.optional, m.name).toBe(!REQUIRED.includes(m.name));
    const remarked = found.filter((m) => m.doc.includes('@remarks')).map((m) => [m.name, m.doc.match(/@remarks .*/)![0]]);
    expect(remarked.sort()).toEqual([
      ['__proto__', '@remarks Required when - is on.'],
      ['a/b~c', '@remarks Required when - is on.'],
    ]);
    // Every doc comment ends where it should: an author's `*/` never closes one early.
    for (const m of found) expect(m.doc.match(/\*\//g), m.name).toHaveLength(1);
  });
});
