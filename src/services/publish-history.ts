/**
 * The earlier versions a new version's compatibility check reads, by index (publish-rules.ts,
 * comparedWith): the latest released version's number (one summary row), then the previous released
 * version and its schema (one row more, none when the latest is the previous), or under a _TRANSITIVE
 * policy the lower released versions of the candidate's MAJOR, PAGE at a time, each page compared and let
 * go before the next is read. The problems are those checkAgainstHistory finds against every released
 * version, in its order; what a publish reads no longer grows with the versions a standard has (but for a
 * _TRANSITIVE policy's own MAJOR, which the policy compares with one by one).
 */
import type { AnySchemaObject } from 'ajv';
import semver from 'semver';
import type { Store, VersionSummary } from '../store/types.js';
import { versionSchemaId } from '../registry/library.js';
import { comparedWith, compatibilityProblems, type HistoricVersion, type PublishProblem } from '../registry/publish-rules.js';
import type { CompatibilityPolicy } from '../registry/standard-meta.js';
import { NO_PATTERN } from '../registry/diff/pattern-runs.js';
import { DomainError } from './errors.js';
import type { Comparisons } from './comparisons.js';

/** Every status but draft: the versions a standard has released, which a new version is checked against. */
const RELEASED = ['published', 'deprecated', 'retired'] as const;
/** The most earlier versions' schemas held at once under a _TRANSITIVE policy. */
export const HISTORY_PAGE = 20;

/**
 * The candidate's problems, and the latest released version they were judged against (none when the
 * standard has none): the store writes the candidate only while that is still the latest (publish-order.ts).
 */
export async function publishProblems(
  store: Store,
  standardId: string,
  candidate: HistoricVersion,
  policy: CompatibilityPolicy,
  shared: ReadonlyMap<string, unknown>,
  comparisons: Comparisons,
): Promise<{ problems: PublishProblem[]; latest: string | undefined }> {
  const [latest] = await store.listVersionWindow(standardId, { statuses: RELEASED, newestFirst: true, limit: 1 });
  return { problems: latest ? await problemsAfter(store, standardId, candidate, policy, shared, comparisons, latest) : [], latest: latest?.version };
}

async function problemsAfter(
  store: Store,
  standardId: string,
  candidate: HistoricVersion,
  policy: CompatibilityPolicy,
  shared: ReadonlyMap<string, unknown>,
  comparisons: Comparisons,
  latest: VersionSummary,
): Promise<PublishProblem[]> {
  // Off the event loop and bounded, in the publish lane (no public request can fill it); the diff runs only the patterns shown safe, the earlier versions' and
  // shared documents' analysed first (comparisons.ts, pattern-gate.ts).
  const compared = (history: HistoricVersion[]): Promise<PublishProblem[]> =>
    comparisons.run(
      'publish',
      'history',
      { history, candidate, policy },
      [candidate, ...history].map((v) => ({ schema: v.schema, id: v.schemaId })),
      shared,
      undefined,
    );
  const historic = async (summary: VersionSummary): Promise<HistoricVersion> => {
    const stored = await store.getVersion(standardId, summary.version);
    // Versions are never deleted; a store that lost one between the two reads answers as for any missing version.
    if (!stored) throw new DomainError('not-found', `${standardId} has no version ${summary.version}`).about('version');
    return { version: stored.version, schema: JSON.parse(stored.schema) as AnySchemaObject, schemaId: versionSchemaId(standardId, stored.version) };
  };
  const problems: PublishProblem[] = [];
  const above = semver.gt(candidate.version, latest.version);
  // A candidate not above the latest is refused by the latest's number alone: a version that is not lower is
  // never compared, so its schema is not read.
  if (!above)
    problems.push(
      ...compatibilityProblems(
        [{ version: latest.version, schema: {}, schemaId: versionSchemaId(standardId, latest.version) }],
        candidate,
        policy,
        shared,
        NO_PATTERN, // compared with nothing: only its number is read
      ),
    );
  const scope = comparedWith(policy, candidate.version);
  if ('previous' in scope) {
    const previous = above
      ? latest
      : (await store.listVersionWindow(standardId, { statuses: RELEASED, before: candidate.version, newestFirst: true, limit: 1 }))[0];
    if (previous) problems.push(...(await compared([await historic(previous)])));
    return problems;
  }
  for (let after: string | undefined; ;) {
    const page = await store.listVersionWindow(standardId, {
      statuses: RELEASED,
      within: { major: scope.withinMajor },
      before: candidate.version,
      ...(after !== undefined ? { after } : {}),
      limit: HISTORY_PAGE,
    });
    const history: HistoricVersion[] = [];
    for (const summary of page) history.push(await historic(summary));
    problems.push(...(await compared(history)));
    if (page.length < HISTORY_PAGE) return problems;
    after = page.at(-1)!.version;
  }
}
