/**
 * A version spec read by index (the store's version windows), for standards and artefacts alike: an exact
 * version is read by itself; `latest`, a major (`2`) or a minor (`2.1`) is the newest published or
 * deprecated version within it, one row. The same rule as the registry's pickVersion (registry/resolve.ts,
 * which the library uses), and test/store/version-window.test.ts holds the two to agreement. A spec that
 * names nothing lists the newest few versions and how many are earlier, never every one.
 */
import type { VersionWindow } from '../store/types.js';
import { listVersions, VERSIONS_LISTED } from '../registry/resolve.js';
import { DomainError, type Subject } from './errors.js';
import { checkVersionSpec } from './standard-ref.js';

const LIVE = ['published', 'deprecated'] as const;

/** The reads a version of one standard or artefact is picked by. */
export interface VersionReads<S extends { version: string; status: string }, V> {
  /** The version with its text, exactly this one. */
  exact(version: string): Promise<V | undefined>;
  /** Summaries in a window (no text). */
  window(window: VersionWindow): Promise<S[]>;
  /** The version with its text, of a summary the window gave. */
  read(summary: S): Promise<V>;
  /** How many versions there are. */
  count(): Promise<number>;
}

/** The window that holds the version a spec other than an exact one names (first row), or undefined for an exact spec. */
export function specWindow(spec: string): VersionWindow | undefined {
  const parts = spec.split('.');
  if (parts.length === 3) return undefined;
  const within = spec === 'latest' ? {} : { within: { major: Number(parts[0]), ...(parts[1] !== undefined ? { minor: Number(parts[1]) } : {}) } };
  return { statuses: LIVE, newestFirst: true, limit: 1, ...within };
}

/**
 * The version `spec` names, with its text; invalid-input for a spec that is not one, not-found (naming
 * `name` and its newest versions) for one that names none. Both about `subject`.
 */
export async function pickByIndex<S extends { version: string; status: string }, V>(
  name: string,
  spec: string,
  reads: VersionReads<S, V>,
  subject: Subject = 'version',
): Promise<V> {
  checkVersionSpec(spec, subject);
  const window = specWindow(spec);
  if (window === undefined) {
    const found = await reads.exact(spec);
    if (found) return found;
  } else {
    const [found] = await reads.window(window);
    if (found) return reads.read(found);
  }
  throw new DomainError('not-found', `${name} has no version matching "${spec}"; its versions are: ${(await newestListed(reads)) || 'none'}`).about(subject);
}

/** `12 earlier, then 3.0.0 (published), …`: the newest VERSIONS_LISTED versions, as listVersions words them, from two bounded reads. */
async function newestListed<S extends { version: string; status: string }>(reads: Pick<VersionReads<S, unknown>, 'window' | 'count'>): Promise<string> {
  const newest = (await reads.window({ newestFirst: true, limit: VERSIONS_LISTED })).reverse();
  const total = newest.length < VERSIONS_LISTED ? newest.length : await reads.count();
  return listVersions(newest, (v) => v.status, VERSIONS_LISTED, total - newest.length);
}
