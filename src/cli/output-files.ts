/**
 * The one way the CLI's commands write the files they make (`conform types --out <dir>`, `conform template
 * --out <file>`; `conform backup` keeps the same rule through HealthService): the destination is checked
 * before any work is done, everything is written to a hidden temporary sibling, and only a complete result
 * is moved into place. A write error, or Ctrl-C (exit 130) or SIGTERM part-way, leaves the destination as
 * it was: the temporary output is removed. An existing file is never replaced without `--force`.
 */
import { rmdirSync, rmSync, type Stats } from 'node:fs';
import { access, constants as fs, copyFile, link, lstat, mkdtemp, mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError, type CliIo } from './io.js';
import { fileError, makeFolder } from './files.js';

export interface OutputFile {
  /** Relative to the output folder, with `/` between folders. */
  path: string;
  content: string;
}

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** The entry at `path`, or undefined when there is none. */
async function entry(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** A folder the process can make files in; refused naming it (read-only, permission denied) otherwise. */
async function requireWritable(folder: string, shown: string): Promise<void> {
  await access(folder, fs.W_OK | fs.X_OK).catch((error: unknown) => {
    throw fileError(error, 'write', shown);
  });
}

/**
 * Runs `work` with Ctrl-C and SIGTERM handled: `undo` removes what was made so far, one line says so, and
 * the process exits with 128 + the signal's number (130 for Ctrl-C).
 */
async function interruptible<T>(io: CliIo, shown: string, undo: () => void, work: () => Promise<T>): Promise<T> {
  const stop = (signal: NodeJS.Signals): void => {
    undo();
    io.stderr.write(`conform: stopped (${signal}); nothing was written to ${shown}\n`);
    process.exit(128 + constants.signals[signal]);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    return await work();
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

/** The hidden copies made on another file system than the temporary folder's, and the folders made in the destination for them. */
type Copies = Set<string> & { made: string[] };

/** A folder being filled: `files` are written to it, and `place` moves them into the destination. */
export interface PendingFolder {
  place(files: readonly OutputFile[]): Promise<void>;
}

/**
 * Prepares to write the folder `dir` (shown as `shown`), before anything is generated: the folders above it
 * are made, and a hidden temporary folder, so a folder that cannot be written is said at once. `make`
 * then produces the files and calls `place`; until the files are in place, Ctrl-C, SIGTERM or an error
 * removes the temporary folder (and any hidden copies) and the folders made for it. Existing files of the
 * same names in `dir` are replaced (generated files are remade); other files in it are left alone.
 *
 * The temporary folder lives on the destination's own file system, so the files are moved in by renames:
 * inside `dir` when it exists (a folder that is a mount point, such as a container's volume, is on another
 * file system than its parent, which may not even be writable), beside it when it is to be made. A file
 * whose folder is on yet another file system (a folder inside `dir` that is a mount point or a link to
 * one) is copied first to a hidden file in that folder, then renamed, before the first file is moved.
 */
export async function writeFolder<T>(dir: string, shown: string, io: CliIo, make: (folder: PendingFolder) => Promise<T>): Promise<T> {
  const existing = await stat(dir).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined; // below a file: makeFolder names it
    throw fileError(error, 'write', shown);
  });
  if (existing !== undefined && !existing.isDirectory()) {
    throw new UsageError(`cannot write ${shown}: ${dir} is a file, not a folder`);
  }
  // The sibling of the real folder (a symbolic link's target), so the move is a rename on one file system.
  const target = existing === undefined ? dir : await realpath(dir).catch(() => dir);
  const parent = dirname(target);
  const made = await makeFolder(parent, shown);
  let temporary: string | undefined;
  const copies: Copies = Object.assign(new Set<string>(), { made: [] as string[] });
  const undo = (): void => {
    if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    for (const copy of copies) rmSync(copy, { force: true });
    for (const folder of [...made, ...copies.made].reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty any more, or gone: left as it is
      }
    }
  };
  return interruptible(io, shown, undo, async () => {
    try {
      if (existing !== undefined) await requireWritable(target, shown);
      const prefix = existing === undefined ? join(parent, `.${basename(target)}.partial-`) : join(target, '.conform-partial-');
      temporary = await mkdtemp(prefix).catch((error: unknown) => {
        throw fileError(error, 'write', shown);
      });
      const folder = temporary;
      return await make({ place: (files) => placeFiles(folder, target, existing !== undefined, files, shown, copies) });
    } catch (error) {
      undo();
      throw error;
    } finally {
      if (temporary !== undefined) await rm(temporary, { recursive: true, force: true });
      for (const copy of copies) await rm(copy, { force: true });
    }
  });
}

/**
 * Writes `files` to `temporary`, then moves them into `target`: the whole folder when it is new, else file by
 * file, each from where a rename can take it (`copies`: the hidden copies made on another file system).
 */
async function placeFiles(
  temporary: string,
  target: string,
  targetExists: boolean,
  files: readonly OutputFile[],
  shown: string,
  copies: Copies,
): Promise<void> {
  for (const file of files) {
    const path = join(temporary, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content).catch((error: unknown) => {
      throw fileError(error, 'write', join(shown, file.path));
    });
  }
  if (!targetExists) {
    await rename(temporary, target).catch((error: unknown) => {
      throw fileError(error, 'write', shown);
    });
    return;
  }
  // Every file's place is checked before the first is moved, so a folder in the way of a file (or a file in
  // the way of a folder) refuses the whole output, not the rest of it after a part was moved.
  for (const file of files) await requireFree(target, file.path, shown);
  const device = (await stat(temporary)).dev;
  const sources = new Map<string, string>();
  for (const file of files) {
    const destination = join(target, file.path);
    const first = await mkdir(dirname(destination), { recursive: true }).catch((error: unknown) => {
      throw fileError(error, 'write', join(shown, file.path));
    });
    // The folders made, outermost first, removed again (when empty) if the output is refused.
    if (first !== undefined) {
      const chain: string[] = [];
      for (let at = dirname(destination); at.length >= first.length; at = dirname(at)) chain.unshift(at);
      copies.made.push(...chain);
    }
    if ((await stat(dirname(destination))).dev === device) continue;
    // Another file system: a rename cannot cross to it, so the file is copied beside its place first.
    const copy = join(dirname(destination), `.${basename(destination)}.partial-${process.pid}`);
    copies.add(copy);
    await copyFile(join(temporary, file.path), copy).catch((error: unknown) => {
      throw fileError(error, 'write', join(shown, file.path));
    });
    sources.set(file.path, copy);
  }
  for (const file of files) {
    const source = sources.get(file.path) ?? join(temporary, file.path);
    await rename(source, join(target, file.path)).catch((error: unknown) => {
      throw fileError(error, 'write', join(shown, file.path));
    });
    copies.delete(source);
  }
}

/** The entry at `path`, a link followed (a folder linked to is a folder), or undefined when there is none. */
async function folderAt(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * That `relative` can be written in `target`: its folders are folders (or missing) one can write in, and it
 * is not a folder. A folder on the way may be a link to one (followed); the file's own name is replaced.
 */
async function requireFree(target: string, relative: string, shown: string): Promise<void> {
  const parts = relative.split('/');
  let at = target;
  for (const [index, part] of parts.entries()) {
    at = join(at, part);
    const last = index === parts.length - 1;
    const found = last ? await entry(at) : await folderAt(at);
    if (found === undefined) return;
    if (last && found.isDirectory()) throw new UsageError(`cannot write ${shown}: ${at} is a folder, where the file ${relative} goes; nothing was written`);
    if (!last && !found.isDirectory()) throw new UsageError(`cannot write ${shown}: ${at} is a file, not a folder; nothing was written`);
    if (!last) await requireWritable(at, shown);
  }
}

/**
 * Writes the file `path` (shown as `shown`) whole: checked before `make` runs (its folder exists and can
 * be written, it is not a folder, and it does not exist unless `force`), written to a hidden sibling and
 * moved into place complete. Without `force` the move never replaces a file made meanwhile.
 */
export async function writeWholeFile(path: string, shown: string, force: boolean, io: CliIo, make: () => Promise<string>): Promise<void> {
  const found = await entry(path).catch((error: unknown) => {
    throw fileError(error, 'write', shown);
  });
  if (found?.isDirectory()) throw new UsageError(`cannot write ${shown}: it is a folder; give a file name`);
  if (found !== undefined && !force) throw new UsageError(`${shown} already exists; give --force to replace it, or another name`);
  const folder = dirname(path);
  await requireWritable(folder, shown);
  const partial = join(folder, `.${basename(path)}.partial-${process.pid}`);
  const undo = (): void => rmSync(partial, { force: true });
  await interruptible(io, shown, undo, async () => {
    const content = await make();
    try {
      await writeFile(partial, content, { flag: 'wx' });
      if (force) await rename(partial, path);
      else
        await link(partial, path).catch(async (error: unknown) => {
          if (errorCode(error) === 'EEXIST') throw new UsageError(`${shown} already exists; give --force to replace it, or another name`);
          // A file system without hard links (FAT, some network shares): moved, if the name is still free.
          if ((await entry(path)) !== undefined) throw new UsageError(`${shown} already exists; give --force to replace it, or another name`);
          await rename(partial, path);
        });
    } catch (error) {
      throw error instanceof UsageError ? error : fileError(error, 'write', shown);
    } finally {
      undo();
    }
  });
}
