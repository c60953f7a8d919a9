/**
 * The serving process's garbage-collector settings: one it sets for itself, below, and one it must be started
 * with (SERVICE_START_FLAGS). The service's main thread holds a heap of about
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
 * glibc's malloc is started with two arenas (SERVICE_START_ENV, below), and its mmap threshold is left at
 * its default: a fixed `MALLOC_MMAP_THRESHOLD_` (read only when the process starts) lowers peak RSS by
 * 10–35 MiB but costs CPU in the steady state; docs/deployment.md gives the figures, and the serving log
 * line names both settings.
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
  const flags = [...serviceHeapFlags(process.execArgv), ...THREAD_HEAP_FLAGS];
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}

/**
 * The worker threads' young generation, set once the main thread's heap exists. V8 reads a semi-space
 * flag each time it creates an isolate and puts it before a worker's own `resourceLimits`: with the main
 * thread's start-up cap (SERVICE_START_FLAGS), each pool thread had 2 MiB semi-spaces and scavenged about
 * 300 times per 1M-record NDJSON upload. Clearing the cap (0: none) once the main isolate is made gives the
 * threads made later the young generation the pool asks for (pool.ts): half as many scavenges, and about
 * 9% less of the threads' CPU per upload (docs/benchmarks.md). The main thread keeps its cap.
 */
export const THREAD_HEAP_FLAGS = ['--max-semi-space-size=0'] as const;

/**
 * The serving process's start-up flag (`npm start` and scripts/cluster.sh give it; docs/deployment.md):
 * the main thread's young generation capped at 2 MiB semi-spaces. It receives uploads and hands them to
 * the worker pool (CSV and JSON included), so it needs no large one; V8 grew it to 16 MiB semi-spaces over
 * a large upload, and a 1M-record NDJSON upload peaked at 305 MiB with it, 256 without, at the same speed
 * (docs/benchmarks.md). V8 reads the size only when the process starts, so it cannot be set from here.
 */
export const SERVICE_START_FLAGS = ['--max-semi-space-size=2'] as const;

/** For the serving log line: the main thread's semi-space cap this process was started with (MiB), or 'V8 default'. */
export function semiSpaceCap(execArgv: readonly string[], env: NodeJS.ProcessEnv): string {
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].filter((arg) => /^--max[-_]semi[-_]space[-_]size=/.test(arg)).at(-1);
  return given === undefined ? 'V8 default' : given.slice(given.indexOf('=') + 1);
}

/**
 * The serving process's start-up environment (`npm start`, scripts/cluster.sh and the benchmark's service
 * give it; docs/deployment.md): glibc's malloc limited to two arenas. By default glibc gives each thread
 * that allocates its own arena (up to eight per core): the pool's threads, V8's helper threads and libuv's
 * each kept the blocks they had freed (a piece's serialised results, its keys for the scorecard), and a
 * 1M-record NDJSON upload's peak RSS read 279–294 MiB; with two arenas 263–279, at the same CPU
 * (docs/benchmarks.md). glibc reads it only when the process starts, so the service cannot set it for itself.
 */
export const SERVICE_START_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/** For the serving log line: the glibc arena limit this process was started with, or 'glibc default'. */
export function mallocArenaMax(env: NodeJS.ProcessEnv): string {
  return env.MALLOC_ARENA_MAX ?? 'glibc default';
}

/** For the serving log line: the glibc mmap threshold this process was started with, or 'glibc default'. */
export function mallocMmapThreshold(env: NodeJS.ProcessEnv): string {
  return env.MALLOC_MMAP_THRESHOLD_ ?? 'glibc default';
}
