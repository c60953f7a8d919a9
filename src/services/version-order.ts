/**
 * A comparison's versions must be in order: `from` the earlier, `to` the later. A reversed pair is refused
 * (invalid-input, naming both query parameters) rather than compared backwards, which would classify
 * every addition as a removal and report the later version as breaking semver.
 */
import semver from 'semver';
import { DomainError } from './errors.js';

/** Throws when `from` (as resolved) is a later version than `to`; equal versions compare as no changes. */
export function requireOrdered(from: string, to: string): void {
  if (!semver.gt(from, to)) return;
  const message = `from (${from}) is later than to (${to}): give the earlier version as from and the later as to`;
  throw new DomainError('invalid-input', message, [
    { name: 'from', detail: `${from} is later than to (${to}); from is the earlier version` },
    { name: 'to', detail: `${to} is earlier than from (${from}); to is the later version` },
  ]);
}
