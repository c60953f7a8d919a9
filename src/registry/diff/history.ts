/**
 * A candidate version against the versions before it: against the previous one (the highest lower
 * version) under BACKWARD, FORWARD, FULL and NONE, and against every lower version under their
 * TRANSITIVE forms. Each comparison lists its changes and the semver and policy problems.
 */
import semver from 'semver';
import type { CompatibilityPolicy } from '../standard-meta.js';
import { checkVersionBump, isTransitive, requiredBump, type Bump, type VersionProblem } from './compatibility.js';
import { diffSchemas } from './diff.js';
import type { PatternGate } from './pattern-runs.js';
import type { Change } from './types.js';

export interface VersionedSchema {
  version: string;
  schema: unknown;
  /** The schema's id, the base of its relative `$ref`s; by default `https://conform.invalid/standards/_/<version>`. */
  schemaId?: string;
}

export interface Comparison {
  from: string;
  to: string;
  changes: Change[];
  /** The smallest bump these changes need under the policy. */
  needed: Bump;
  problems: VersionProblem[];
}

export interface HistoryCheck {
  ok: boolean;
  comparisons: Comparison[];
  problems: VersionProblem[];
}

const idOf = (v: VersionedSchema): string => v.schemaId ?? `https://conform.invalid/standards/_/${v.version}`;

/** `patterns`: which patterns passed the pattern-safety check (the diff runs no other; pattern-runs.ts). */
export function compareVersions(
  from: VersionedSchema,
  to: VersionedSchema,
  policy: CompatibilityPolicy,
  shared?: ReadonlyMap<string, unknown>,
  patterns?: PatternGate,
): Comparison {
  const changes = diffSchemas({ schema: from.schema, id: idOf(from), shared }, { schema: to.schema, id: idOf(to), shared }, patterns);
  return {
    from: from.version,
    to: to.version,
    changes,
    needed: requiredBump(changes, policy),
    problems: checkVersionBump(from.version, to.version, changes, policy),
  };
}

/**
 * Checks `candidate` against `history` (any order). A candidate that is not above the latest version
 * is refused; it is then still compared with the versions below it, so a fix to an older line is
 * judged against its own predecessors.
 */
export function checkAgainstHistory(
  history: readonly VersionedSchema[],
  candidate: VersionedSchema,
  policy: CompatibilityPolicy,
  shared?: ReadonlyMap<string, unknown>,
  patterns?: PatternGate,
): HistoryCheck {
  if (!semver.valid(candidate.version)) {
    const problem = { from: '', to: candidate.version, message: `"${candidate.version}" is not a semantic version (MAJOR.MINOR.PATCH)` };
    return { ok: false, comparisons: [], problems: [problem] };
  }
  const problems: VersionProblem[] = [];
  const sorted = history.filter((v) => semver.valid(v.version)).sort((a, b) => semver.compare(a.version, b.version));
  const latest = sorted.at(-1);
  if (latest && !semver.gt(candidate.version, latest.version)) {
    problems.push({
      from: latest.version,
      to: candidate.version,
      message: `${candidate.version} is not higher than ${latest.version}, the latest version; publish a higher version`,
    });
  }
  const lower = sorted.filter((v) => semver.lt(v.version, candidate.version));
  const against = isTransitive(policy) ? lower : lower.slice(-1);
  const comparisons = against.map((earlier) => compareVersions(earlier, candidate, policy, shared, patterns));
  for (const c of comparisons) problems.push(...c.problems);
  return { ok: problems.length === 0, comparisons, problems };
}
