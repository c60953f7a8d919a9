/**
 * Whether this replica can serve: the store answers, and it can store. A write that fails because the
 * database is full (storage-guard.ts) takes the replica out of /ready; from then on each readiness
 * check probes a write (a row of 64 KiB, rolled back) and the replica is ready again once one succeeds.
 * While no write has failed, the probe runs at most every 30 seconds, so a disk that fills up quietly
 * shows too.
 */
import type { Store } from '../store/types.js';
import { isStorageFull } from '../store/errors.js';

const PROBE_EVERY_MS = 30_000;

export interface Readiness {
  ready: boolean;
  store: Store['kind'];
  /** Why it is not ready. */
  detail?: string;
}

export class HealthService {
  private full = false;
  private lastProbe = 0;

  constructor(private readonly store: Store) {}

  /** A write failed for lack of room. */
  storageFull(): void {
    this.full = true;
  }

  /** A write succeeded: there is room again. */
  storageWritten(): void {
    this.full = false;
  }

  async ready(): Promise<Readiness> {
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
