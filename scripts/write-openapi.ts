/** Writes the generated OpenAPI document to a file (default dist/openapi.json), for `npm run lint:openapi`. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openApiDocument } from '../src/http/openapi.js';

const file = process.argv[2] ?? 'dist/openapi.json';
await mkdir(dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify(openApiDocument, null, 2)}\n`);
console.log(`wrote ${file}`);
