/**
 * The library's standards against their own histories, for `conform check`: each version against the
 * versions before it under the standard's compatibility policy (semver and policy problems, one per
 * offending change), and the classification of every pair, which check.ts proves with examples.
 */
import semver from 'semver';
import type { Library, LibraryStandard, LibraryVersion } from '../library.js';
import { compareVersions, checkAgainstHistory, type Comparison, type VersionedSchema } from './history.js';
// The library's patterns are analysed by the same `conform check` (check-rules.ts), and run on every record it validates.
import { EVERY_PATTERN } from './pattern-runs.js';

export interface EvolutionProblem {
  where: string;
  message: string;
}

export interface Evolution {
  problems: EvolutionProblem[];
  /** The changes from an earlier version to a later one (computed once per pair). */
  between(from: LibraryVersion, to: LibraryVersion): Comparison;
}

/** The library's shared documents by id, as `diffSchemas` takes them. */
export function sharedDocuments(library: Library): Map<string, unknown> {
  return new Map([...library.shared].map(([id, entry]) => [id, entry.schema as unknown]));
}

const source = (v: LibraryVersion): VersionedSchema => ({ version: v.version, schema: v.schema, schemaId: v.schemaId });

export function standardEvolution(standard: LibraryStandard, shared: ReadonlyMap<string, unknown>): Evolution {
  const policy = standard.meta.compatibility;
  const problems: EvolutionProblem[] = [];
  const sorted = [...standard.versions].sort((a, b) => semver.compare(a.version, b.version));
  for (let i = 1; i < sorted.length; i++) {
    const candidate = sorted[i]!;
    const result = checkAgainstHistory(sorted.slice(0, i).map(source), source(candidate), policy, shared, EVERY_PATTERN);
    for (const p of result.problems) {
      problems.push({
        where: `${standard.meta.id}@${candidate.version}`,
        message: `${p.message} (compatibility ${policy}; declare a higher version or undo the change)`,
      });
    }
  }
  const cache = new Map<string, Comparison>();
  return {
    problems,
    between(from, to) {
      const key = `${from.version} ${to.version}`;
      let comparison = cache.get(key);
      if (!comparison) cache.set(key, (comparison = compareVersions(source(from), source(to), policy, shared, EVERY_PATTERN)));
      return comparison;
    },
  };
}
