/**
 * Records the content hash of each published version that has none yet, in its standard.yaml. The file
 * is edited as text (one line added after the version's entry), so comments and layout stay as written.
 * A recorded hash is never overwritten: changing one is a deliberate manual act. Artefact versions listed
 * in `_artefacts.yaml` without a hash get theirs there. Each file is read as the load reads it (a regular
 * file within CONFORM_MAX_LIBRARY_FILE_BYTES: library-file.ts), as it may have been replaced since.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument, isMap, isSeq, isNode } from 'yaml';
import { readLibraryText, type Library } from './library.js';
import { ARTEFACT_INDEX } from './artefacts/library-artefacts.js';
import { artefactName } from './artefacts/refs.js';

interface Insertion {
  at: number;
  text: string;
}

/**
 * Records the content hash of each artefact version `_artefacts.yaml` lists as published (or deprecated or
 * retired) without one. A recorded hash is never overwritten.
 */
async function recordArtefactHashes(library: Library): Promise<string[]> {
  const missing = [...library.artefacts.values()].filter((a) => a.status !== 'draft' && !a.recordedHash);
  if (missing.length === 0) return [];
  const file = join(library.dir, ARTEFACT_INDEX);
  const document = parseDocument(await readLibraryText(file, library.maxFileBytes));
  for (const entry of missing) {
    document.setIn([artefactName(entry.artefact), 'contentHash'], entry.artefact.contentHash);
    entry.recordedHash = entry.artefact.contentHash;
  }
  await writeFile(file, document.toString({ lineWidth: 0 }));
  return missing.map((a) => artefactName(a.artefact));
}

export async function recordHashes(library: Library): Promise<string[]> {
  const recorded: string[] = await recordArtefactHashes(library);
  for (const standard of library.standards.values()) {
    const missing = standard.versions.filter((v) => v.meta.status !== 'draft' && !v.meta.contentHash);
    if (missing.length === 0) continue;
    const file = join(standard.dir, 'standard.yaml');
    // Read again as the load read it (a regular file, within the bound): it may have changed since.
    let text = await readLibraryText(file, library.maxFileBytes);
    const versions = parseDocument(text).get('versions');
    if (!isSeq(versions)) continue;
    const insertions: Insertion[] = [];
    for (const item of versions.items) {
      if (!isMap(item) || !item.range) continue;
      const version = missing.find((v) => v.version === String(item.get('version')));
      const firstKey = item.items[0]?.key;
      if (!version || !isNode(firstKey) || !firstKey.range) continue;
      const keyStart = firstKey.range[0];
      const indent = keyStart - text.lastIndexOf('\n', keyStart - 1) - 1;
      const end = text.slice(0, item.range[1]).trimEnd().length;
      insertions.push({ at: end, text: `\n${' '.repeat(indent)}contentHash: ${version.contentHash}` });
      version.meta.contentHash = version.contentHash;
      recorded.push(`${standard.meta.id}@${version.version}`);
    }
    for (const { at, text: line } of insertions.sort((a, b) => b.at - a.at)) text = text.slice(0, at) + line + text.slice(at);
    await writeFile(file, text);
  }
  return recorded;
}
