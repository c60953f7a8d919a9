/**
 * Loads the bundled artefacts (code lists, definitions sets) into the store at start, idempotently and
 * before the standards that refer to them: one already stored with the same content is left alone (its
 * status follows the library's), a new one is published, and one stored with other content stops the
 * start with an error naming it. Drafts (not recorded in `_artefacts.yaml`) are not imported.
 */
import type { Store } from '../store/types.js';
import { LibraryError, type Library } from '../registry/library.js';
import { canonicalJson } from '../registry/content-hash.js';
import { LIBRARY_OWNER } from './ownership.js';

const ACTOR = 'standards library';

export async function importArtefacts(store: Store, library: Library): Promise<{ created: number; unchanged: number }> {
  let created = 0;
  let unchanged = 0;
  for (const { artefact, file, status } of library.artefacts.values()) {
    if (status === 'draft') continue;
    const result = await store.publishArtefact({
      kind: artefact.kind,
      id: artefact.id,
      version: artefact.version,
      status,
      title: artefact.title,
      document: canonicalJson(artefact.document),
      schema: JSON.stringify(artefact.schema),
      contentHash: artefact.contentHash,
      changelog: artefact.document.changelog ?? '',
      owner: LIBRARY_OWNER,
      publishedBy: ACTOR,
    });
    if (result.outcome === 'conflict') {
      throw new LibraryError(
        `${file}: ${artefact.uri} is already published in the store with other content (${result.artefact.contentHash}, the library has ${artefact.contentHash}); published artefacts never change`,
      );
    }
    if (result.outcome === 'created') created++;
    else {
      unchanged++;
      if (result.artefact.status !== status) await store.setArtefactStatus(artefact.kind, artefact.id, artefact.version, status, ACTOR);
    }
  }
  return { created, unchanged };
}
