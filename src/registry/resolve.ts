/**
 * Finds a version of a standard from what a user wrote: an exact version (`2.0.0`), `latest`, or a
 * major or minor (`2`, `2.1`, meaning the newest release within it). Drafts and retired versions are
 * chosen only when named exactly. An unknown standard or version is an error listing what exists.
 */
import semver from 'semver';
import type { Library, LibraryStandard, LibraryVersion } from './library.js';
import { didYouMean, nearestNames } from './nearest-names.js';
import { prereleaseSpecProblem } from './release-rule.js';

/** A library of at most this many standards is listed whole when an id is not found; a larger one only by the nearest ids. */
export const STANDARDS_LISTED = 12;

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * The version `spec` names among `versions` (exact, `latest`, or a major or minor), or undefined. Shared
 * by the library (CLI) and the store (service), so both read a version spec the same way.
 */
export function pickVersion<T extends { version: string }>(versions: readonly T[], statusOf: (v: T) => string, spec: string): T | undefined {
  const exact = versions.find((v) => v.version === spec);
  if (exact) return exact;
  const candidates = versions.filter((v) => statusOf(v) === 'published' || statusOf(v) === 'deprecated');
  const range = spec === 'latest' ? '*' : /^\d+(\.\d+)?$/.test(spec) ? spec : undefined;
  const chosen =
    range === undefined
      ? null
      : semver.maxSatisfying(
          candidates.map((v) => v.version),
          range,
        );
  return candidates.find((v) => v.version === chosen);
}

/** A number of a version: no leading zeros (semver's rule), and exact as a JavaScript number. */
const NUMBER = '(0|[1-9][0-9]{0,15})';
/** `latest`, a major, a major and minor, or an exact MAJOR.MINOR.PATCH (no pre-release or build: the registry has none, release-rule.ts). */
const SPEC = new RegExp(`^(latest|${NUMBER}(\\.${NUMBER}){0,2})$`);

/** What a version spec is, after "a semantic version: " (the API's parameter message and the refusal below). */
export const VERSION_SPEC_WORDS =
  'an exact version MAJOR.MINOR.PATCH with no leading zeros (such as 2.0.1), latest, or a major or a major and minor (2, 2.1); the registry holds no pre-release (2.1.0-beta.1) or build (2.1.0+5) versions';

/**
 * What is wrong with a version spec, or undefined when it is one: `02.0.1`, `2.00`, `v2` or `2.0.0.0` name no
 * version, and are refused as such rather than looked for and not found.
 */
export function versionSpecProblem(spec: string): string | undefined {
  if (SPEC.test(spec) && spec.split('.').every((n) => n === 'latest' || Number.isSafeInteger(Number(n)))) return undefined;
  const prerelease = prereleaseSpecProblem(spec);
  if (prerelease) return prerelease;
  const shown = /^[0-9A-Za-z.+-]{1,32}$/.test(spec) ? `"${spec}"` : 'the version given';
  return `${shown} is not a semantic version: ${VERSION_SPEC_WORDS}`;
}

/** Versions a not-found names at most: the latest ones, so the answer stays short however many are published. */
export const VERSIONS_LISTED = 10;

/**
 * `1.0.0 (deprecated), 2.0.0 (published)` (oldest first), for errors that list what exists; with `max`,
 * only the latest `max`, after how many earlier ones are left out (`12 earlier, then 3.0.0 (published), …`).
 * `earlier` counts versions before `versions` that the caller did not read (a store reads the newest alone).
 */
export function listVersions<T extends { version: string }>(versions: readonly T[], statusOf: (v: T) => string, max = Infinity, earlier = 0): string {
  const shown = versions.length > max ? versions.slice(-max) : versions;
  const listed = shown.map((v) => `${v.version} (${statusOf(v)})`).join(', ');
  const left = versions.length - shown.length + earlier;
  return left > 0 ? `${left} earlier, then ${listed}` : listed;
}

export function findStandard(library: Library, id: string): LibraryStandard {
  const standard = library.standards.get(id);
  if (!standard) {
    const ids = [...library.standards.keys()];
    const listed = ids.length <= STANDARDS_LISTED ? `; the library has: ${ids.join(', ')}` : `; \`conform standards\` lists the library's ${ids.length}`;
    throw new NotFoundError(`unknown standard "${id}"${didYouMean(nearestNames(id, ids))}${listed}`);
  }
  return standard;
}

export function resolveVersion(library: Library, id: string, spec = 'latest'): LibraryVersion {
  const standard = findStandard(library, id);
  const status = (v: LibraryVersion): string => v.meta.status;
  const found = pickVersion(standard.versions, status, spec);
  const prerelease = found ? undefined : prereleaseSpecProblem(spec);
  if (prerelease) throw new NotFoundError(`${id}: ${prerelease}`);
  if (!found) throw new NotFoundError(`${id} has no version matching "${spec}"; its versions are: ${listVersions(standard.versions, status, VERSIONS_LISTED)}`);
  return found;
}

/** Splits `id@version` (version optional, default latest). */
export function parseStandardRef(ref: string): { id: string; spec: string } {
  const at = ref.lastIndexOf('@');
  return at <= 0 ? { id: ref, spec: 'latest' } : { id: ref.slice(0, at), spec: ref.slice(at + 1) || 'latest' };
}
