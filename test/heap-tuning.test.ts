import { describe, expect, it } from 'vitest';
import { mallocMmapThreshold, semiSpaceCap, SERVICE_HEAP_GROWING_PERCENT, SERVICE_START_FLAGS, serviceHeapFlags } from '../src/heap-tuning.js';
import { readFileSync } from 'node:fs';

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
