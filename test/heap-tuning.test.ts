import { describe, expect, it } from 'vitest';
import { mallocMmapThreshold, SERVICE_HEAP_GROWING_PERCENT, serviceHeapFlags } from '../src/heap-tuning.js';

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
