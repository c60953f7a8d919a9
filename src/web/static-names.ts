/**
 * Which names the file routes (`/assets/{path*}`, `/web/{file}`) ask the disk for. A name the file system
 * cannot hold (a segment over 255 bytes, or a path over 1,024 bytes in all: far longer than any asset's)
 * is no file: it is answered as any unknown file, 404, without opening anything. inert passed it to
 * `open`, whose ENAMETOOLONG it answered as a 500, logging the whole name as the server's error.
 */
import type { Request, ResponseToolkit } from '@hapi/hapi';
import Boom from '@hapi/boom';

/** NAME_MAX of the common file systems (ext4, xfs, APFS, NTFS), in bytes. */
export const MAX_SEGMENT_BYTES = 255;
/** The most an asset's path below its folder may hold, in bytes (PATH_MAX is 4,096 with the folder's own). */
export const MAX_PATH_BYTES = 1024;

/** Whether `name` (a route parameter, decoded) could name a file below an asset folder. */
export function fitsFileSystem(name: string): boolean {
  if (Buffer.byteLength(name) > MAX_PATH_BYTES) return false;
  return name.split(/[/\\]/).every((segment) => Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES);
}

/** A route's `onPreHandler`: a 404 for a name no file can have, before inert opens it. */
export function refuseUnfitNames(request: Request, h: ResponseToolkit) {
  const name = Object.values(request.params).find((value) => typeof value === 'string' && !fitsFileSystem(value));
  if (name !== undefined) throw Boom.notFound('No such file');
  return h.continue;
}
