import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mallocMmapThreshold, SERVICE_HEAP_GROWING_PERCENT, SERVICE_MALLOC_ENV, serviceHeapFlags, withServiceMalloc } from '../src/heap-tuning.js';

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

describe('the service allocator setting', () => {
  it('is given to a service process unless its environment has its own, and named in the serving line', () => {
    expect(withServiceMalloc({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(withServiceMalloc({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_).toBe('65536');
    expect(mallocMmapThreshold({})).toBe('glibc default');
    expect(mallocMmapThreshold({ MALLOC_MMAP_THRESHOLD_: '131072' })).toBe('131072');
  });

  it('is the one value npm start and scripts/cluster.sh start the service with', () => {
    const value = SERVICE_MALLOC_ENV.MALLOC_MMAP_THRESHOLD_!;
    const root = fileURLToPath(new URL('..', import.meta.url));
    const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    expect(start).toContain(`MALLOC_MMAP_THRESHOLD_=${value} node bin/conform.js serve`);
    expect(readFileSync(join(root, 'scripts/cluster.sh'), 'utf8')).toContain(`MALLOC_MMAP_THRESHOLD_="\${MALLOC_MMAP_THRESHOLD_:-${value}}"`);
  });
});
