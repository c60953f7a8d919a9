/**
 * immunisation-batch against the national pipeline's value-level unit tests (NHSDigital/immunisation-fhir-api:
 * the record processor's converter tests, the shared pre-validator, post-validator, generic utils and
 * validation utils tests), rewritten as data (test/fixtures/immunisation-pipeline-values.json): each case
 * is one batch cell, the converter's input that yields the value the pipeline's test checks, in an
 * otherwise valid NEW row, with the pipeline's outcome. `ok`: the row carries no error; `fail`: it carries
 * an error at that column. A case may name the time the file arrives (`submittedAt`) and other cells
 * (`row`): the "not in the future" checks around midnight in British Summer Time.
 * docs/immunisation-batch.md, "Compared with the pipeline's own tests", gives the counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';

interface Case {
  id: string;
  column: string;
  cell: string;
  expect: 'ok' | 'fail';
  source: string;
  submittedAt?: string;
  row?: Record<string, string>;
}
interface Fixture {
  submittedAt: string;
  fileName: string;
  cases: Case[];
}
interface RowsFixture {
  base: Record<string, string>;
}

let fixture: Fixture;
let base: Record<string, string>;
let latest: CompiledVersion;
let v91: CompiledVersion;
beforeAll(async () => {
  const dir = join(import.meta.dirname, '..', 'fixtures');
  fixture = JSON.parse(await readFile(join(dir, 'immunisation-pipeline-values.json'), 'utf8')) as Fixture;
  // The valid row the pipeline's end-to-end tests build (FLU, vaccinated 2025-11-03T11:59:10 GMT).
  base = (JSON.parse(await readFile(join(dir, 'immunisation-pipeline-cases.json'), 'utf8')) as RowsFixture).base;
  const standard = (await loadLibrary(bundledStandardsDir())).standards.get('immunisation-batch')!;
  latest = standard.versions.find((v) => v.meta.status === 'published')!.compiled;
  v91 = standard.versions.find((v) => v.version === '9.1.0')!.compiled;
});

const cell = (value: string): string => (/["|\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

async function errorColumns(version: CompiledVersion, c: Case): Promise<string[]> {
  const fields = version.csvLayout.fields;
  const row: Record<string, string> = { ...base, ...c.row, [c.column]: c.cell };
  const text = [fields.join('|'), fields.map((f) => cell(row[f] ?? '')).join('|')].join('\n') + '\n';
  const report: Report = await validateStream([Buffer.from(text)], version, {
    format: 'csv',
    context: { submittedAt: c.submittedAt ?? fixture.submittedAt, fileName: fixture.fileName },
  });
  return [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => (f.record === 0 ? `file:${f.rule}` : f.path.slice(1))))];
}

describe("immunisation-batch: the national pipeline's value-level tests get the pipeline's verdicts", () => {
  it('the fixture holds the cases the comparison counts', () => {
    expect(fixture.cases).toHaveLength(205);
    expect(new Set(fixture.cases.map((c) => c.id)).size).toBe(fixture.cases.length);
    expect(fixture.cases.filter((c) => c.expect === 'ok').length).toBeGreaterThan(70);
    expect(fixture.cases.filter((c) => c.expect === 'fail').length).toBeGreaterThan(90);
  });

  it('the base row alone is valid, at every time a case names', async () => {
    for (const submittedAt of new Set(fixture.cases.map((c) => c.submittedAt))) {
      const c = fixture.cases.find((x) => x.submittedAt === submittedAt && x.expect === 'ok')!;
      expect(await errorColumns(latest, c), `${c.id} at ${submittedAt ?? fixture.submittedAt}`).toEqual([]);
    }
  });

  it('every case: accepted with no error, or refused at its column and nowhere else', async () => {
    const disagreements: string[] = [];
    for (const c of fixture.cases) {
      const got = await errorColumns(latest, c);
      const agrees = c.expect === 'ok' ? got.length === 0 : got.length === 1 && got[0] === c.column;
      if (!agrees) disagreements.push(`${c.id} ${JSON.stringify(c.cell)} (${c.source}): expected ${c.expect}, got errors at ${JSON.stringify(got)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('9.1.0 disagreed on the cases 10.0.0 fixed: NHS numbers in other scripts, and the UK’s today in the first hour of BST', async () => {
    const disagreements: string[] = [];
    for (const c of fixture.cases) {
      const got = await errorColumns(v91, c);
      if (c.expect === 'ok' ? got.length !== 0 : got.length !== 1 || got[0] !== c.column) disagreements.push(`${c.column} ${c.expect}`);
    }
    expect(disagreements).toEqual([...Array<string>(5).fill('NHS_NUMBER ok'), 'PERSON_DOB fail', 'RECORDED_DATE fail', 'RECORDED_DATE fail']);
  });
});
