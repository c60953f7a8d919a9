/**
 * The standalone validators agree with the engine, record for record: on every example of every version
 * (valid and invalid), and on the 100,000 records of the benchmark file, made in memory by the benchmark's
 * own seeded generator (scripts/bench-generate.ts), so CI runs it without bench-data/. When
 * bench-data/eca-100k.ndjson is present, its lines are compared too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileBase, recordTypeName } from '../../src/codegen/source.js';
import { librarySource } from '../../src/codegen/generate.js';
import { validateValue } from '../../src/validation/validate.js';
import type { Finding } from '../../src/validation/report-types.js';
import type { Library, LibraryVersion } from '../../src/registry/library.js';
import { resolveVersion } from '../../src/registry/resolve.js';
import { Generator, STANDARD, VERSION } from '../../scripts/bench-generate.js';
import { GENERATED, examples, library } from './support.js';

interface ValidatorModule {
  validate(value: unknown, record?: number, line?: number): Finding[];
  standard: { id: string; version: string; contentHash: string };
  [guard: string]: unknown;
}

let lib: Library;
beforeAll(async () => {
  lib = await library();
});

async function validator(version: LibraryVersion): Promise<{ validate: ValidatorModule['validate']; is: (value: unknown) => boolean }> {
  const source = librarySource(lib, version);
  const module = (await import(join(GENERATED, `${fileBase(source)}.validate.ts`))) as ValidatorModule;
  expect(module.standard).toEqual({ id: version.standardId, version: version.version, contentHash: version.contentHash });
  return { validate: module.validate, is: module[`is${recordTypeName(source)}`] as (value: unknown) => boolean };
}

/** Compares one record; returns whether it was valid. */
function agree(version: LibraryVersion, standalone: Awaited<ReturnType<typeof validator>>, record: unknown, n: number): boolean {
  const expected = validateValue(version.compiled, record).map((f) => ({ ...f, record: n, line: n + 1 }));
  const actual = standalone.validate(record, n, n + 1);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual, `record ${n}`).toEqual(expected);
  // The type guard says valid: warnings (x-advice, warning rules) do not count.
  expect(standalone.is(record)).toBe(!expected.some((f) => f.severity === 'error'));
  return expected.length === 0;
}

describe('standalone validators and the engine', () => {
  it('give the same findings for every example of every version', async () => {
    let compared = 0;
    for (const standard of lib.standards.values()) {
      for (const version of standard.versions) {
        const standalone = await validator(version);
        const { valid, invalid } = await examples(standard, version);
        valid.forEach((e) => expect(agree(version, standalone, e.record, ++compared), e.name).toBe(true));
        invalid.forEach((e) => expect(agree(version, standalone, e.record, ++compared), e.name).toBe(false));
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  const benchVersion = () => resolveVersion(lib, STANDARD, VERSION);

  it('give the same findings for the 100,000 benchmark records, record for record', async () => {
    const version = benchVersion();
    const standalone = await validator(version);
    const properties = version.schema.properties as Record<string, { enum?: string[] }>;
    const header = Object.keys(properties);
    const generator = new Generator(properties.arrivalMode!.enum!, properties.attendanceCategory!.enum!);
    let invalid = 0;
    for (let i = 0; i < 100_000; i++) {
      const { record } = generator.record(i);
      const ordered = Object.fromEntries(header.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]));
      if (!agree(version, standalone, ordered, i + 1)) invalid++;
    }
    expect(invalid).toBeGreaterThan(9_000);
    expect(invalid).toBeLessThan(11_000);
  }, 60_000);

  const file = join(process.cwd(), 'bench-data', 'eca-100k.ndjson'); // not in git: made by `npm run bench`
  it.skipIf(!existsSync(file))(
    'give the same findings for every line of bench-data/eca-100k.ndjson (when present)',
    async () => {
      const version = benchVersion();
      const standalone = await validator(version);
      let line = 0;
      let parsed = 0;
      for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        line++;
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch {
          continue; // a line cut short: a json-syntax finding of the reader, before any validator
        }
        parsed++;
        agree(version, standalone, record, line);
      }
      expect(parsed).toBe(line - 1);
    },
    60_000,
  );
});
