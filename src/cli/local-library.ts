/**
 * The standards library as the CLI's commands load it. `conform check` proves every version, so it reads
 * and compiles them all at load (loadLibrary's default). Every other command reads and compiles only the
 * versions it uses, when it uses them (`compile: 'on-use'`): `validate` the one it validates (read and
 * compiled), `types` those it generates (read; the generator compiles its own), `standards <id>` and
 * `template` the one they show (read and compiled: a description or template of a version the engine
 * refuses would be of a standard nobody can validate), the list of standards none. A version file that is
 * not YAML, or a schema Ajv refuses, is then reported by the command that uses that version, naming its
 * file (registry/library.ts); the shared definitions, each standard.yaml and a listed version with no file
 * are checked at load, by every command.
 */
import { loadLibrary, type Library } from '../registry/library.js';
import { Validators } from '../validation/validators.js';
import { standardsDir } from './paths.js';
import { maxLibraryFileBytes } from '../config.js';

/** The library, every version read and compiled at load (any problem of any fails the load): for `conform check`. */
export function compiledLibrary(flag: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Library> {
  return loadLibrary(standardsDir(flag, cwd), new Validators(), { maxFileBytes: maxLibraryFileBytes(env) });
}

/** The library, each version read when first used and compiled when first validated with: for every command but `check`. */
export function libraryOnUse(flag: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Library> {
  return loadLibrary(standardsDir(flag, cwd), new Validators(), { compile: 'on-use', maxFileBytes: maxLibraryFileBytes(env) });
}
