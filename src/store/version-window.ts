/**
 * A window of one standard's or artefact's versions (types.ts, VersionWindow) as a query: statuses, a
 * major or minor, strictly after or before a version, in semver order by the indexed sort key
 * (version-key.ts), at most `limit` rows. The same on both databases.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './database.js';
import type { VersionWindow } from './types.js';
import { keyRange, versionKey } from './version-key.js';

export function inWindow<O>(
  query: SelectQueryBuilder<Database, 'versions' | 'artefact_versions', O>,
  window: VersionWindow,
): SelectQueryBuilder<Database, 'versions' | 'artefact_versions', O> {
  let q = query;
  if (window.statuses) q = q.where('status', 'in', [...window.statuses]);
  if (window.within) {
    const { from, to } = keyRange(window.within);
    q = q.where('version_key', '>=', from);
    if (to !== undefined) q = q.where('version_key', '<', to);
  }
  if (window.after !== undefined) q = q.where('version_key', '>', versionKey(window.after));
  if (window.before !== undefined) q = q.where('version_key', '<', versionKey(window.before));
  return q.orderBy('version_key', window.newestFirst ? 'desc' : 'asc').limit(window.limit);
}
