/**
 * Recursive record schemas for the tests of every schema walk: a property referring to the whole record
 * (`$ref: "#"`), a `$defs` tree whose nodes hold their own children, an array whose items are whole
 * records, and two definitions that refer to each other. Each shape has a required `name` at the top and a
 * constrained field deep inside, so tests can check a finding's path.
 */
import type { AnySchemaObject } from 'ajv';

export const RECURSIVE_SHAPES: Record<string, AnySchemaObject> = {
  /** `parent: { $ref: "#" }`: a record with its parent record inside. */
  'self-parent': {
    title: 'Self parent',
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', maxLength: 10, description: 'The name' },
      code: { type: 'string', enum: ['A', 'B', 'Z'], 'x-default-codes': ['Z'] },
      parent: { $ref: '#', description: 'The parent record' },
    },
  },
  /** A `$defs` node whose children are nodes. */
  'defs-tree': {
    title: 'Defs tree',
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', maxLength: 10 },
      children: { type: 'array', items: { $ref: '#/$defs/node' } },
    },
    $defs: {
      node: {
        type: 'object',
        required: ['label'],
        properties: {
          label: { type: 'string', maxLength: 10 },
          children: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
      },
    },
  },
  /** `items: { $ref: "#" }`: records nested in an array of the record. */
  'self-items': {
    title: 'Self items',
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', maxLength: 10 },
      parts: { type: 'array', items: { $ref: '#' } },
    },
  },
  /** Two definitions referring to each other through object properties. */
  mutual: {
    title: 'Mutual',
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', maxLength: 10 },
      person: { $ref: '#/$defs/person' },
    },
    $defs: {
      person: { type: 'object', required: ['given'], properties: { given: { type: 'string', maxLength: 10 }, employer: { $ref: '#/$defs/organisation' } } },
      organisation: { type: 'object', required: ['orgName'], properties: { orgName: { type: 'string', maxLength: 10 }, owner: { $ref: '#/$defs/person' } } },
    },
  },
};

/** For each shape: a valid record nested several levels deep, and the same with a value too long at the bottom. */
export const NESTED_RECORDS: Record<string, { valid: unknown; invalid: unknown; path: string }> = {
  'self-parent': {
    valid: { name: 'a', parent: { name: 'b', parent: { name: 'c', parent: { name: 'd' } } } },
    invalid: { name: 'a', parent: { name: 'b', parent: { name: 'c', parent: { name: 'far too long a name' } } } },
    path: '/parent/parent/parent/name',
  },
  'defs-tree': {
    valid: { name: 'a', children: [{ label: 'b' }, { label: 'c', children: [{ label: 'd', children: [{ label: 'e' }] }] }] },
    invalid: { name: 'a', children: [{ label: 'b' }, { label: 'c', children: [{ label: 'd', children: [{ label: 'far too long a label' }] }] }] },
    path: '/children/1/children/0/children/0/label',
  },
  'self-items': {
    valid: { name: 'a', parts: [{ name: 'b', parts: [{ name: 'c' }] }] },
    invalid: { name: 'a', parts: [{ name: 'b', parts: [{ name: 'c' }, { name: 'far too long a name' }] }] },
    path: '/parts/0/parts/1/name',
  },
  mutual: {
    valid: { name: 'a', person: { given: 'b', employer: { orgName: 'c', owner: { given: 'd' } } } },
    invalid: { name: 'a', person: { given: 'b', employer: { orgName: 'c', owner: { given: 'far too long a name' } } } },
    path: '/person/employer/owner/given',
  },
};
