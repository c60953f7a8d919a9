/**
 * `conform types --server` trusts nothing a server sends: a bundle names the file paths the command
 * writes (`<standard>.v<version>.ts`) and text written into the generated code (the header, the type's
 * import path), so a standard id or version that is not one (`../`, quotes, `*\/`) is refused, as is a
 * bundle for another standard than the one asked for. Made by a hostile or impersonated server; the
 * service itself never stores such ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromBundle, type CodegenBundle } from '../../src/codegen/source.js';
import { contentHash } from '../../src/registry/content-hash.js';
import { versionSchemaId } from '../../src/registry/library.js';
import { typesCommand } from '../../src/cli/types-command.js';
import { captureIo } from '../support/cli-io.js';
import { scratch } from './support.js';

const schema = { title: 'Any', type: 'object', properties: { a: { type: 'string' } } };

/** A bundle whose content hash checks out, for any standard id and version. */
function bundle(standard: string, version: string): CodegenBundle {
  const schemaId = versionSchemaId(standard, version);
  return { standard, version, contentHash: contentHash(schema, schemaId, new Map()), schemaId, schema, shared: {} };
}

let work: Awaited<ReturnType<typeof scratch>>;
let server: Server;
let answer: CodegenBundle;
beforeAll(async () => {
  work = await scratch();
  server = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify(answer)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await work.remove();
});

describe('a bundle from a server', () => {
  it('is refused when its standard is not a standard id or its version not an exact semantic version', () => {
    for (const [standard, version] of [
      ['../../escaped', '1.0.0'],
      ['a*/ globalThis.pwned = 1; /*', '1.0.0'],
      ["a'", '1.0.0'],
      ['A-Upper', '1.0.0'],
      ['x'.repeat(65), '1.0.0'],
      ['ok', '1.0.0/../../escaped'],
      ['ok', '1.0'],
      ['ok', '1.0.0+build'],
    ]) {
      expect(() => fromBundle(bundle(standard!, version!)), `${standard}@${version}`).toThrow(/the server sent (a standard id|a version)/);
    }
    expect(fromBundle(bundle('ok-id', '1.0.0-rc.1')).standardId).toBe('ok-id');
  });

  it('writes nothing outside --out, and names what is wrong', async () => {
    answer = bundle('../../escaped', '1.0.0');
    const c = captureIo(join(work.dir, 'a', 'b'));
    await expect(
      typesCommand({ standard: 'any', server: `http://127.0.0.1:${(server.address() as { port: number }).port}`, out: 'out' }, c.io),
    ).rejects.toThrow(/the server sent a standard id "\.\.\/\.\.\/escaped"/);
    expect(existsSync(join(work.dir, 'a', 'escaped.v1.0.0.ts'))).toBe(false); // out/../../escaped.v1.0.0.ts
  });

  it('is refused when it is for another standard than the one asked for', async () => {
    answer = bundle('other-standard', '1.0.0');
    const c = captureIo(work.dir);
    await expect(
      typesCommand({ standard: 'any', server: `http://127.0.0.1:${(server.address() as { port: number }).port}`, out: 'out' }, c.io),
    ).rejects.toThrow(/asked for any, the server sent other-standard/);
  });
});
