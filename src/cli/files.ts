/**
 * The CLI's words for a file or folder it cannot read or write: one line naming the path and what is wrong
 * with it in plain words (never Node's bare `ENOENT`), the folder-making the output commands share, and the
 * reading of a file to validate (readChunks).
 */
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './io.js';

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** What an error from the file system means, for a path that was to be read or written. */
export function fileProblem(error: unknown, action: 'read' | 'write'): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return action === 'read' ? 'no such file' : 'its folder does not exist (create it first, or give another path)';
    case 'EISDIR':
      return action === 'read' ? 'it is a folder, not a file' : 'it is a folder; give a file name';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EEXIST':
      return 'it already exists';
    case 'EXDEV':
      return 'it cannot be moved there from another file system';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    default: {
      const code = errorCode(error);
      return code ?? (error instanceof Error ? error.message : String(error));
    }
  }
}

/** A usage error (exit 2) saying that `shown` cannot be read or written, and why. */
export const fileError = (error: unknown, action: 'read' | 'write', shown: string): UsageError =>
  new UsageError(`cannot ${action} ${shown}: ${fileProblem(error, action)}`);

/**
 * Makes `dir` and any missing folders above it, one level at a time (Node's recursive mkdir never returns
 * under a file system that answers ENOENT to every mkdir, such as /proc). A path that is a file, or runs
 * through one, is refused naming it. Returns the folders it made, outermost first.
 */
export async function makeFolder(dir: string, shown: string): Promise<string[]> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const info = await stat(at).catch((error: unknown) => {
      // Missing, or below a file (ENOTDIR): look further up for what is there.
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
      throw fileError(error, 'write', shown);
    });
    if (info !== undefined) {
      if (!info.isDirectory()) {
        throw new UsageError(`cannot write ${shown}: ${at} is a file, not a folder`);
      }
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: unknown) => {
      if (errorCode(error) === 'EEXIST') return;
      if (errorCode(error) === 'ENOENT') throw new UsageError(`cannot write ${shown}: the folder ${folder} cannot be created there`);
      throw fileError(error, 'write', shown);
    });
  }
  return missing;
}

/**
 * A whole file of at most `maxBytes` (a regular file, or a pipe such as `<(…)`), or undefined when it holds
 * more: it is read a piece at a time and no further than the bound, so /dev/zero or a 3 GB file given by
 * mistake costs `maxBytes` of memory, not all of it (readFile read /dev/zero until the process was killed).
 */
export async function readAtMost(path: string, maxBytes: number): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const pieces: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(piece, 0, piece.length, null);
      if (bytesRead === 0) return Buffer.concat(pieces, total);
      total += bytesRead;
      if (total > maxBytes) return undefined;
      pieces.push(piece.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** Bytes readChunks reads at a time. */
export const READ_CHUNK_BYTES = 1 << 20;
/**
 * The buffers readChunks reads into in turn: the chunk handed out, the next one being read meanwhile, and
 * the one before, which a consumer may still hold while it takes the next (the engine joins a few first
 * bytes to the next chunk to tell gzip and a byte-order mark).
 */
export const READ_BUFFERS = 3;

/**
 * A file's bytes, a chunk at a time, read into a few buffers used in turn (READ_BUFFERS of `chunkBytes`)
 * with the next chunk read while the last is worked on. A chunk is a view of one of those buffers: it holds
 * its bytes until the second chunk after it is handed out, and whoever keeps bytes longer copies them (the
 * readers copy a record cut across chunks; the gzip path copies what it reads ahead). A fresh buffer per read,
 * as a read stream gives, outlived V8's young collections while its rows were validated and was freed only
 * by a full collection, so a large CSV's memory grew by up to 64 MiB of chunks already read
 * (docs/benchmarks.md); these buffers are the same few from the first chunk to the last.
 */
export async function* readChunks(path: string, chunkBytes = READ_CHUNK_BYTES): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  let next: Promise<{ bytesRead: number }> | undefined;
  try {
    const buffers = Array.from({ length: READ_BUFFERS }, () => Buffer.allocUnsafeSlow(chunkBytes));
    const readInto = (buffer: Buffer): Promise<{ bytesRead: number }> => {
      const read = handle.read(buffer, 0, buffer.length, null);
      read.catch(() => undefined); // awaited below, or dropped with the generator: never an unhandled rejection
      return read;
    };
    next = readInto(buffers[0]!);
    for (let turn = 0; ; turn = (turn + 1) % READ_BUFFERS) {
      const { bytesRead } = await next;
      next = undefined;
      if (bytesRead === 0) return;
      next = readInto(buffers[(turn + 1) % READ_BUFFERS]!);
      yield buffers[turn]!.subarray(0, bytesRead);
    }
  } finally {
    // A consumer that stops early leaves a read under way: it ends before the file is closed.
    await next?.catch(() => undefined);
    await handle.close();
  }
}
