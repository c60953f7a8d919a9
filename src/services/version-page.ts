/**
 * A page of one standard's or artefact's versions, so an answer listing them stays bounded however many
 * an author publishes. Versions are read by the store's version window (semver order by an indexed key):
 * the cursor (cursor.ts) holds the last version a page showed and the next page is the `limit` versions
 * strictly after it, oldest first (the API) or newest first (the pages), read as `limit + 1` rows.
 */
import semver from 'semver';
import type { VersionWindow } from '../store/types.js';
import { decodeCursor, pageOf, type Page } from './cursor.js';

export interface VersionPageRequest {
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

/** An exact MAJOR.MINOR.PATCH (the only versions the registry stores), as a cursor may hold. */
export const isExactVersion = (text: string): boolean => semver.valid(text) === text && semver.prerelease(text) === null;

/** A page of versions read through `window`; `list` names whose versions they are, as the cursor is tagged. */
export async function versionPage<V extends { version: string }>(
  window: (window: VersionWindow) => Promise<V[]>,
  list: string,
  page: VersionPageRequest,
): Promise<Page<V>> {
  const tag = page.newestFirst ? `${list}, newest first` : list;
  let from: { after: string } | { before: string } | object = {};
  if (page.cursor !== undefined) {
    const [last] = decodeCursor(tag, page.cursor, ['string'], ([key]) => isExactVersion(String(key))) as [string];
    from = page.newestFirst ? { before: last } : { after: last };
  }
  const rows = await window({ limit: page.limit + 1, ...(page.newestFirst ? { newestFirst: true } : {}), ...from });
  return pageOf(rows, page.limit, tag, (v) => [v.version]);
}
