/**
 * The generated types say when a conditional rule requires a field, in the field dictionary's words
 * (conditional-required.ts, read by both): `@remarks Required when ACTION_FLAG is NEW or UPDATE.` on each
 * property that is optional in the type but required in some records. A field the record always requires,
 * and a version without conditional rules, get no remark.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { codegenSource } from '../../src/codegen/source.js';
import { librarySource } from '../../src/codegen/generate.js';
import { generateTypes } from '../../src/codegen/typescript-types.js';
import { fieldDictionary } from '../../src/registry/field-dictionary.js';
import { resolveVersion } from '../../src/registry/resolve.js';
import type { Library } from '../../src/registry/library.js';
import { library } from './support.js';

let lib: Library;
beforeAll(async () => {
  lib = await library();
});

/** The doc comment just above the property `name` of the generated text ('' when it has none). */
function docOf(types: string, name: string): string {
  const at = types.search(new RegExp(`\\n\\s*${name}\\??:`));
  if (at === -1) throw new Error(`no property ${name}`);
  const before = types.slice(0, at);
  const end = before.lastIndexOf('*/');
  if (end === -1 || before.slice(end + 2).trim() !== '') return '';
  return before.slice(before.lastIndexOf('/**', end), end + 2);
}

const ofSchema = (schema: AnySchemaObject) =>
  generateTypes(codegenSource({ standardId: 'conditional', version: '1.0.0', contentHash: 'sha256:test', schema }, []));

describe('the generated types and conditional rules', () => {
  it('give each field of immunisation-batch 10.2.0 the field dictionary’s words for when it is required', async () => {
    const version = resolveVersion(lib, 'immunisation-batch', '10.2.0');
    const types = await generateTypes(librarySource(lib, version));
    const fields = fieldDictionary(lib.validators.ajv, version.schema, version.schemaId, []).filter((f) => f.requiredWhen !== undefined);
    expect(fields).toHaveLength(13);
    for (const field of fields) {
      expect(docOf(types, field.name), field.name).toContain(`@remarks Required ${field.requiredWhen}.`);
    }
    expect(docOf(types, 'PERSON_FORENAME')).toContain('@remarks Required when ACTION_FLAG is NEW or UPDATE.');
    expect(types.match(/@remarks/g)).toHaveLength(13);
    // Always required: no remark, as the dictionary gives none.
    expect(docOf(types, 'ACTION_FLAG')).not.toContain('@remarks');
  });

  it('say "unless" for the client-level return’s eventType and eventStartDate', async () => {
    const version = resolveVersion(lib, 'adult-social-care-client-level', '2.0.2');
    const types = await generateTypes(librarySource(lib, version));
    for (const name of ['eventType', 'eventStartDate']) {
      expect(docOf(types, name), name).toContain('@remarks Required unless clientType is Carer known by association.');
    }
  });

  it('add nothing to a version without conditional rules', async () => {
    const version = resolveVersion(lib, 'emergency-care-attendance', '3.0.2');
    expect(await generateTypes(librarySource(lib, version))).not.toContain('@remarks');
  });

  it('bound the words as the dictionary does, and keep an author’s `*/` inside the comment', async () => {
    const long = `${'x'.repeat(300)} */ export const pwned = 1; /*`;
    const rules = Array.from({ length: 6 }, (_, i) => ({ if: { properties: { k: { const: `v${i}` } }, required: ['k'] }, then: { required: ['b'] } }));
    const types = await ofSchema({
      type: 'object',
      required: ['k', 'c'],
      properties: { k: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } },
      allOf: [{ 'x-when': long, if: { required: ['k'] }, then: { required: ['a', 'c'] } }, ...rules],
    });
    const a = docOf(types, 'a');
    expect(a).toContain(`@remarks Required when ${'x'.repeat(199)}….`);
    expect(a).not.toContain('pwned');
    expect(docOf(types, 'b')).toContain('@remarks Required when k is v0; or when k is v1; or when k is v2; or when k is v3; or under 2 more conditions.');
    expect(docOf(types, 'c')).not.toContain('@remarks');
    expect(types).not.toMatch(/^\s*export const pwned/m);
  });

  it('remark the fields of a record whose schema is a `$ref` to its definition', async () => {
    const types = await ofSchema({
      $ref: '#/$defs/row',
      $defs: {
        row: {
          type: 'object',
          properties: { kind: { enum: ['A', 'B'] }, extra: { type: 'string' } },
          if: { properties: { kind: { const: 'B' } }, required: ['kind'] },
          then: { required: ['extra'] },
        },
      },
    });
    expect(docOf(types, 'extra')).toContain('@remarks Required when kind is B.');
  });
});
