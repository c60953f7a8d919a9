/**
 * Recursive schemas in the engine: the schema walks (deref, fieldSchema, CSV columns, the field walk) end,
 * and records nested in a recursive version validate as JSON, NDJSON and CSV with findings at the right path.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { deref, fieldSchema, csvColumn, schemaLookup } from '../../src/validation/schema-walk.js';
import { walkFields, type FieldVisit } from '../../src/validation/field-walk.js';
import { followRefs } from '../../src/validation/schema-refs.js';
import { NESTED_RECORDS, RECURSIVE_SHAPES } from '../support/recursive-schemas.js';
import { compile, run, SCHEMA_ID } from './helpers.js';

function visits(schema: object, arrays = false): Pick<FieldVisit, 'pointer' | 'recursiveOf'>[] {
  const validators = new Validators();
  const out: Pick<FieldVisit, 'pointer' | 'recursiveOf'>[] = [];
  walkFields(
    validators.ajv,
    schema,
    SCHEMA_ID,
    (f) => out.push(f.recursiveOf === undefined ? { pointer: f.pointer } : { pointer: f.pointer, recursiveOf: f.recursiveOf }),
    { arrays },
  );
  return out;
}

describe('schema walks over recursive schemas', () => {
  it('deref follows a $ref to # back to the very object the walk started from, even before compiling', () => {
    const schema = RECURSIVE_SHAPES['self-parent']!;
    const lookup = schemaLookup(new Validators().ajv, schema, SCHEMA_ID);
    expect(deref(lookup, schema.properties.parent, SCHEMA_ID)?.schema).toBe(schema);
  });

  it('refuses a $ref chain that comes back to itself with no schema in between', () => {
    const looping = { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } };
    expect(followRefs({ $ref: '#/$defs/a' }, SCHEMA_ID, () => looping)).toEqual({ ok: false, reason: `$ref ${SCHEMA_ID}#/$defs/a loops back on itself` });
  });

  it('fieldSchema and csvColumn walk dotted headers as deep as they go, and no deeper', () => {
    const version = compile(RECURSIVE_SHAPES['self-parent']!);
    const validators = new Validators();
    const schema = RECURSIVE_SHAPES['self-parent']!;
    expect(fieldSchema(validators.ajv, schema, SCHEMA_ID, ['parent', 'parent', 'parent', 'name'])).toEqual(schema.properties.name);
    expect(fieldSchema(validators.ajv, schema, SCHEMA_ID, ['parent', 'parent', 'nothing'])).toBeUndefined();
    expect(csvColumn(validators.ajv, RECURSIVE_SHAPES.mutual!, SCHEMA_ID, 'person.employer.owner.given')).toEqual({
      segments: ['person', 'employer', 'owner', 'given'],
      kind: 'string',
    });
    expect(version.column('parent.parent.name')).toEqual({ segments: ['parent', 'parent', 'name'], kind: 'string' });
  });

  it('the field walk lists each field once and marks the one that repeats an enclosing schema', () => {
    expect(visits(RECURSIVE_SHAPES['self-parent']!)).toEqual([{ pointer: '/name' }, { pointer: '/code' }, { pointer: '/parent', recursiveOf: '' }]);
    expect(visits(RECURSIVE_SHAPES['defs-tree']!)).toEqual([{ pointer: '/name' }, { pointer: '/children' }]);
    expect(visits(RECURSIVE_SHAPES['defs-tree']!, true)).toEqual([
      { pointer: '/name' },
      { pointer: '/children' },
      { pointer: '/children/*' },
      { pointer: '/children/*/label' },
      { pointer: '/children/*/children' },
      { pointer: '/children/*/children/*', recursiveOf: '/children/*' },
    ]);
    expect(visits(RECURSIVE_SHAPES['self-items']!, true)).toEqual([{ pointer: '/name' }, { pointer: '/parts' }, { pointer: '/parts/*', recursiveOf: '' }]);
    expect(visits(RECURSIVE_SHAPES.mutual!)).toEqual([
      { pointer: '/name' },
      { pointer: '/person' },
      { pointer: '/person/given' },
      { pointer: '/person/employer' },
      { pointer: '/person/employer/orgName' },
      { pointer: '/person/employer/owner', recursiveOf: '/person' },
    ]);
  });

  it('the field walk stops at its depth bound on a deep, non-repeating schema', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 60; i++) schema = { type: 'object', properties: { f: schema } };
    expect(visits(schema).length).toBe(32);
  });
});

describe('validating records against a recursive version', () => {
  it.each(Object.keys(NESTED_RECORDS))('%s: a nested valid record passes and a deep mistake is found at its path (JSON and NDJSON)', async (shape) => {
    const version = compile(RECURSIVE_SHAPES[shape]!);
    const { valid, invalid, path } = NESTED_RECORDS[shape]!;
    const ndjson = await run([`${JSON.stringify(valid)}\n${JSON.stringify(invalid)}\n`], version, { format: 'ndjson' });
    const json = await run([JSON.stringify([valid, invalid], null, 2)], version, { format: 'json' });
    for (const report of [ndjson, json]) {
      expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
      expect(report.findings.map((f) => `${f.record} ${f.path} ${f.rule}`)).toEqual([`2 ${path} maxLength`]);
    }
  });

  it('CSV: a flat recursive root validates its scalar fields, nested headers included', async () => {
    const version = compile({
      ...RECURSIVE_SHAPES['self-parent']!,
      properties: { ...RECURSIVE_SHAPES['self-parent']!.properties, age: { type: 'integer', minimum: 0 } },
    });
    const csv = 'name,age,parent.name,parent.age,parent.parent.name\na,1,b,2,c\na,1,b,-2,far too long a name\n';
    const report = await run([csv], version, { format: 'csv' });
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
    expect(report.findings.map((f) => `${f.record} ${f.path} ${f.rule}`)).toEqual(['2 /parent/parent/name maxLength', '2 /parent/age minimum']);
  });
});
