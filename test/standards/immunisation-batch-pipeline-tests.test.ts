/**
 * immunisation-batch against the national pipeline's own tests (NHSDigital/immunisation-fhir-api): the rows
 * and file names its end-to-end tests (tests/e2e_automation, e2e_batch) and unit tests (filenameprocessor,
 * recordprocessor) build, rewritten here as data (test/fixtures/immunisation-pipeline-cases.json), each
 * with the outcome the pipeline expects: a row accepted, a row refused at a column, the whole file refused
 * (InfAck Failure, no BusAck), or an empty file (InfAck Success, no BusAck). Conform's latest version must
 * give every one of those verdicts. Two kinds of case are answered otherwise on purpose and pinned here:
 * `store` (the pipeline refuses the row or name from what it has stored or onboarded, which a file alone
 * cannot show) and `drift` (the test was written for a rule the pipeline has since changed: a vaccine type
 * it renamed, a file-name timestamp of other than 17 characters, which it now refuses). The older e2e_batch
 * files, named with 18-character timestamps, are checked under the same name cut to 17 characters (their
 * `renamedFrom` keeps the name as written, which the current pipeline and Conform refuse whole).
 * docs/immunisation-batch.md, "Compared with the pipeline's own tests", gives the counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

type Expect = 'file-reject' | 'empty' | 'ok' | ['fail', string] | ['store' | 'drift', string];
interface Case {
  id: string;
  source: string;
  fileName: string;
  expect: Expect | Expect[];
  header?: string[];
  delimiter?: string;
  quoting?: 'minimal';
  rows?: Record<string, string>[];
  text?: string;
  encoding?: 'windows-1252';
  /** The name the older pipeline test gave the file, before the timestamp had to be 17 characters. */
  renamedFrom?: string;
}
interface Fixture {
  submittedAt: string;
  base: Record<string, string>;
  columns: string[];
  cases: Case[];
}

let fixture: Fixture;
let latest: CompiledVersion;
let v7: CompiledVersion;
let v8: CompiledVersion;
beforeAll(async () => {
  fixture = JSON.parse(await readFile(join(import.meta.dirname, '..', 'fixtures', 'immunisation-pipeline-cases.json'), 'utf8')) as Fixture;
  const standard = (await loadLibrary(bundledStandardsDir())).standards.get('immunisation-batch')!;
  latest = standard.versions.find((v) => v.meta.status === 'published')!.compiled;
  v7 = standard.versions.find((v) => v.version === '7.0.0')!.compiled;
  v8 = standard.versions.find((v) => v.version === '8.0.0')!.compiled;
});

/** A cell as the pipeline's tests write it: every cell quoted (pandas QUOTE_ALL), or only when it must be (QUOTE_MINIMAL). */
function cell(value: string, minimal: boolean, delimiter: string): string {
  if (minimal && !/["\r\n]/.test(value) && !value.includes(delimiter)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

function fileBytes(c: Case): Buffer {
  if (c.text !== undefined) return Buffer.from(c.text, c.encoding === 'windows-1252' ? 'latin1' : 'utf8');
  const header = c.header ?? fixture.columns;
  const delimiter = c.delimiter ?? '|';
  const minimal = c.quoting === 'minimal';
  const lines = [header.map((h) => cell(h, minimal, delimiter)).join(delimiter)];
  for (const change of c.rows ?? []) {
    const row: Record<string, string> = { ...fixture.base, ...change };
    lines.push(header.map((h) => cell(row[h === 'NH_NUMBER' ? 'NHS_NUMBER' : h === 'PERSON_SURENAME' ? 'PERSON_SURNAME' : h] ?? '', minimal, delimiter)).join(delimiter));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** Conform's answer in the pipeline's terms: the file refused, empty, or each row accepted or refused at its columns. */
async function answer(version: CompiledVersion, c: Case): Promise<'file-reject' | 'empty' | ('ok' | string[])[]> {
  let report: Report;
  try {
    report = await validateStream([fileBytes(c)], version, { format: 'csv', context: { submittedAt: fixture.submittedAt, fileName: c.fileName } });
  } catch {
    return 'file-reject'; // unreadable (an unusable header): the pipeline's "File headers are invalid."
  }
  return verdict(report);
}

/** A report's verdict in the pipeline's terms. */
function verdict(report: Pick<Report, 'findings' | 'stats'>): 'file-reject' | 'empty' | ('ok' | string[])[] {
  const errors = report.findings.filter((f) => f.severity === 'error');
  const fileErrors = errors.filter((f) => f.record === 0);
  if (report.stats.records === 0 && fileErrors.every((f) => f.rule === 'empty')) return 'empty';
  if (fileErrors.length > 0) return 'file-reject';
  return Array.from({ length: report.stats.records }, (_, i) => {
    const paths = errors.filter((f) => f.record === i + 1).map((f) => f.path.slice(1));
    return paths.length === 0 ? 'ok' : paths;
  });
}

/** Whether Conform's answer is the pipeline's expected outcome (a refused row must be refused at the column the pipeline names). */
function agrees(expect: Case['expect'], got: Awaited<ReturnType<typeof answer>>): boolean {
  if (expect === 'file-reject' || expect === 'empty') return got === expect;
  if (expect[0] === 'store' || expect[0] === 'drift') {
    const kind = expect[0];
    // Deliberate: a store case is a file Conform accepts whole; a drift case a name it refuses, as the pipeline now does.
    return kind === 'drift' ? got === 'file-reject' : Array.isArray(got) && got.every((g) => g === 'ok');
  }
  if (!Array.isArray(got) || got.length !== expect.length) return false;
  return (expect as Expect[]).every((e, i) => {
    const g = got[i]!;
    if (e === 'ok') return g === 'ok';
    if (Array.isArray(e) && e[0] === 'fail') return g !== 'ok' && g.includes(e[1]);
    return g === 'ok'; // a row the pipeline refuses from its store: Conform accepts it (deliberate)
  });
}

describe("immunisation-batch: the national pipeline's own test rows and file names get the pipeline's verdicts", () => {
  it('the fixture holds the cases the comparison counts (114 files from the pipeline tests)', () => {
    expect(fixture.cases).toHaveLength(114);
    expect(fixture.cases.reduce((n, c) => n + (c.rows?.length ?? 0), 0)).toBeGreaterThan(240);
  });

  it('every case: the latest version answers as the pipeline expects', async () => {
    const disagreements: string[] = [];
    for (const c of fixture.cases) {
      const got = await answer(latest, c);
      if (!agrees(c.expect, got)) disagreements.push(`${c.id} (${c.source}): expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(got)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it("a row is refused at the pipeline's column: the e2e mandatory-field rows, one column each", async () => {
    const c = fixture.cases.find((x) => x.id === 'create-mandatory')!;
    const got = (await answer(latest, c)) as string[][];
    expect(got.map((paths) => paths[0])).toEqual((c.expect as ['fail', string][]).map((e) => e[1]));
  });

  it('the names 7.0.0 refused and the pipeline accepts: a 9- or 10-character ODS code it maps to a supplier', async () => {
    for (const id of ['fn-ods-8J1100001', 'fn-ods-DPSREDUCED', 'old-reinstated']) {
      const c = fixture.cases.find((x) => x.id === id)!;
      expect(await answer(v7, c), `${id} under 7.0.0`).toBe('file-reject');
      expect(agrees(c.expect, await answer(latest, c)), `${id} under the latest version`).toBe(true);
    }
  });

  it('the names 8.0.0 accepted and the current pipeline refuses: a timestamp of 15 or 18 characters (it now needs 17, ending 00 or 01)', async () => {
    const older = fixture.cases.filter((c) => c.id === 'fn-ts-20200101T123456' || c.id === 'fn-ts-20200101T123456extracharacters' || c.renamedFrom !== undefined);
    expect(older).toHaveLength(14);
    for (const c of older) {
      // As the older pipeline tests named it: 8.0.0 checked the timestamp's first 15 characters only.
      const asWritten = { ...c, fileName: c.renamedFrom ?? c.fileName };
      const v8Answer = await answer(v8, asWritten);
      if (!c.id.includes('covid19') && c.id !== 'old-v4-name' && c.id !== 'old-header') expect(v8Answer, `${c.id} under 8.0.0`).not.toBe('file-reject');
      expect(await answer(latest, asWritten), `${c.id} under the latest version, as the older test named it`).toBe('file-reject');
    }
  });

  it('a name still refused says which part is wrong: a timestamp that is not a real date and time, one of 15 characters, an ODS code of 11 characters', async () => {
    const report = async (fileName: string) =>
      validateStream([fileBytes({ ...fixture.cases.find((x) => x.id === 'fn-ok-' + 'FLU_Vaccinations_v5_YGM41_20000101T00000001.csv')!, fileName })], latest, {
        format: 'csv',
        context: { submittedAt: fixture.submittedAt, fileName },
      });
    const bad = await report('FLU_Vaccinations_v5_YGM41_20200132T12345600.csv');
    expect(bad.findings.filter((f) => f.record === 0).map((f) => [f.rule, f.message.replace(/; the file name must be .*$/, '')])).toEqual([
      [
        'file-name',
        "the file name's part 5 (timestamp) must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501 — here there is no such day in that month",
      ],
    ]);
    const short = await report('FLU_Vaccinations_v5_YGM41_20200101T123456.csv');
    expect(short.findings.filter((f) => f.record === 0).map((f) => f.message.replace(/; the file name must be .*$/, ''))).toEqual(["the file name's part 5 (timestamp) must have 17 characters"]);
    const long = await report('FLU_Vaccinations_v5_ABCDEFGHIJK_20000101T00000001.csv');
    expect(long.findings.filter((f) => f.record === 0).map((f) => f.message.replace(/; the file name must be .*$/, ''))).toEqual([
      "the file name's part 4 (ODS code) must be 3 to 10 letters and digits",
    ]);
  });
});

describe("immunisation-batch over the API: the pipeline's own test files, named by ?filename=, get the same verdicts", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.stop());

  /**
   * The service takes the time the file arrives as now, and the fixture's dates were written for a file
   * arriving at fixture.submittedAt (2025-11-03T12:00Z): its day after (the pipeline tests' "future date")
   * becomes the day after tomorrow and its day becomes yesterday, byte for byte (latin1 keeps every byte).
   * Not tomorrow: a plain date may be the UK date of the submission plus the rule's 5-minute skew, so in
   * the last minutes of a UK day (and, in British Summer Time, from 23:00 UTC) tomorrow's date is allowed.
   */
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const shifted = (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replaceAll('20251104', day(2)).replaceAll('20251103', day(-1)), 'latin1');

  it('every case, posted to the latest version with its file name', async () => {
    expect(fixture.submittedAt).toBe('2025-11-03T12:00:00Z');
    const disagreements: string[] = [];
    for (const c of fixture.cases) {
      const response = await t.call({
        method: 'POST',
        url: `/v1/standards/immunisation-batch/versions/latest/validate?filename=${encodeURIComponent(c.fileName)}&maxFindings=100000`,
        payload: shifted(fileBytes(c)),
        headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
      });
      // A 400 is a file the service cannot read (an unusable header): refused whole, as the pipeline refuses it.
      const got = response.statusCode === 400 ? 'file-reject' : verdict(response.result as Report);
      if (response.statusCode !== 400 && response.statusCode !== 201) disagreements.push(`${c.id}: status ${response.statusCode}`);
      else if (!agrees(c.expect, got)) disagreements.push(`${c.id}: expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(got)}`);
    }
    expect(disagreements).toEqual([]);
  });
});
