/**
 * `conform check` for the bundled artefacts: every published artefact version still has the content hash
 * `_artefacts.yaml` records, successive versions of one artefact follow semver (artefacts/diff.ts), each
 * code list's codes are accepted by its compiled schema and a code outside it refused, and every
 * `conform:` reference of a standard version names a recorded artefact version at an exact version that
 * is not retired (drafts only from drafts).
 */
import semver from 'semver';
import { artefactReferences, artefactName } from './refs.js';
import { compareArtefacts } from './diff.js';
// The library's patterns are analysed by the same `conform check` (check-rules.ts).
import { EVERY_PATTERN } from '../diff/pattern-runs.js';
import type { Library } from '../library.js';
import type { LibraryArtefact } from './library-artefacts.js';

export interface ArtefactCheckProblem {
  where: string;
  message: string;
}

const FROZEN = new Set(['published', 'deprecated', 'retired']);

function checkHash(entry: LibraryArtefact, problems: ArtefactCheckProblem[]): void {
  const where = artefactName(entry.artefact);
  if (!FROZEN.has(entry.status)) return;
  if (entry.recordedHash !== entry.artefact.contentHash) {
    problems.push({
      where,
      message: `is ${entry.status} and has changed since it was published (recorded ${entry.recordedHash ?? 'none'}, now ${entry.artefact.contentHash}); published artefacts never change: restore ${entry.file} and publish the change as a new version`,
    });
  }
}

function checkCodes(library: Library, entry: LibraryArtefact, problems: ArtefactCheckProblem[]): number {
  const { artefact } = entry;
  if (artefact.document.kind !== 'code-list') return 0;
  const validate = library.validators.ajv.getSchema(artefact.uri);
  if (!validate) {
    problems.push({ where: artefactName(artefact), message: 'is not loaded in the compiler' });
    return 0;
  }
  let examples = 0;
  for (const { code } of artefact.document.codes) {
    examples++;
    if (!validate(code)) problems.push({ where: artefactName(artefact), message: `refuses its own code "${code}"` });
  }
  const outside = `${artefact.document.codes.map((c) => c.code).join('')}?`;
  examples++;
  if (validate(outside)) problems.push({ where: artefactName(artefact), message: `accepts "${outside}", which is not one of its codes` });
  return examples;
}

export function checkArtefacts(library: Library): { problems: ArtefactCheckProblem[]; artefacts: number; examples: number } {
  const problems: ArtefactCheckProblem[] = [];
  let examples = 0;
  const entries = [...library.artefacts.values()];
  for (const entry of entries) {
    checkHash(entry, problems);
    examples += checkCodes(library, entry, problems);
  }
  const shared = new Map([...library.shared].map(([id, s]) => [id, s.schema as unknown]));
  const byArtefact = new Map<string, LibraryArtefact[]>();
  for (const entry of entries.filter((e) => e.status !== 'draft')) {
    const key = `${entry.artefact.kind} ${entry.artefact.id}`;
    byArtefact.set(key, [...(byArtefact.get(key) ?? []), entry]);
  }
  for (const versions of byArtefact.values()) {
    const sorted = versions.sort((a, b) => semver.compare(a.artefact.version, b.artefact.version));
    for (let i = 1; i < sorted.length; i++) {
      for (const p of compareArtefacts(sorted[i - 1]!.artefact, sorted[i]!.artefact, shared, EVERY_PATTERN).problems) {
        problems.push({ where: artefactName(sorted[i]!.artefact), message: p.message });
      }
    }
  }
  for (const standard of library.standards.values()) {
    for (const version of standard.versions) {
      for (const r of artefactReferences(version.schema, version.schemaId)) {
        const where = `${version.standardId}@${version.version}`;
        const entry = library.artefacts.get(r.document);
        if ('problem' in r.parsed) problems.push({ where, message: `${r.ref} at ${r.pointer}: ${r.parsed.problem}` });
        else if (!entry) problems.push({ where, message: `${r.ref} at ${r.pointer}: there is no such artefact version in the library` });
        else if (entry.status === 'retired' && version.meta.status !== 'retired') problems.push({ where, message: `${r.ref} at ${r.pointer} is retired` });
        else if (entry.status === 'draft' && version.meta.status !== 'draft') {
          problems.push({
            where,
            message: `${r.ref} at ${r.pointer} is a draft (not in _artefacts.yaml); a ${version.meta.status} version may refer only to published artefacts`,
          });
        }
      }
    }
  }
  return { problems, artefacts: entries.length, examples };
}
