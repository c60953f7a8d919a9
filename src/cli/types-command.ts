/**
 * `conform types --standard <id>[@<version>] --out <dir>` and `conform types --all --out <dir>`: writes
 * TypeScript types and standalone validators for versions of the local library, or of a server's
 * (`--server <url>`). `--check` writes nothing and exits 1 when the folder's files differ from what would
 * be written (for CI over committed generated files). The folder is written whole or not at all: checked
 * first, filled in a hidden sibling, moved into place complete (output-files.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { compiledVersion, type LibraryVersion } from '../registry/library.js';
import { parseStandardRef, resolveVersion } from '../registry/resolve.js';
import { allLibrarySources, generateFiles, librarySource, type GeneratedFile } from '../codegen/generate.js';
import type { CodegenSource } from '../codegen/source.js';
import { GENERATED_MARK } from '../codegen/header.js';
import { remoteSource, remoteSources, remoteStatuses, type VersionStatuses } from './remote-codegen.js';
import { deprecationWarning } from '../services/submissions.js';
import { envOf, EXIT, UsageError, type CliIo } from './io.js';
import { writeFolder } from './output-files.js';
import { libraryOnUse } from './local-library.js';
import { countWords } from '../validation/count-words.js';

export interface TypesArgs {
  standard?: string;
  all?: boolean;
  out?: string;
  check?: boolean;
  server?: string;
  standards?: string;
}

/** The sources to generate, the library's versions they are (none from a server), and each standard's versions' statuses. */
interface Chosen {
  sources: CodegenSource[];
  versions: LibraryVersion[];
  statuses: Map<string, VersionStatuses>;
}

async function chosen(args: TypesArgs, io: CliIo): Promise<Chosen> {
  const ref = args.standard === undefined ? undefined : parseStandardRef(args.standard);
  if (args.server) {
    if (!ref) return { ...(await remoteSources(args.server)), versions: [] };
    const source = await remoteSource(args.server, ref.id, ref.spec);
    return { sources: [source], versions: [], statuses: new Map([[ref.id, await remoteStatuses(args.server, ref.id)]]) };
  }
  // The generator compiles each version it writes on its own; the library compiles none unless that fails.
  const library = await libraryOnUse(args.standards, io.cwd, envOf(io));
  const statuses = new Map([...library.standards].map(([id, s]) => [id, s.versions.map((v) => ({ version: v.version, status: v.meta.status }))]));
  if (ref) {
    const version = resolveVersion(library, ref.id, ref.spec);
    return { sources: [librarySource(library, version)], versions: [version], statuses };
  }
  return { sources: allLibrarySources(library), versions: [...library.standards.values()].flatMap((s) => s.versions), statuses };
}

/**
 * The notes for the deprecated versions among those written, in `conform validate`'s words (the versions
 * to move to); for more than one standard's, one line naming them.
 */
function deprecationNotes({ sources, statuses }: Chosen): string[] {
  const deprecated = sources.filter((s) => statuses.get(s.standardId)?.find((v) => v.version === s.version)?.status === 'deprecated');
  if (deprecated.length === 0) return [];
  if (deprecated.length === 1 || sources.length === 1) {
    return deprecated.map(
      (s) =>
        `${deprecationWarning(s.standardId, s.version, statuses.get(s.standardId) ?? [])}; its types and validator still work, but suppliers should move on`,
    );
  }
  const names = deprecated.map((s) => `${s.standardId} ${s.version}`);
  return [
    `${countWords(deprecated.length, 'version')} written ${deprecated.length === 1 ? 'is' : 'are'} deprecated (${names.join(', ')}): build against a published version`,
  ];
}

/**
 * The files of the sources. When generating fails on a library version whose schema Ajv refuses, the
 * error is the library's, naming the version's file (registry/library.ts), as a load that compiled every
 * version reported it; compiling them costs nothing unless generating failed.
 */
async function generated({ sources, versions }: Chosen): Promise<GeneratedFile[]> {
  try {
    return await generateFiles(sources);
  } catch (error) {
    for (const version of versions) compiledVersion(version);
    throw error;
  }
}

/** What differs between the folder and the files: missing, changed, and generated files no longer made. */
async function differences(dir: string, files: GeneratedFile[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const existing = await readFile(join(dir, file.path), 'utf8').catch(() => undefined);
    if (existing === undefined) found.push(`${file.path} is missing`);
    else if (existing !== file.content) found.push(`${file.path} differs`);
  }
  const made = new Set(files.map((f) => f.path));
  const present = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const name of present.map((p) => relative(dir, join(dir, p)).split(sep).join('/')).sort()) {
    if (made.has(name) || !name.endsWith('.ts')) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    if (text.includes(GENERATED_MARK)) found.push(`${name} is generated but no longer made`);
  }
  return found;
}

export async function typesCommand(args: TypesArgs, io: CliIo): Promise<number> {
  if (Boolean(args.all) === (args.standard !== undefined)) {
    throw new UsageError('give either --standard <id>[@<version>] or --all: conform types --standard <id>[@<version>] --out <dir>');
  }
  if (!args.out) throw new UsageError('give the output folder: --out <dir>');
  const dir = resolve(io.cwd, args.out);
  if (args.check) {
    const files = await generated(await chosen(args, io));
    const found = await differences(dir, files);
    for (const line of found) io.stderr.write(`conform: ${line}\n`);
    if (found.length > 0) {
      io.stderr.write(`conform: ${args.out} is not what the generator makes; run the same command without --check\n`);
      return EXIT.invalid;
    }
    io.stdout.write(`${files.length} generated files in ${args.out} are up to date\n`);
    return EXIT.ok;
  }
  // The folder is checked (and its temporary sibling made) before anything is generated; the files are
  // moved into it only when every one is written (output-files.ts).
  const { files, notes } = await writeFolder(dir, args.out, io, async (folder) => {
    const sources = await chosen(args, io);
    const made = await generated(sources);
    await folder.place(made);
    return { files: made, notes: deprecationNotes(sources) };
  });
  io.stdout.write(`wrote ${countWords(files.length, 'file')} to ${args.out}:\n${files.map((f) => `  ${f.path}\n`).join('')}`);
  for (const note of notes) io.stderr.write(`warning: ${note}\n`);
  return EXIT.ok;
}
