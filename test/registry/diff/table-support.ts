/** The shape of one row of the diff table, and helpers to write rows briefly (not a test file). */
import type { Bump } from '../../../src/registry/diff/compatibility.js';
import type { ChangeKind } from '../../../src/registry/diff/types.js';

export type Schema = Record<string, unknown> | boolean;

export interface Case {
  name: string;
  old: Schema;
  new: Schema;
  /** Every kind the diff must report, annotations included (a set: order and repeats do not matter). */
  kinds: ChangeKind[];
  /** Whether any change breaks suppliers / consumers. */
  suppliers: boolean;
  consumers: boolean;
  /** The bump needed under BACKWARD. */
  bump: Bump;
  undecidable?: boolean;
  /** The path of the changes (each one), when it matters. */
  path?: string;
  /** Shared documents by id, for `$ref`s to `../_common/...`. */
  shared?: Record<string, Record<string, unknown>>;
  /** Data valid under the old version and rejected by the new: proves suppliers are broken. */
  oldOnly?: unknown;
  /** Data valid under the new version and rejected by the old: proves consumers are broken. */
  newOnly?: unknown;
  /** Data valid under both. */
  both?: unknown[];
}

/** A closed record with one optional field `x` of the given schema. */
export function field(schema: Record<string, unknown> | boolean): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, properties: { x: schema } };
}

/** Wraps field values as records `{ x: value }`. */
export const rec = (value: unknown): Record<string, unknown> => ({ x: value });

/** A closed record with the given properties (each a string) and required list. */
export function closed(props: string[], required: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required,
    properties: Object.fromEntries(props.map((p) => [p, { type: 'string', description: `field ${p}` }])),
    ...extra,
  };
}

/** An open record (extra fields allowed) with the given string properties. */
export function open(props: string[], required: string[] = []): Record<string, unknown> {
  const { additionalProperties: _closed, ...rest } = closed(props, required);
  return rest;
}

export const S = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'string', ...extra });
export const N = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'number', ...extra });
export const A = (items: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'array', items, ...extra });
