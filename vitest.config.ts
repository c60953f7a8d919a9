import { configDefaults, defineConfig } from 'vitest/config';

/** The cluster test (three replicas, HAProxy, a 50 MB upload) runs after every other file, alone, so that
 *  neither slows the other past its time bounds on a small machine. */
const CLUSTER = 'test/cluster/cluster.test.ts';

export default defineConfig({
  test: {
    reporters: ['default'],
    // Each run's temporary files in a folder of its own, removed when the run ends (test/support/temp-root.ts).
    globalSetup: ['test/support/temp-root.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'conform',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, CLUSTER],
          testTimeout: 30_000,
          // A file's set-up (building an app, publishing versions, warming threads) took over vitest's 10 s
          // default on this 2-core machine under a load of 15 to 20; its tests keep their own bounds.
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'cluster', include: [CLUSTER], testTimeout: 30_000, hookTimeout: 60_000, sequence: { groupOrder: 1 } } },
    ],
  },
});
