/**
 * Which driver errors mean the database has no room left: SQLite's SQLITE_FULL (the disk, or
 * max_page_count), the file system's ENOSPC, and PostgreSQL's disk_full (SQLSTATE 53100). The
 * application layer turns them into a `storage-full` refusal and takes the replica out of /ready.
 */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', '53100']);

export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && FULL_CODES.has(code)) return true;
  }
  return false;
}
