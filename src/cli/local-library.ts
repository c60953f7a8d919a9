/**
 * The standards library as the CLI's commands load it. `conform check` proves every version, so it
 * compiles them all at load (loadLibrary's default). Every other command compiles only the versions it
 * uses, when it uses them (`compile: 'on-use'`): `validate` the one it validates, `types` those it
 * generates, `standards` and `template` none, as they read a version's schema without its validator.
 * A schema Ajv refuses is then reported by the command that uses that version, naming its file
 * (registry/library.ts); a file that cannot be read or parsed is reported by any command, at load.
 */
import { loadLibrary, type Library } from '../registry/library.js';
import { Validators } from '../validation/validators.js';
import { standardsDir } from './paths.js';

/** The library, every version compiled at load (a schema Ajv refuses fails the load): for `conform check`. */
export function compiledLibrary(flag: string | undefined, cwd: string): Promise<Library> {
  return loadLibrary(standardsDir(flag, cwd));
}

/** The library, each version compiled when first used (compiledVersion): for every command but `check`. */
export function libraryOnUse(flag: string | undefined, cwd: string): Promise<Library> {
  return loadLibrary(standardsDir(flag, cwd), new Validators(), { compile: 'on-use' });
}
