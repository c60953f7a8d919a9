#!/usr/bin/env node
// The `conform` command: runs the compiled CLI (dist/, made by `npm run build`; an installed package ships it built).
// A reader that stops early (`conform --help | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

let main;
try {
  ({ main } = await import('../dist/src/cli/main.js'));
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/src/cli/main.js')) throw error;
  process.stderr.write('conform: the command is not built in this clone; run npm run build first\n');
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
