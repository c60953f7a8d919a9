/**
 * One file of the standards library read whole, within a bound. A standards folder is the operator's, but
 * what is in it may be a mistake or a trap: a link to /dev/zero, a named pipe or a 2 GB file named
 * `1.0.0.yaml` read in full hung the load or filled the heap (the service's start, `conform check`, every
 * command). Now the file is opened without waiting (a pipe with no writer does not block the open), it must be a
 * regular file (a link is followed to what it names), and it may hold at most `maxBytes`; it is read no
 * further than that even if it grows meanwhile. A refusal names the file's kind or size, never its content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { sizeWords } from '../validation/size-words.js';

/** The most a library file may hold by default (CONFORM_MAX_LIBRARY_FILE_BYTES): the bundled files hold at most about 100 KB. */
export const DEFAULT_MAX_LIBRARY_FILE_BYTES = 8 * 1024 * 1024;

/** A library file refused for what it is, not for what it says: the message names the problem, the caller the file. */
export class LibraryFileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryFileRefused';
  }
}

// O_NONBLOCK is not defined on Windows, where opening a pipe by path does not wait for a writer either.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function tooLarge(bytes: number | undefined, maxBytes: number): LibraryFileRefused {
  // Two sizes that round alike ("64.0 KiB" and "64 KiB") are told in bytes.
  const rounded = (n: number): string => sizeWords(n).replace('.0 ', ' ');
  const [size, max] =
    bytes !== undefined && rounded(bytes) === rounded(maxBytes) ? [`${bytes} bytes`, `${maxBytes} bytes`] : [bytes && sizeWords(bytes), sizeWords(maxBytes)];
  return new LibraryFileRefused(
    `${size === undefined ? 'holds more than' : `holds ${size}, more than`} the ${max} a library file may hold (CONFORM_MAX_LIBRARY_FILE_BYTES)`,
  );
}

function refuseUnlessRegular(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) {
    const what = kind(stats);
    throw new LibraryFileRefused(
      `is ${what === 'not a regular file' ? 'not a regular file' : `${what}, not a regular file`}; a library file must be a regular file`,
    );
  }
  if (stats.size > maxBytes) throw tooLarge(stats.size, maxBytes);
}

const PIECE = 1024 * 1024;

/** The file's text (UTF-8), read whole within `maxBytes`. Throws the open's own error (ENOENT, EACCES) or LibraryFileRefused. */
export async function readLibraryFile(file: string, maxBytes: number): Promise<string> {
  const handle = await open(file, OPEN_FLAGS);
  try {
    refuseUnlessRegular(await handle.stat(), maxBytes);
    const pieces: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(Math.min(PIECE, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(piece, 0, piece.length, null);
      if (bytesRead === 0) return Buffer.concat(pieces, total).toString('utf8');
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(undefined, maxBytes);
      pieces.push(piece.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** readLibraryFile, at once: for a version file read on first use. */
export function readLibraryFileNow(file: string, maxBytes: number): string {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    refuseUnlessRegular(fstatSync(fd), maxBytes);
    const pieces: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(Math.min(PIECE, maxBytes + 1 - total));
      const bytesRead = readSync(fd, piece, 0, piece.length, null);
      if (bytesRead === 0) return Buffer.concat(pieces, total).toString('utf8');
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(undefined, maxBytes);
      pieces.push(piece.subarray(0, bytesRead));
    }
  } finally {
    closeSync(fd);
  }
}
