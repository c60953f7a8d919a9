/**
 * A column mapping's fields are read from the latest released version of each major of a standard, not
 * from every version (suggestions.ts, standardFields): for every bundled standard that is the same set
 * as the fields of every released version, which the mapping was checked against before.
 */
import { expect, it } from 'vitest';
import { loadLibrary, versionSchemaId } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { versionFields } from '../../src/registry/field-match.js';
import { librarySuggestionSource, SuggestionService } from '../../src/services/suggestions.js';

it("gives every bundled standard the fields of all its released versions, from each major's latest", async () => {
  const library = await loadLibrary(bundledStandardsDir());
  const service = new SuggestionService(librarySuggestionSource(library));
  expect(library.standards.size).toBeGreaterThanOrEqual(5);
  for (const [id, standard] of library.standards) {
    const released = standard.versions.filter((v) => v.meta.status !== 'draft');
    const every = new Set(released.flatMap((v) => [...versionFields(library.validators.ajv, v.schema, versionSchemaId(id, v.version)).names]));
    // Every bundled standard has several released versions, so the set is not one version's by chance.
    expect(released.length, id).toBeGreaterThan(2);
    expect([...(await service.standardFields(id))].sort(), id).toEqual([...every].sort());
  }
});
