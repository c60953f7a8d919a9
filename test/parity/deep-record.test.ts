/**
 * A record 50 levels deep (within the nesting limit, MAX_RECORD_DEPTH 64) against a recursive standard of
 * 800 fields a level: each level's call of its validator takes stack in proportion to the schema's size.
 * The service validates every file on a worker thread with a 4 MiB stack (THREAD_RESOURCE_LIMITS); the
 * CLI validated a small file on its own main thread (about 1 MiB), where such a record fits only ~40
 * levels: the service gave a report and `conform validate --local` refused the file (exit 2, "validation
 * stack"). Now the CLI validates on a thread with the same limits, so both give the same report. The CLI is
 * run as the built command (bin/conform.js) and the service from dist/, so that both have real threads.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/validation/report-types.js';
import { send, startLiveApp, type LiveApp } from '../hostile/support.js';
import { copyLibrary } from '../support/library-copy.js';
import { essentials } from './faces.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/conform.js', import.meta.url).pathname;

const FIELDS = 800;
const LEVELS = 50;

/** A `deep` standard whose record holds itself (`a`) and a date (`when`) beside FIELDS − 2 constrained strings. */
function deepStandard(): { meta: string; schema: string } {
  const fields: Record<string, object> = { a: { $ref: '#/$defs/node' } };
  for (let i = 1; i < FIELDS - 1; i++) fields[`p${i}`] = { type: 'string', pattern: `^x${i}$`, maxLength: 5 };
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Deep 1.0.0',
    $defs: { node: { type: 'object', properties: fields } },
    $ref: '#/$defs/node',
  };
  fields.when = { type: 'string', format: 'date' };
  const meta = [
    'id: deep',
    'title: Deep',
    'owner: Test',
    'description: A recursive record.',
    'recordKey: [/p1]',
    'eventDate: /when',
    'submissionDeadline: P30D',
    'compatibility: BACKWARD',
    'sensitiveFields: []',
    'versions:',
    '  - version: 1.0.0',
    '    status: published',
    '    released: 2026-01-05',
    '    changelog: First.',
    '',
  ];
  // JSON is YAML: the schema as written is the one each face compiles.
  return { meta: meta.join('\n'), schema: JSON.stringify(schema) };
}

/** `{"a":{"a":…{"p1":"nope"}…}}`, `levels` deep, its deepest field failing its pattern. */
const nested = (levels: number): string => '{"a":'.repeat(levels - 1) + '{"p1":"nope"}' + '}'.repeat(levels - 1);
const DEEP_PATH = `${'/a'.repeat(LEVELS - 1)}/p1`;
/** The deep record, then a shallow valid one, in each format (CSV: a dotted header nests its cell as deep). */
const FILES: [string, string, string][] = [
  ['deep.ndjson', 'application/x-ndjson', `${nested(LEVELS)}\n{"p2":"x2"}\n`],
  ['deep.json', 'application/json', `[${nested(LEVELS)},\n{"p2":"x2"}]`],
  ['deep.csv', 'text/csv', `${'a.'.repeat(LEVELS - 1)}p1,p2\nnope,x2\n`],
];

let live: LiveApp;
let folder: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const copy = await copyLibrary();
  ({ cleanup } = copy);
  folder = join(copy.dir, '..');
  const { meta, schema } = deepStandard();
  await mkdir(join(copy.dir, 'deep'));
  await writeFile(join(copy.dir, 'deep', 'standard.yaml'), meta);
  await writeFile(join(copy.dir, 'deep', '1.0.0.yaml'), schema);
  for (const [name, , text] of FILES) await writeFile(join(folder, name), text);
  live = await startLiveApp({ CONFORM_WORKERS: '1', CONFORM_STANDARDS_DIR: copy.dir });
}, 60_000);
afterAll(async () => {
  await live?.stop();
  await cleanup?.();
});

describe('a record within the nesting limit that needs more stack than a main thread has', () => {
  it.each(FILES)('gets the same report from the service and from conform validate --local (%s)', { timeout: 120_000 }, async (name, type, text) => {
    const token = await live.supplier('DEEP1');
    const query = new URLSearchParams({ filename: name });
    const served = await send(live.port, {
      method: 'POST',
      path: `/v1/standards/deep/versions/1.0.0/trial?${query.toString()}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: text,
    });
    expect(served.status, served.body.slice(0, 300)).toBe(200);
    const service = JSON.parse(served.body) as Report;
    expect(service.valid).toBe(false);
    expect(service.findings).toContainEqual(expect.objectContaining({ record: 1, path: DEEP_PATH, rule: 'pattern' }));

    const args = [BIN, 'validate', name, '--standard', 'deep@1.0.0', '--standards', 'standards', '--local', '--json'];
    // Exit code 1: the file has an invalid record (2 was the refusal: "too deep for the validation stack").
    const cli: { code?: number; stdout: string; stderr: string } = await run(process.execPath, args, { cwd: folder, maxBuffer: 64 << 20 }).then(
      () => expect.unreachable('the file has an invalid record: exit code 1'),
      (error: { code?: number; stdout: string; stderr: string }) => error,
    );
    expect(cli.code, cli.stderr).toBe(1);
    const local = JSON.parse(cli.stdout) as Report;
    expect(essentials(local)).toEqual(essentials(service));
  });
});
