#!/usr/bin/env node
// The `conform` command: runs the compiled CLI (built by `npm run build`, which `npm install` runs in a clone).
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`conform --help | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
