/** What the keyword modules need from the diff: recursion into subschemas, and views to ask what a subschema is. */
import { escapeSegment } from '../../validation/pointer.js';
import { acceptsEverything } from './keywords.js';
import type { PatternRuns } from './pattern-runs.js';
import type { View } from './resolve.js';
import type { RawChange } from './types.js';

export interface DiffContext {
  /** Compares an old and a new subschema (unresolved) that apply at the record path `path`. */
  sub(before: unknown, after: unknown, path: string): RawChange[];
  /** True when the two subschemas accept the same data (they differ at most in annotations). */
  same(before: unknown, after: unknown): boolean;
  viewOld(node: unknown): View;
  viewNew(node: unknown): View;
  /** The comparison's pattern tests: only patterns shown safe, within a bound (pattern-runs.ts). */
  readonly patterns: PatternRuns;
}

/** What a subschema lets through: nothing, anything, or something in between (or unknown). */
export type Openness = 'closed' | 'open' | 'schema';

export function openness(view: View): Openness {
  if (!view.ok) return 'schema';
  if (view.schema === false) return 'closed';
  return acceptsEverything(view.schema) ? 'open' : 'schema';
}

/** `/a/b` with each segment escaped (RFC 6901). */
export function childPath(path: string, segment: string | number): string {
  return `${path}/${escapeSegment(String(segment))}`;
}
