/**
 * The registry holds releases only: a version is MAJOR.MINOR.PATCH, never a pre-release (`1.1.0-beta.1`)
 * or a version with build metadata (`1.1.0+5`). Such a version could be published, and then no path could
 * fetch it, validate against it or make its types (the store orders versions by MAJOR.MINOR.PATCH alone),
 * so it is refused at publish, by the API (422) and the library check alike, and named as what it is
 * wherever a version is asked for (the API's 400, the command's not-found).
 */
import semver from 'semver';

const RULE =
  'publishes releases only, MAJOR.MINOR.PATCH with no pre-release (-beta.1) or build (+5) part, so that `latest`, a major and a minor always name a release and each version is checked against the release before it; publish the version as a release when it is ready (a standard not yet stable can keep MAJOR 0: 0.y.z)';

/** The rule, in words. */
export const RELEASES_ONLY = `the registry ${RULE}`;

/** Characters of a version a message repeats at most. */
const SHOWN = 64;

/** `"1.1.0-beta.1" is a pre-release version` (or a build version) when `version` is a semantic version but not a release; else undefined. */
export function notARelease(version: string): string | undefined {
  const parsed = /^[0-9]/.test(version) ? semver.parse(version) : null; // as written: no `v`, no spaces
  if (parsed === null || (parsed.prerelease.length === 0 && parsed.build.length === 0)) return undefined;
  const shown = version.length <= SHOWN ? version : `${version.slice(0, SHOWN)}…`;
  return `"${shown}" is a ${parsed.prerelease.length > 0 ? 'pre-release' : 'build'} version`;
}

/** Why `version` cannot be published when it is a pre-release or build version (the rule named); else undefined. */
export function prereleaseProblem(version: string): string | undefined {
  const which = notARelease(version);
  return which && `${which}: ${RELEASES_ONLY}`;
}

/** Why `spec` names no version when it is a pre-release or build version (the registry holds none); else undefined. */
export function prereleaseSpecProblem(spec: string): string | undefined {
  const which = notARelease(spec);
  return which && `${which}, and the registry holds none: it ${RULE}`;
}
