import { describe, expect, it } from 'vitest';
import {
  mallocArenaMax,
  mallocMmapThreshold,
  semiSpaceCap,
  SERVICE_HEAP_GROWING_PERCENT,
  SERVICE_START_ENV,
  SERVICE_START_FLAGS,
  serviceHeapFlags,
  THREAD_HEAP_FLAGS,
} from '../src/heap-tuning.js';
import { THREAD_RESOURCE_LIMITS, THREAD_SEMI_SPACE_MB } from '../src/validation/parallel/pool.js';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

describe('the service heap setting', () => {
  it('sets the heap growing factor when node was started without one', () => {
    expect(serviceHeapFlags([])).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
    expect(serviceHeapFlags(['--enable-source-maps', '--max-old-space-size=2048'])).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
  });

  it("keeps an operator's own setting, in either spelling", () => {
    expect(serviceHeapFlags(['--heap-growing-percent=40'])).toEqual([]);
    expect(serviceHeapFlags(['--heap_growing_percent=40'])).toEqual([]);
    expect(serviceHeapFlags(['--heap-growing-percent', '40'])).toEqual([]);
  });

  it('does not take a similar flag for its own', () => {
    expect(serviceHeapFlags(['--heap-growing-percentage=40'])).toEqual([`--heap-growing-percent=${SERVICE_HEAP_GROWING_PERCENT}`]);
  });
});

describe('the allocator setting in the serving line', () => {
  it("names the operator's glibc mmap threshold, or the default", () => {
    expect(mallocMmapThreshold({})).toBe('glibc default');
    expect(mallocMmapThreshold({ MALLOC_MMAP_THRESHOLD_: '131072' })).toBe('131072');
  });

  it('limits glibc to two arenas in the environment npm start and the cluster script give the service, and names it', () => {
    expect(SERVICE_START_ENV).toEqual({ MALLOC_ARENA_MAX: '2' });
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toContain(`MALLOC_ARENA_MAX=2 node ${SERVICE_START_FLAGS.join(' ')} bin/conform.js serve`);
    expect(readFileSync(new URL('../scripts/cluster.sh', import.meta.url), 'utf8')).toContain(
      `MALLOC_ARENA_MAX=2 setsid node ${SERVICE_START_FLAGS.join(' ')} "$ROOT/bin/conform.js" serve`,
    );
    expect(mallocArenaMax({})).toBe('glibc default');
    expect(mallocArenaMax({ MALLOC_ARENA_MAX: '2' })).toBe('2');
  });
});

describe("the main thread's young generation", () => {
  it('is capped by the start-up flag, which npm start and the cluster script give, and the serving line names it', () => {
    expect(SERVICE_START_FLAGS).toEqual(['--max-semi-space-size=2']);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toContain(`node ${SERVICE_START_FLAGS.join(' ')} bin/conform.js serve`);
    expect(readFileSync(new URL('../scripts/cluster.sh', import.meta.url), 'utf8')).toContain(
      `setsid node ${SERVICE_START_FLAGS.join(' ')} "$ROOT/bin/conform.js" serve`,
    );
    expect(semiSpaceCap(['--max-semi-space-size=2'], {})).toBe('2');
    expect(semiSpaceCap([], { NODE_OPTIONS: '--enable-source-maps --max_semi_space_size=4' })).toBe('4');
    expect(semiSpaceCap(['--max-old-space-size=2048'], {})).toBe('V8 default');
  });
});

describe("the worker threads' young generation", () => {
  // A process started with the main thread's cap: a thread made after THREAD_HEAP_FLAGS gets the pool's semi-space, whole from its start.
  const newSpaceMiB = (flags: readonly string[]): { first: number; most: number } => {
    const thread = `const v8 = require('node:v8'); const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
      const first = size(); let most = first; let keep = [];
      for (let i = 0; i < 2e6; i++) { keep.push({ i }); if (keep.length > 1000) keep = []; if (i % 1e4 === 0) most = Math.max(most, size()); }
      require('node:worker_threads').parentPort.postMessage({ first, most });`;
    const main = `const v8 = require('node:v8'); const { Worker } = require('node:worker_threads');
      for (const flag of ${JSON.stringify(flags)}) v8.setFlagsFromString(flag);
      new Worker(${JSON.stringify(thread)}, { eval: true, resourceLimits: ${JSON.stringify(THREAD_RESOURCE_LIMITS)} }).on('message', (m) => { console.log(JSON.stringify(m)); process.exit(0); });`;
    const out = execFileSync(process.execPath, [...SERVICE_START_FLAGS, '-e', main], { encoding: 'utf8' });
    return JSON.parse(out) as { first: number; most: number };
  };

  it('is the pool’s own once the service clears the start-up cap, and the cap alone would have shrunk it', () => {
    // V8 reports a new space of two semi-spaces.
    expect(newSpaceMiB([]).most).toBe(4);
    expect(newSpaceMiB(THREAD_HEAP_FLAGS).most).toBe(2 * THREAD_SEMI_SPACE_MB);
  });
});
