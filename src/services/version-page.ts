/**
 * A page of one standard's or artefact's versions, so an answer listing them stays bounded however many
 * an author publishes. Versions are ordered by semver, which is not SQL's order, so the list is cut here:
 * the cursor (cursor.ts) holds the last version a page showed and the next page starts strictly after it,
 * oldest first (the API) or newest first (the pages).
 */
import semver from 'semver';
import { decodeCursor, pageOf, type Page } from './cursor.js';

export interface VersionPageRequest {
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

/** `versions` in semver order (oldest first); `list` names whose versions they are, as the cursor is tagged. */
export function versionPage<V extends { version: string }>(versions: readonly V[], list: string, page: VersionPageRequest): Page<V> {
  const tag = page.newestFirst ? `${list}, newest first` : list;
  const ordered = page.newestFirst ? [...versions].reverse() : versions;
  let rest = ordered;
  if (page.cursor !== undefined) {
    const [after] = decodeCursor(tag, page.cursor, ['string'], ([key]) => semver.valid(String(key)) === key) as [string];
    rest = ordered.filter((v) => (page.newestFirst ? semver.lt(v.version, after) : semver.gt(v.version, after)));
  }
  return pageOf(rest.slice(0, page.limit + 1), page.limit, tag, (v) => [v.version]);
}
