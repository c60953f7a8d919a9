/**
 * The service as the HTTP benchmark runs it, in its own process so that its peak RSS is its own: starts
 * on a free loopback port over an in-memory store, prints `{"port","token"}`, and on SIGTERM stops and
 * prints `{"maxRssMiB"}`.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const app = await buildApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
await app.server.start();
process.stdout.write(`${JSON.stringify({ port: app.server.info.port, token: app.firstAdminToken })}\n`);
process.once('SIGTERM', () => {
  void app.stop().then(() => {
    process.stdout.write(`${JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
    process.exit(0);
  });
});
