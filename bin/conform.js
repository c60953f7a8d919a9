#!/usr/bin/env node
// The `conform` command: runs the compiled CLI (built by `npm run build`, which `npm install` runs).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
