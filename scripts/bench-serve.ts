/**
 * The service as the HTTP benchmark runs it, in its own process so that its peak RSS is its own: starts
 * on a free loopback port over an in-memory store (with the heap setting `conform serve` makes), prints `{"port","token","suppliers"}` (BENCH_SUPPLIERS supplier
 * tokens, for load runs that spread over suppliers; CONFORM_MAX_VALIDATIONS passes through), and on SIGTERM stops and
 * prints `{"maxRssMiB"}`.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { tuneServiceHeap } from '../src/heap-tuning.js';

tuneServiceHeap(); // as `conform serve` does

const app = await buildApp(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CONFORM_DATA_DIR: ':memory:',
    LOG_LEVEL: 'silent',
    // The concurrency benchmark admits all its suppliers at once (the default is 8).
    CONFORM_MAX_VALIDATIONS: process.env.CONFORM_MAX_VALIDATIONS ?? '8',
    // The load run measures small validations at full speed, hundreds a second per supplier: not the rate bound.
    CONFORM_SUBMISSIONS_PER_MINUTE: process.env.CONFORM_SUBMISSIONS_PER_MINUTE ?? '1000000',
  }),
);
await app.server.start();
await app.pool.warm(); // the first upload does not wait for threads to start
const suppliers: string[] = [];
for (let i = 0; i < Number(process.env.BENCH_SUPPLIERS ?? 0); i++) {
  suppliers.push((await app.services.access.issue({ name: `load supplier ${i}`, role: 'supplier', organisation: `LOAD${i}` }, 'load')).token);
}
process.stdout.write(`${JSON.stringify({ port: app.server.info.port, token: app.firstAdminToken, suppliers })}\n`);
process.once('SIGTERM', () => {
  void app.stop().then(() => {
    process.stdout.write(`${JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
    process.exit(0);
  });
});
