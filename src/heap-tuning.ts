/**
 * The serving process's one garbage-collector setting. The service's main thread holds a heap of about
 * 30 MB (the compiled standards, the HTTP stack) and receives every upload as 64 KiB buffers, one per
 * socket read. V8 counts those buffers against the old generation's headroom until its next full
 * collection, and with its default growing factor (about 1.8 for this heap) the headroom ran out every
 * few scavenges: a full mark-compact of the 30 MB heap every 90 ms of a large upload, about 20 per 1M
 * NDJSON records, which took a quarter of the main thread and about 0.7 s of V8's helper threads.
 * A growing factor of 2 (`--heap-growing-percent=100`) leaves enough headroom: 3 to 6 full collections for
 * the same upload, about 10% less wall time for one stream and for twenty at once, and the same peak RSS
 * (docs/benchmarks.md). The command-line tools keep V8's default: their main thread holds a much smaller
 * heap and measured no gain.
 *
 * The flag is read each time V8 sets a heap's limits, so setting it once the process runs takes effect at
 * the next collection. An operator who starts node with their own `--heap-growing-percent` keeps it.
 *
 * One setting cannot be made from inside the process: glibc's malloc reads `MALLOC_MMAP_THRESHOLD_` from
 * the environment when the process starts. By default glibc raises its mmap threshold each time a large
 * block (a 1.25 MiB piece of an upload, a fingerprint table) is freed, so later blocks of that size come
 * from its per-thread arenas, which keep freed memory: the service's peak RSS for a 1M-record upload rose
 * by about 20 MiB after its first upload, and by 35 MiB under twenty suppliers. A fixed threshold of
 * 128 KiB keeps large blocks mapped and returned, at no measured CPU cost (docs/benchmarks.md).
 * `npm start`, scripts/cluster.sh and the benchmark's service start with it (SERVICE_MALLOC_ENV), and
 * docs/deployment.md asks operators to; the serving log line says whether it is set.
 */
import { setFlagsFromString } from 'node:v8';

export const SERVICE_HEAP_GROWING_PERCENT = 100;

const FLAG = '--heap-growing-percent';

/** The V8 flags to set for the service, given the process's own node flags (`process.execArgv`). */
export function serviceHeapFlags(execArgv: readonly string[]): string[] {
  const own = execArgv.some(
    (arg) => arg === FLAG || arg.startsWith(`${FLAG}=`) || arg === '--heap_growing_percent' || arg.startsWith('--heap_growing_percent='),
  );
  return own ? [] : [`${FLAG}=${SERVICE_HEAP_GROWING_PERCENT}`];
}

let tuned = false;

/**
 * Sets the service's heap flags once per process (for `conform serve` and the benchmark's service), and
 * says which it set (none when node was given its own, or when they were set before).
 */
export function tuneServiceHeap(): string[] {
  if (tuned) return [];
  tuned = true;
  const flags = serviceHeapFlags(process.execArgv);
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}

/** The environment the service is started with (see above): glibc's fixed mmap threshold, 128 KiB. */
export const SERVICE_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** A service process's environment: SERVICE_MALLOC_ENV, unless `env` sets its own value. */
export function withServiceMalloc(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...SERVICE_MALLOC_ENV, ...env };
}

/** For the serving log line: the mmap threshold this process was started with, or 'glibc default'. */
export function mallocMmapThreshold(env: NodeJS.ProcessEnv): string {
  return env.MALLOC_MMAP_THRESHOLD_ ?? 'glibc default';
}
