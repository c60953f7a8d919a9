/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/bounds.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * A numeric field's bounds in words, for findings: a `minimum` or `maximum` finding says its bound
 * ("must be at most 9", never "<= 9") and, when the field has a lower and an upper bound, the whole range
 * ("the allowed values are whole numbers from 1 to 9"); a text value that is not a number says the range
 * as the form to write (type-hints.ts). From the schema only, never the data.
 *
 * The ranges of a version are found once (labels.ts fieldRanges) by the schema path of the schema that
 * holds the bounds, the path an Ajv error's schemaPath gives without its last segment (the keyword).
 */

export interface Range {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** The field's type is integer (its values are whole numbers). */
  integer: boolean;
}

/** The ranges of a version, by the schema path of the schema holding the bounds (`#/properties/age`). */
export type Ranges = ReadonlyMap<string, Range>;

const COMPARISONS: Readonly<Record<string, string>> = { '<=': 'at most', '>=': 'at least', '<': 'less than', '>': 'more than' };

/** A bound in words: `<=` 9 is "at most 9". */
export function boundWords(comparison: string, limit: unknown): string {
  return `${COMPARISONS[comparison] ?? comparison} ${String(limit)}`;
}

/** The range of the schema a failed keyword is in (its schemaPath, `#/properties/age/maximum`), if it has one. */
export function rangeAt(ranges: Ranges | undefined, schemaPath: string | undefined): Range | undefined {
  if (ranges === undefined || ranges.size === 0 || schemaPath === undefined) return undefined;
  return ranges.get(schemaPath.slice(0, schemaPath.lastIndexOf('/')));
}

/** A range in words, "from 1 to 9", "more than 0 and at most 100", "at least 0". */
export function rangeWords(range: Range): string {
  const { minimum: min, maximum: max, exclusiveMinimum: xmin, exclusiveMaximum: xmax } = range;
  if (min !== undefined && max !== undefined && xmin === undefined && xmax === undefined) return `from ${min} to ${max}`;
  const lower = xmin !== undefined ? `more than ${xmin}` : min !== undefined ? `at least ${min}` : undefined;
  const upper = xmax !== undefined ? `less than ${xmax}` : max !== undefined ? `at most ${max}` : undefined;
  return [lower, upper].filter((part) => part !== undefined).join(' and ');
}

/** Whether a range has both a lower and an upper bound. */
export const bothBounds = (range: Range): boolean =>
  (range.minimum !== undefined || range.exclusiveMinimum !== undefined) && (range.maximum !== undefined || range.exclusiveMaximum !== undefined);

/** The allowed values of a range as a plural noun phrase: "whole numbers from 1 to 9". */
export const allowedValues = (range: Range): string => `${range.integer ? 'whole numbers' : 'numbers'} ${rangeWords(range)}`;
