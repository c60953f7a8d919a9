/**
 * Compatibility policies and semver. Under a policy, a change that breaks whom the policy protects
 * (BACKWARD: suppliers, FORWARD: consumers, FULL: both, NONE: nobody) needs a new MAJOR; any other
 * change to what is valid needs at least a MINOR; annotations alone need at least a PATCH.
 */
import semver from 'semver';
import type { CompatibilityPolicy } from '../standard-meta.js';
import { isSemantic, type Change } from './types.js';

export type Bump = 'major' | 'minor' | 'patch' | 'none';
const ORDER: readonly Bump[] = ['none', 'patch', 'minor', 'major'];
export const atLeast = (actual: Bump, needed: Bump): boolean => ORDER.indexOf(actual) >= ORDER.indexOf(needed);

export type BasePolicy = 'BACKWARD' | 'FORWARD' | 'FULL' | 'NONE';

export function basePolicy(policy: CompatibilityPolicy): BasePolicy {
  return policy.replace(/_TRANSITIVE$/, '') as BasePolicy;
}

export function isTransitive(policy: CompatibilityPolicy): boolean {
  return policy.endsWith('_TRANSITIVE');
}

/** True if the change breaks whom the policy protects, so that it needs a new MAJOR. */
export function violates(change: Change, policy: CompatibilityPolicy): boolean {
  switch (basePolicy(policy)) {
    case 'BACKWARD':
      return change.breaksSuppliers;
    case 'FORWARD':
      return change.breaksConsumers;
    case 'FULL':
      return change.breaksSuppliers || change.breaksConsumers;
    case 'NONE':
      return false;
  }
}

/** The changes that break the policy (they are allowed only in a new MAJOR). */
export function checkCompatibility(changes: readonly Change[], policy: CompatibilityPolicy): { compatible: boolean; violations: Change[] } {
  const violations = changes.filter((c) => violates(c, policy));
  return { compatible: violations.length === 0, violations };
}

/** The smallest bump that may carry one change under the policy. */
export function neededBump(change: Change, policy: CompatibilityPolicy): Bump {
  if (violates(change, policy)) return 'major';
  return isSemantic(change) ? 'minor' : 'patch';
}

/** The smallest bump that may carry all the changes: breaking MAJOR, additive MINOR, annotations PATCH. */
export function requiredBump(changes: readonly Change[], policy: CompatibilityPolicy): Bump {
  return changes.reduce<Bump>((most, c) => {
    const bump = neededBump(c, policy);
    return atLeast(most, bump) ? most : bump;
  }, 'none');
}

/** The bump from one version to the next, or undefined if the next one is not higher. */
export function bumpBetween(previous: string, next: string): Bump | undefined {
  if (!semver.gt(next, previous)) return undefined;
  if (semver.major(next) !== semver.major(previous)) return 'major';
  if (semver.minor(next) !== semver.minor(previous)) return 'minor';
  if (semver.patch(next) !== semver.patch(previous)) return 'patch';
  return 'none'; // only the prerelease differs
}

export interface VersionProblem {
  from: string;
  to: string;
  message: string;
  /** The offending change, when the problem is about one. */
  change?: Change;
}

/**
 * Why a change needs the bump, in an author's words: whom it breaks, said as what happens to a file between
 * the two versions, and the first version that may carry it (`2.0.0`, or `1.1.0` for a MINOR after 1.0.x).
 */
function reason(change: Change, needed: Bump, policy: CompatibilityPolicy, previous: string, next: string): string {
  const first = semver.inc(previous, needed === 'none' ? 'patch' : needed);
  if (needed !== 'major') return needed === 'minor' ? `changes what is valid, so it needs at least a MINOR (${first})` : `needs at least a PATCH (${first})`;
  const suppliers = `a supplier's file valid under ${previous} may be refused by ${next}`;
  const consumers = `a file valid under ${next} may be refused by a system still reading ${previous}`;
  const whom = change.undecidable
    ? `cannot be decided and counts as breaking (${suppliers}, and ${consumers})`
    : change.breaksSuppliers && change.breaksConsumers
      ? `breaks suppliers and consumers (${suppliers}, and ${consumers})`
      : change.breaksSuppliers
        ? `breaks suppliers (${suppliers})`
        : `breaks consumers (${consumers})`;
  return `${whom}, so under ${policy} it needs a new MAJOR (${first})`;
}

/**
 * Problems with publishing `next` after `previous`, given the changes between them: a version that is
 * not valid semver or does not increase, and each change that needs a bigger bump than the one made.
 */
export function checkVersionBump(previous: string, next: string, changes: readonly Change[], policy: CompatibilityPolicy): VersionProblem[] {
  for (const v of [previous, next]) {
    if (!semver.valid(v)) return [{ from: previous, to: next, message: `"${v}" is not a semantic version (MAJOR.MINOR.PATCH)` }];
  }
  const made = bumpBetween(previous, next);
  if (made === undefined) return [{ from: previous, to: next, message: `${next} is not higher than ${previous}; a new version must increase` }];
  return changes
    .filter((change) => !atLeast(made, neededBump(change, policy)))
    .map((change) => ({
      from: previous,
      to: next,
      change,
      message: `${previous} → ${next} is a ${made.toUpperCase()} release, but ${change.kind} at ${change.path || '/'} ${reason(change, neededBump(change, policy), policy, previous, next)}: ${change.explanation}`,
    }));
}
