/**
 * How long the event loop was held while `run` ran: the longest gap between ticks of an interval timer
 * (`everyMs`) in this process, where the tests run the service. A long compile or diff on the event loop
 * shows as one long gap; `perf_hooks.monitorEventLoopDelay` under-reads such a stretch when nothing else is
 * scheduled. Also the time `run` took.
 */
export async function heldWhile<T>(run: () => Promise<T>, everyMs = 10): Promise<{ value: T; held: number; ms: number }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, everyMs);
  const started = Date.now();
  try {
    const value = await run();
    return { value, held: longest, ms: Date.now() - started };
  } finally {
    clearInterval(ticker);
  }
}
