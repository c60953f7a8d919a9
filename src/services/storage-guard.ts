/**
 * The store as the services use it: a write that fails because the database is full (SQLITE_FULL,
 * ENOSPC, PostgreSQL's disk_full) becomes the `storage-full` refusal (507 with Retry-After, with a
 * clear detail, instead of a bare 500), and tells HealthService, which takes the replica out of /ready
 * until writes succeed again. Every other error passes through unchanged.
 */
import type { Store } from '../store/types.js';
import { isStorageFull } from '../store/errors.js';
import { DomainError } from './errors.js';
import type { HealthService } from './health.js';

/** The Store methods that write. */
const WRITES = new Set<string>([
  'saveStandard',
  'createStandard',
  'grantOwner',
  'revokeOwner',
  'publishVersion',
  'setVersionStatus',
  'createToken',
  'revokeToken',
  'saveSubmission',
  'withdrawSubmission',
  'pruneSubmissions',
  'saveColumnMapping',
  'deleteColumnMapping',
]);

export const STORAGE_FULL_DETAIL = "the registry's storage is full, so nothing was stored; try again later (operators: free or add disk space)";

export function guardStorage(store: Store, health: Pick<HealthService, 'storageFull' | 'storageWritten'>): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      return async (...args: unknown[]) => {
        try {
          const result = await method.apply(target, args);
          if (WRITES.has(name)) health.storageWritten();
          return result;
        } catch (error) {
          if (!isStorageFull(error)) throw error;
          health.storageFull();
          throw new DomainError('storage-full', STORAGE_FULL_DETAIL);
        }
      };
    },
  });
}
