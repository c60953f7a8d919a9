/** Whether this replica can serve: the store answers. */
import type { Store } from '../store/types.js';

export class HealthService {
  constructor(private readonly store: Store) {}

  async ready(): Promise<{ ready: boolean; store: Store['kind'] }> {
    return { ready: await this.store.ping(), store: this.store.kind };
  }
}
