/**
 * The service as the hostile-uploads measurement runs it, in its own process so that its peak RSS is its
 * own: starts on a free loopback port over an in-memory store with the environment it is given (the
 * limits at their defaults unless set), issues a supplier token for each organisation named in
 * HOSTILE_ORGS (comma-separated), prints `{"port","tokens"}`, samples its OS thread count, and on SIGTERM
 * stops and prints `{"maxRssMiB","pool","peakOsThreads"}`.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { tuneServiceHeap } from '../src/heap-tuning.js';

const osThreads = (): number => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

tuneServiceHeap(); // as `conform serve` does
const app = await buildApp(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
await app.server.start();
const tokens: Record<string, string> = {};
for (const ods of (process.env.HOSTILE_ORGS ?? '').split(',').filter(Boolean)) {
  tokens[ods] = (await app.services.access.issue({ name: `supplier ${ods}`, role: 'supplier', organisation: ods }, 'hostile-uploads')).token;
}
let peakOsThreads = osThreads();
const sampler = setInterval(() => (peakOsThreads = Math.max(peakOsThreads, osThreads())), 200);
process.stdout.write(`${JSON.stringify({ port: app.server.info.port, tokens })}\n`);
process.once('SIGTERM', () => {
  clearInterval(sampler);
  const pool = app.pool.stats();
  void app.stop().then(() => {
    process.stdout.write(`${JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024, pool, peakOsThreads })}\n`);
    process.exit(0);
  });
});
