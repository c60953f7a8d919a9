/** The field dictionary of recursive versions: each field once, the repeating one with a note, never expanded forever. */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { fieldDictionary } from '../../src/registry/field-dictionary.js';
import { RECURSIVE_SHAPES } from '../support/recursive-schemas.js';

const ID = 'https://conform.invalid/standards/r/1.0.0';
const dictionary = (shape: string) => fieldDictionary(new Validators().ajv, RECURSIVE_SHAPES[shape]!, ID, ['/parent']);
const rows = (shape: string) => dictionary(shape).map((f) => `${f.name} ${f.type} ${f.use}${f.recursiveOf === undefined ? '' : ` -> ${f.recursiveOf}`}`);

describe('the field dictionary of a recursive version', () => {
  it('shows a field referring to the whole record once, with a note', () => {
    expect(rows('self-parent')).toEqual(['name string Required', 'code code Optional', 'parent object Optional -> ']);
    const parent = dictionary('self-parent').find((f) => f.name === 'parent')!;
    expect(parent).toMatchObject({ pointer: '/parent', sensitive: true, description: 'The parent record Recursive: same structure as the whole record.' });
  });

  it('lists a $defs tree through its array items and stops at the node that repeats', () => {
    expect(rows('defs-tree')).toEqual([
      'name string Required',
      'children array Optional',
      'children[] object Optional',
      'children[].label string Required',
      'children[].children array Optional',
      'children[].children[] object Optional -> /children/*',
    ]);
    expect(dictionary('defs-tree').at(-1)!.description).toBe('Recursive: same structure as /children/*.');
  });

  it('handles items that are whole records and definitions that refer to each other', () => {
    expect(rows('self-items')).toEqual(['name string Required', 'parts array Optional', 'parts[] object Optional -> ']);
    expect(rows('mutual')).toEqual([
      'name string Required',
      'person object Optional',
      'person.given string Required',
      'person.employer object Optional',
      'person.employer.orgName string Required',
      'person.employer.owner object Optional -> /person',
    ]);
  });
});

describe('the field dictionary names the artefact a field refers to', () => {
  const schema = {
    type: 'object',
    properties: {
      nhsNumber: { $ref: '../_common/identifiers#/$defs/nhsNumber' },
      gender: { $ref: 'conform:code-lists/gender/1.0.0' },
      note: { type: 'string' },
      local: { $ref: '#/$defs/local' },
    },
    $defs: { local: { type: 'string' } },
  };
  const validators = new Validators();
  validators.addShared('https://conform.invalid/standards/_common/identifiers', { $defs: { nhsNumber: { type: 'string' } } });
  validators.addShared('conform:code-lists/gender/1.0.0', { enum: ['1', '2'] });
  const artefactOf = (document: string) =>
    document === 'https://conform.invalid/standards/_common/identifiers' ? 'conform:definitions/identifiers/1.0.0' : undefined;
  const artefacts = (of?: typeof artefactOf) =>
    Object.fromEntries(fieldDictionary(validators.ajv, schema, ID, [], of).map((f) => [f.name, f.artefact ?? null]));

  it('finds a relative _common ref as its definitions set, and a conform: URI as written', () => {
    expect(artefacts(artefactOf)).toEqual({
      nhsNumber: { kind: 'definitions', id: 'identifiers', version: '1.0.0' },
      gender: { kind: 'code-list', id: 'gender', version: '1.0.0' },
      note: null,
      local: null,
    });
  });

  it('without a way to tell which documents are artefacts, names only conform: URIs', () => {
    expect(artefacts()).toMatchObject({ nhsNumber: null, gender: { kind: 'code-list', id: 'gender' } });
  });
});

describe('the field dictionary of codes', () => {
  it('labels each code from the list’s own labels only (a code named like an inherited member has none unless given)', () => {
    const schema = {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['constructor', 'toString', 'A'], 'x-labels': { A: 'Alpha', toString: 'To string' } } },
    };
    const [kind] = fieldDictionary(new Validators().ajv, schema, ID, []);
    expect(kind!.codes).toEqual([
      { code: 'constructor', label: '', isDefault: false },
      { code: 'toString', label: 'To string', isDefault: false },
      { code: 'A', label: 'Alpha', isDefault: false },
    ]);
  });
});
