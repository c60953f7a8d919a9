/**
 * Records the content hash of each published version that has none yet, in its standard.yaml. The file
 * is edited as text (one line added after the version's entry), so comments and layout stay as written.
 * A recorded hash is never overwritten: changing one is a deliberate manual act.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument, isMap, isSeq, isNode } from 'yaml';
import type { Library } from './library.js';

interface Insertion {
  at: number;
  text: string;
}

export async function recordHashes(library: Library): Promise<string[]> {
  const recorded: string[] = [];
  for (const standard of library.standards.values()) {
    const missing = standard.versions.filter((v) => v.meta.status !== 'draft' && !v.meta.contentHash);
    if (missing.length === 0) continue;
    const file = join(standard.dir, 'standard.yaml');
    let text = await readFile(file, 'utf8');
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
