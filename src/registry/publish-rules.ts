/**
 * The rules a new version must pass against the versions before it (diff/history.ts): it must be newer
 * than every one of them, and its semver bump must match its changes under the standard's compatibility
 * policy. Each problem names the change, where it is, and whom it breaks.
 */
import type { AnySchemaObject } from 'ajv';
import { checkAgainstHistory } from './diff/history.js';
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
): PublishProblem[] {
  return checkAgainstHistory(history, candidate, policy, shared).problems.map((p) => ({
    ...(p.change ? { pointer: p.change.path, kind: p.change.kind, breaksSuppliers: p.change.breaksSuppliers, breaksConsumers: p.change.breaksConsumers } : {}),
    detail: p.message,
  }));
}
