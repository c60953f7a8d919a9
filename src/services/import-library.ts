/**
 * Loads the standards library into the store at start, idempotently: a version already stored with
 * the same content hash is left alone (its status follows the library's), a new one is published, and
 * one stored with other content stops the start with an error naming it. The library's standards are
 * owned by `library`: admins manage them (and may grant authors co-ownership).
 */
import type { Store } from '../store/types.js';
import { canonicalJson } from '../registry/content-hash.js';
import { LibraryError, type Library } from '../registry/library.js';
import { LIBRARY_OWNER } from './ownership.js';
import { importArtefacts } from './import-artefacts.js';

const ACTOR = 'standards library';

export async function importLibrary(store: Store, library: Library): Promise<{ created: number; unchanged: number }> {
  // Artefacts first: the library's versions may refer to them.
  let { created, unchanged } = await importArtefacts(store, library);
  for (const standard of library.standards.values()) {
    const { id, title, owner, description, versions: _versions, ...metadata } = standard.meta;
    const stored = await store.getStandard(id);
    const same =
      stored &&
      stored.title === title &&
      stored.owner === owner &&
      stored.description === description &&
      canonicalJson(stored.metadata) === canonicalJson(metadata);
    const entry = { id, title, owner, description, metadata };
    // A new standard is the library's (admins manage it); one already stored keeps its owners.
    if (!stored) await store.createStandard(entry, LIBRARY_OWNER, ACTOR);
    else if (!same) await store.saveStandard(entry, ACTOR);
    for (const version of standard.versions) {
      if (version.meta.status === 'draft') continue;
      const result = await store.publishVersion({
        standardId: id,
        version: version.version,
        status: version.meta.status,
        schema: JSON.stringify(version.schema),
        contentHash: version.contentHash,
        changelog: version.meta.changelog,
        publishedBy: ACTOR,
        // The day its authors released it (standard.yaml's `released`), not the day this store loaded it.
        ...(version.meta.released ? { publishedAt: `${version.meta.released}T00:00:00.000Z` } : {}),
      });
      if (result.outcome === 'conflict') {
        throw new LibraryError(
          `${version.file}: ${id} ${version.version} is already published in the store with other content (${result.version.contentHash}, the library has ${version.contentHash}); published versions never change`,
        );
      }
      if (result.outcome === 'created') created++;
      else {
        unchanged++;
        if (result.version.status !== version.meta.status) await store.setVersionStatus(id, version.version, version.meta.status, ACTOR);
      }
    }
  }
  return { created, unchanged };
}
