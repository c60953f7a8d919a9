/** `conform serve`: the HTTP service over the configured store, with the bundled standards loaded. */
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { EXIT, type CliIo } from './io.js';

export async function serveCommand(io: CliIo): Promise<number> {
  const config = loadConfig();
  const app = await buildApp(config);
  await app.server.start();
  app.logger.info({ uri: app.server.info.uri, store: app.storeKind }, 'conform is serving');
  if (app.firstAdminToken) {
    // Printed once, to the terminal only: tokens never go to the log.
    io.stderr.write(
      `\nThe store had no tokens, so this admin token was created. It is shown once; keep it safe:\n\n  ${app.firstAdminToken}\n\n` +
        'Create author and supplier tokens with (a supplier token needs its organisation):\n' +
        '  conform tokens create --role author|supplier --name <name> --organisation <ODS code>\n\n',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  app.logger.info('stopping');
  await app.stop();
  return EXIT.ok;
}
