/** `conform serve`: the HTTP service over the configured store, with the bundled standards loaded. */
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { serveMetrics } from '../metrics-server.js';
import { mallocArenaMax, mallocMmapThreshold, semiSpaceCap, tuneServiceHeap } from '../heap-tuning.js';
import { EXIT, type CliIo } from './io.js';
import { firstAdminNotice, keepFirstAdminToken } from './first-admin-token.js';

export async function serveCommand(io: CliIo): Promise<number> {
  const config = loadConfig();
  const v8Flags = tuneServiceHeap();
  const app = await buildApp(config);
  await app.server.start();
  void app.pool.warm(); // the first upload does not wait for threads to start
  void app.smallFiles.warm();
  const metrics = config.metricsPort === undefined ? undefined : await serveMetrics(app.metrics, config.metricsPort, config.metricsHost);
  app.logger.info(
    {
      uri: app.server.info.uri,
      store: app.storeKind,
      workers: config.workers,
      ...(v8Flags.length > 0 ? { v8Flags } : {}),
      mallocMmapThreshold: mallocMmapThreshold(process.env),
      // npm start and scripts/cluster.sh start node with --max-semi-space-size=2 and MALLOC_ARENA_MAX=2 (heap-tuning.ts).
      mallocArenaMax: mallocArenaMax(process.env),
      semiSpaceMiB: semiSpaceCap(process.execArgv, process.env),
      ...(metrics ? { metrics: `http://${config.metricsHost}:${metrics.port}/metrics` } : {}),
    },
    'conform is serving',
  );
  if (app.firstAdminToken) {
    // Written to a file only its owner reads, shown only on a terminal: tokens never go to the log (first-admin-token.ts).
    const kept = keepFirstAdminToken(app.firstAdminToken, config.dataDir, io.cwd);
    io.stderr.write(firstAdminNotice(app.firstAdminToken, kept, io.stderr.isTTY === true && io.stdout.isTTY === true));
  }
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  app.logger.info({ signal }, 'stopping');
  // /ready turns 503 first, then the listener closes and in-flight requests finish (docs/deployment.md).
  await app.shutdown(config.shutdownDrainSeconds * 1000, config.shutdownTimeoutSeconds * 1000);
  await metrics?.close();
  return EXIT.ok;
}
