#!/usr/bin/env node
// The `conform` command: runs the compiled CLI (dist/, made by `npm run build`; an installed package ships it built).
// A reader that stops early (`conform --help | head`) is not an error. Any other failure to write the
// output (a full disk, a file that cannot grow) is one line and exit code 2: the output is incomplete.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const why = { ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is used up', EFBIG: 'the file is too large', EIO: 'an input/output error' }[
    error.code
  ];
  process.stderr.write(`conform: cannot write the output: ${why ?? error.message}${error.code ? ` (${error.code})` : ''}; what was written is incomplete\n`);
  process.exit(2);
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
