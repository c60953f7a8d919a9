/**
 * The rules a new version must pass against the versions before it (diff/history.ts): it must be newer
 * than every one of them, and its semver bump must match its changes under the standard's compatibility
 * policy. Each problem names the change, where it is, and whom it breaks.
 */
import type { AnySchemaObject } from 'ajv';
import semver from 'semver';
import { isTransitive } from './diff/compatibility.js';
import { checkAgainstHistory } from './diff/history.js';
import type { PatternGate } from './diff/pattern-runs.js';
import { COMPATIBILITY_POLICIES, type CompatibilityPolicy } from './standard-meta.js';

export interface HistoricVersion {
  version: string;
  schema: AnySchemaObject;
  schemaId: string;
}

export interface PublishProblem {
  pointer?: string;
  detail: string;
  [key: string]: unknown;
}

export function asPolicy(value: unknown): CompatibilityPolicy {
  return (COMPATIBILITY_POLICIES as readonly unknown[]).includes(value) ? (value as CompatibilityPolicy) : 'BACKWARD';
}

export function compatibilityProblems(
  history: readonly HistoricVersion[],
  candidate: HistoricVersion,
  policy: CompatibilityPolicy,
  shared: ReadonlyMap<string, unknown>,
  patterns: PatternGate,
): PublishProblem[] {
  return checkAgainstHistory(history, candidate, policy, shared, patterns).problems.map((p) => ({
    ...(p.change ? { pointer: p.change.path, kind: p.change.kind, breaksSuppliers: p.change.breaksSuppliers, breaksConsumers: p.change.breaksConsumers } : {}),
    detail: p.message,
  }));
}

/**
 * Which earlier versions a candidate's check compares it with (checkAgainstHistory), so a store reads
 * those alone: the previous one (the highest lower version), or under a _TRANSITIVE policy every lower
 * version within the candidate's MAJOR. A lower MAJOR's version needs no comparison: a new MAJOR may carry
 * any change (checkVersionBump finds no problem), so comparing with it changes no verdict. Besides these,
 * the check needs only the latest version's number (a candidate not above it is refused).
 */
export function comparedWith(policy: CompatibilityPolicy, candidate: string): { previous: true } | { withinMajor: number } {
  return isTransitive(policy) ? { withinMajor: semver.major(candidate) } : { previous: true };
}
