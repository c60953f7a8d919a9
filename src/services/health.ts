/**
 * Whether this replica can serve: the store answers, and it can store. A write that fails because the
 * database is full (storage-guard.ts) takes the replica out of /ready; from then on each readiness
 * check probes a write (a row of 64 KiB, rolled back) and the replica is ready again once one succeeds.
 * While no write has failed, the probe runs at most every 30 seconds, so a disk that fills up quietly
 * shows too.
 */
import { closeSync, existsSync, linkSync, openSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Store } from '../store/types.js';
import { isStorageFull } from '../store/errors.js';
import { DomainError } from './errors.js';

const PROBE_EVERY_MS = 30_000;

/** The file a backup to `destination` is written to until it is complete (hidden, beside it, named for this process). */
export const partialBackup = (destination: string): string => join(dirname(destination), `.${basename(destination)}.partial-${process.pid}`);

/** Removes an unfinished backup to `destination`: the partial file and the journal SQLite keeps beside it while writing. */
export function removePartialBackup(destination: string): void {
  const partial = partialBackup(destination);
  for (const file of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });
}

const WRITE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no file can be made in that folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
};

const writeProblem = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined ? WRITE_PROBLEMS[code] : undefined) ?? code ?? String(error);
};

export interface Readiness {
  ready: boolean;
  store: Store['kind'];
  /** Why it is not ready. */
  detail?: string;
}

export class HealthService {
  private full = false;
  private lastProbe = 0;
  private draining = false;

  constructor(private readonly store: Store) {}

  /** A write failed for lack of room. */
  storageFull(): void {
    this.full = true;
  }

  /** A write succeeded: there is room again. */
  storageWritten(): void {
    this.full = false;
  }

  /**
   * The replica is shutting down: from now on /ready says so (503), so the load balancer stops sending it
   * new requests while those in flight finish. There is no way back; the process is ending.
   */
  drain(): void {
    this.draining = true;
  }

  /**
   * An online copy of the whole store to `destination` (a new file), while it keeps serving. SQLite only:
   * PostgreSQL is backed up with its own tools (pg_dump), which this refuses clearly, naming them.
   */
  async backup(destination: string): Promise<{ bytes: number; store: Store['kind'] }> {
    if (!this.store.backup) {
      throw new DomainError(
        'rejected',
        `the ${this.store.kind} store is not backed up by conform; use pg_dump (e.g. pg_dump --format=custom --file=conform.dump "$DATABASE_URL") and pg_restore to restore (docs/deployment.md)`,
      );
    }
    if (existsSync(destination)) {
      const folder = statSync(destination).isDirectory();
      throw new DomainError(
        'conflict',
        folder ? `${destination} is a folder; give the name of a new file in it` : `${destination} already exists; a backup never overwrites a file`,
      );
    }
    // SQLite's own words ("the directory does not exist") name no path.
    const parent = dirname(destination);
    const above = existsSync(parent) ? statSync(parent) : undefined;
    if (!above?.isDirectory()) {
      throw new DomainError(
        'rejected',
        `${parent} ${above ? 'is a file, not a folder' : 'does not exist'}; create the folder first, or give a file in another`,
      );
    }
    // The copy is made under a name of its own beside the destination and given the destination's name
    // (a hard link, which never replaces a file) only when complete: a copy stopped part-way (a full disk,
    // Ctrl-C: the CLI removes it) leaves no file with the name of a backup.
    const partial = partialBackup(destination);
    try {
      // Made here first, so a folder that cannot be written to is named with the reason, not SQLite's "unable to open database file".
      closeSync(openSync(partial, 'wx'));
    } catch (error) {
      throw new DomainError('rejected', `cannot write ${destination}: ${writeProblem(error)}`);
    }
    try {
      const { bytes } = await this.store.backup(partial);
      linkSync(partial, destination);
      return { bytes, store: this.store.kind };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new DomainError('conflict', `${destination} already exists; a backup never overwrites a file`);
      throw code !== undefined && code in WRITE_PROBLEMS ? new DomainError('rejected', `cannot write ${destination}: ${writeProblem(error)}`) : error;
    } finally {
      removePartialBackup(destination);
    }
  }

  async ready(): Promise<Readiness> {
    if (this.draining) return { ready: false, store: this.store.kind, detail: 'the replica is shutting down' };
    if (!(await this.store.ping())) return { ready: false, store: this.store.kind, detail: 'the store does not answer' };
    if (this.full || Date.now() - this.lastProbe >= PROBE_EVERY_MS) {
      this.lastProbe = Date.now();
      try {
        await this.store.probeWrite();
        this.full = false;
      } catch (error) {
        if (!isStorageFull(error)) throw error;
        this.full = true;
      }
    }
    return this.full ? { ready: false, store: this.store.kind, detail: 'the storage is full: writes fail' } : { ready: true, store: this.store.kind };
  }
}
