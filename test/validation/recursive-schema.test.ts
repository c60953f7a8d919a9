/**
 * Which versions' validators call themselves once a level of a record (the CLI validates their files on a
 * pool thread, with the service's stack: services/worker-policy.ts): a `$ref` back to an enclosing schema,
 * directly, through definitions, or through a shared document. A definition used in several places, or one
 * that refers to itself but that nothing applies, is no loop.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { refersToItself } from '../../src/validation/recursive-schema.js';
import type { VersionSource } from '../../src/validation/validators.js';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { RECURSIVE_SHAPES } from '../support/recursive-schemas.js';

const ID = 'https://conform.invalid/standards/test/1.0.0';
const COMMON = 'https://conform.invalid/standards/_common/people';
const source = (schema: AnySchemaObject, shared: [string, AnySchemaObject][] = []): VersionSource => ({
  ref: { id: 'test', version: '1.0.0', contentHash: 'sha256:0' },
  schemaId: ID,
  schema,
  shared,
});

describe('refersToItself', () => {
  it.each(Object.entries(RECURSIVE_SHAPES))('finds the loop of %s', (_name, schema) => {
    expect(refersToItself(source(schema))).toBe(true);
  });

  it('finds a loop through a shared document', () => {
    const people = { $defs: { person: { type: 'object', properties: { name: { type: 'string' }, mother: { $ref: '#/$defs/person' } } } } };
    const schema = { type: 'object', properties: { patient: { $ref: '../_common/people#/$defs/person' } } };
    expect(refersToItself(source(schema, [[COMMON, people]]))).toBe(true);
    // The same document with no loop in it.
    const flat = { $defs: { person: { type: 'object', properties: { name: { type: 'string' } } } } };
    expect(refersToItself(source(schema, [[COMMON, flat]]))).toBe(false);
  });

  it('finds none where a definition is used twice, where a looping definition is never applied, or in a plain record', () => {
    const twice = {
      type: 'object',
      properties: { home: { $ref: '#/$defs/address' }, work: { $ref: '#/$defs/address' }, more: { type: 'array', items: { $ref: '#/$defs/address' } } },
      $defs: { address: { type: 'object', properties: { line1: { type: 'string' } } } },
    };
    expect(refersToItself(source(twice))).toBe(false);
    const unused = { type: 'object', properties: { name: { type: 'string' } }, $defs: { node: { properties: { next: { $ref: '#/$defs/node' } } } } };
    expect(refersToItself(source(unused))).toBe(false);
    expect(refersToItself(source({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } }))).toBe(false);
  });

  it("finds none in the bundled standards (their files stay on the CLI's main thread)", async () => {
    const library = await loadLibrary(bundledStandardsDir());
    const versions = [...library.standards.values()].flatMap((s) => s.versions);
    expect(versions.length).toBeGreaterThan(10);
    for (const v of versions) expect(refersToItself(v.compiled.source), `${v.standardId}@${v.version}`).toBe(false);
  });
});
