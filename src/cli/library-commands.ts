/** `conform standards [<id>[@<version>]]` and `conform check`. */
import { checkLibrary } from '../registry/check.js';
import { recordHashes } from '../registry/record-hashes.js';
import { envOf, EXIT, type CliIo } from './io.js';
import { compiledLibrary, libraryOnUse } from './local-library.js';
import { standardDetail } from './standard-detail.js';
import { countWords } from '../validation/count-words.js';

export async function standardsCommand(args: { ref?: string; json?: boolean; standards?: string }, io: CliIo): Promise<number> {
  // The list reads no version file; a field dictionary reads and compiles the one it shows.
  const library = await libraryOnUse(args.standards, io.cwd, envOf(io));
  if (args.ref !== undefined) return standardDetail(library, args.ref, args.json, io);
  const list = [...library.standards.values()].map((s) => ({
    id: s.meta.id,
    title: s.meta.title,
    owner: s.meta.owner,
    versions: s.versions.map((v) => ({ version: v.version, status: v.meta.status })),
  }));
  if (args.json) {
    io.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return EXIT.ok;
  }
  for (const s of list) {
    io.stdout.write(`${s.id}  ${s.title}\n  owner: ${s.owner}\n  versions: ${s.versions.map((v) => `${v.version} (${v.status})`).join(', ')}\n`);
  }
  return EXIT.ok;
}

export async function checkCommand(args: { recordHashes?: boolean; standards?: string }, io: CliIo): Promise<number> {
  // Proves every version: each is compiled at load, and the first that Ajv refuses fails it, naming its file.
  const library = await compiledLibrary(args.standards, io.cwd, envOf(io));
  if (args.recordHashes) {
    for (const recorded of await recordHashes(library)) io.stdout.write(`recorded the content hash of ${recorded}\n`);
  }
  const result = await checkLibrary(library);
  for (const p of result.problems) io.stdout.write(`✗ ${p.where}: ${p.message}\n`);
  const counts = `${countWords(result.standards, 'standard')}, ${countWords(result.versions, 'version')}, ${countWords(result.examples, 'example')}, ${countWords(result.artefacts, 'artefact version')}`;
  if (result.problems.length > 0) {
    io.stdout.write(`check failed: ${countWords(result.problems.length, 'problem')} in ${counts}\n`);
    return EXIT.invalid;
  }
  io.stdout.write(
    `check passed: ${counts}; every version compiles, every example behaves as declared, published versions and artefacts unchanged, versions follow semver under their compatibility policy, every artefact reference resolves\n`,
  );
  return EXIT.ok;
}
