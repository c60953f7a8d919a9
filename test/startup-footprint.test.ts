import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * The serving process loads the PostgreSQL driver only when a database URL is configured, and the
 * TypeScript generator only when types are asked for: each holds megabytes of resident memory that a
 * service on the embedded store, validating uploads, never uses. Checked on the built service (as
 * `conform serve` runs it) by the CommonJS modules it has loaded. Types are generated on a worker thread of
 * their own (codegen/types-job.ts), so the serving thread never loads the generator at all. The probe is
 * a file, as `conform serve` is: a worker thread inherits node's flags, and `--input-type` (needed for
 * `-e`) refuses to start one.
 */
const PROBE = `
import { createRequire } from 'node:module';
const app = await import(process.argv[2]);
const loaded = () => Object.keys(createRequire(import.meta.url).cache);
const has = (name) => loaded().some((file) => file.includes('/node_modules/' + name + '/'));
const { loadConfig } = await import(process.argv[3]);
const built = await app.buildApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
const atStart = { pg: has('pg'), codegen: has('json-schema-to-typescript') };
await built.server.initialize();
const types = await built.server.inject({ url: '/v1/standards/patient-demographics/versions/latest/types.ts' });
console.log(JSON.stringify({ atStart, typesStatus: types.statusCode, types: types.payload, afterTypes: { codegen: has('json-schema-to-typescript') } }));
await built.stop();
`;

describe('what the service loads at start', () => {
  it('leaves the PostgreSQL driver and the type generator unloaded until they are needed', async () => {
    const dist = join(process.cwd(), 'dist/src');
    const dir = await mkdtemp(join(tmpdir(), 'conform-footprint-'));
    try {
      const probe = join(dir, 'probe.mjs');
      await writeFile(probe, PROBE);
      const { stdout } = await run(process.execPath, [probe, join(dist, 'app.js'), join(dist, 'config.js')], { timeout: 60_000 });
      const seen = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(seen.atStart).toEqual({ pg: false, codegen: false });
      // The generator still answers when asked, on its own thread: the serving thread never loads it.
      expect(seen.typesStatus).toBe(200);
      expect(seen.types).toMatch(/export interface PatientDemographics \{/);
      expect(seen.afterTypes).toEqual({ codegen: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
