/**
 * json-schema-to-typescript fails on a field name holding an unpaired surrogate (`"\ud800"`), so every way
 * to types refuses such a name first, naming where it is: a version file of a local library (the loader),
 * a `_common` file or a bundled artefact a version reaches (the loader, at every command's load: it was
 * "URI malformed", naming the version), `conform check` (the same load), a server's bundle (`types
 * --server`), and over HTTP a publish (of a version or a definitions set) before anything is stored, so
 * the types route never has one (test/http/lone-surrogate-names.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { main } from '../../src/cli/main.js';
import { contentHash } from '../../src/registry/content-hash.js';
import { versionSchemaId } from '../../src/registry/library.js';
import { captureIo } from '../support/cli-io.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();
const LONE = 'a\ud800b';
/** How the messages name it: the surrogate written out, never itself. */
const SHOWN = 'a\\ud800b';
const REFUSED = /a name holds an unpaired surrogate escape \(\\uD800 to \\uDFFF without its pair\), which is no character, at /;

async function editJson(file: string, edit: (schema: Record<string, any>) => void): Promise<void> {
  const schema = parseYaml(await readFile(file, 'utf8')) as Record<string, any>;
  edit(schema);
  await writeFile(file, JSON.stringify(schema)); // JSON is YAML, and carries the lone surrogate as an escape
}

async function run(dir: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(dir);
  const code = await main([...argv, '--standards', dir], c.io);
  return { code, out: c.out(), err: c.err() };
}

const TYPES = [
  ['types', '-s', 'covid-vaccination-event@3.0.0', '--out', 'generated'],
  ['types', '--all', '--out', 'generated'],
  ['types', '-s', 'covid-vaccination-event@3.0.0', '--out', 'generated', '--check'],
];

describe('a local library with a lone surrogate in a name: refused before the generator, naming the file', () => {
  it('in a version file: types (one, all, --check) and check name the file and the name; nothing is written', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/3.0.0.yaml');
    await editJson(file, (s) => (s.properties[LONE] = { type: 'string' }));
    for (const argv of [...TYPES, ['check']]) {
      const { code, err } = await run(dir, argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err, argv.join(' ')).toContain(`conform: the standards library cannot be loaded: ${file}: `);
      expect(err, argv.join(' ')).toMatch(REFUSED);
      expect(err, argv.join(' ')).toContain(`/properties/${SHOWN}`);
    }
    expect(await readdir(join(dir, 'generated')).catch(() => [])).toEqual([]);
  });

  it('in a _common file a version reaches: every command names the _common file, not "URI malformed"', async () => {
    const dir = await scratch();
    const common = join(dir, '_common/dates.yaml');
    await editJson(common, (s) => (s.$defs.loneItem = { type: 'object', properties: { [LONE]: { type: 'string' } } }));
    await editJson(join(dir, 'covid-vaccination-event/3.0.0.yaml'), (s) => (s.properties.extra = { $ref: '../_common/dates#/$defs/loneItem' }));
    for (const argv of [...TYPES, ['check'], ['standards'], ['template', 'covid-vaccination-event@2.1.0']]) {
      const { code, err } = await run(dir, argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err, argv.join(' ')).toContain(`conform: the standards library cannot be loaded: ${common}: `);
      expect(err, argv.join(' ')).toMatch(REFUSED);
      expect(err, argv.join(' ')).toContain(`/$defs/loneItem/properties/${SHOWN}`);
      expect(err, argv.join(' ')).not.toContain('URI malformed');
    }
  });
});

describe('types --server with a bundle holding a lone surrogate in a name', () => {
  let server: Server;
  let base: string;
  const schema = { type: 'object', properties: { [LONE]: { type: 'string' } } };
  const bundle = {
    standard: 'lone',
    version: '1.0.0',
    contentHash: contentHash(schema, versionSchemaId('lone', '1.0.0'), new Map()),
    schema,
    shared: {},
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/v1/standards/lone/versions/1.0.0/bundle' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(bundle));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is refused as the server's fault, naming the name, before the generator; nothing is written", async () => {
    const dir = await scratch();
    const c = captureIo(dir);
    expect(await main(['types', '-s', 'lone@1.0.0', '--server', base, '--out', 'generated'], c.io)).toBe(2);
    expect(c.err()).toBe(
      `conform: lone@1.0.0: the server sent a schema in which a name holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character, at /properties/${SHOWN}\n`,
    );
    expect(await readdir(join(dir, 'generated')).catch(() => [])).toEqual([]);
  });
});
