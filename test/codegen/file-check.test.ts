/**
 * A whole file through the generated validator module gives the service's findings: createFileCheck and
 * validateRows follow the rules across rows (`x-record-actions`: duplicate-identifier,
 * identifier-already-deleted, the identifier joined as `URI#ID`, actions in any case) with the engine's own
 * code copied into the runtime, so a build and the service agree on every row of the same file. The
 * service here is the engine's streaming validation of the file (CSV, as the batch file is sent, and
 * NDJSON); the standalone module gets the very records the service read. A version without rules across
 * rows says so (`rulesAcrossRows` is empty) and numbers its rows as the service does.
 *
 * The file's name too (`context.fileName`, as the CLI's --file-name, the API's ?filename= and the web
 * upload's name give it to the engine): the module checks it with the engine's own file-name.ts, so a
 * name that breaks the convention is the same file finding, and the code lists a name chooses give the
 * same warnings on the same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { librarySource } from '../../src/codegen/generate.js';
import { fileBase } from '../../src/codegen/source.js';
import { validateStream, validateValue } from '../../src/validation/validate.js';
import type { ValidationContext } from '../../src/validation/context.js';
import type { Finding, Report } from '../../src/validation/report-types.js';
import type { Library, LibraryVersion } from '../../src/registry/library.js';
import { GENERATED, library } from './support.js';

interface FileCheck {
  check(value: unknown, line?: number, row?: number): Finding[];
  readonly records: number;
  readonly fileFindings: readonly Finding[];
}
interface GeneratedModule {
  validate(value: unknown, record?: number, line?: number, context?: ValidationContext): Finding[];
  createFileCheck(context?: ValidationContext): FileCheck;
  validateRows(
    rows: Iterable<unknown>,
    options?: { context?: ValidationContext; firstLine?: number; firstRow?: number },
  ): Generator<Finding[], void, undefined>;
  validateRowsAsync(
    rows: AsyncIterable<unknown> | Iterable<unknown>,
    options?: { context?: ValidationContext; firstLine?: number },
  ): AsyncGenerator<Finding[], void, undefined>;
  rulesAcrossRows: readonly string[];
  fileFindings(context?: ValidationContext): readonly Finding[];
}

const CONTEXT: ValidationContext = { submittedAt: '2024-07-01T12:00:00Z' };
const URI = 'https://supplier.example/vaccinations';
const DUPLICATE =
  'The identifier (UNIQUE_ID_URI and UNIQUE_ID) is duplicated: an earlier row of this file created a record with it and no row has deleted it since, and the national pipeline refuses a NEW of an identifier that exists (422); send an UPDATE, or a new identifier';
const GONE =
  'There is no record to delete with this identifier (UNIQUE_ID_URI and UNIQUE_ID): an earlier row of this file asked to delete it and no NEW or UPDATE has brought it back since, and the national pipeline refuses a DELETE of an identifier with no live record (404: Immunization resource does not exist); remove the repeated DELETE';

let lib: Library;
let base: Record<string, unknown>;
beforeAll(async () => {
  lib = await library();
  const standard = lib.standards.get('immunisation-batch')!;
  const examples = parse(await readFile(join(standard.dir, 'examples', '7.0.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record;
});

const versionOf = (v: string): LibraryVersion => lib.standards.get('immunisation-batch')!.versions.find((x) => x.version === v)!;
const generated = (version: LibraryVersion): Promise<GeneratedModule> =>
  import(join(GENERATED, `${fileBase(librarySource(lib, version))}.validate.ts`)) as Promise<GeneratedModule>;

/** A row of the file: the example record acting on an identifier. */
const row = (id: string, flag: string, change: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base,
  UNIQUE_ID_URI: URI,
  UNIQUE_ID: id,
  ACTION_FLAG: flag,
  ...change,
});

/** Every case of the rules across rows, in one file. */
const rows = (): Record<string, unknown>[] => [
  row('A', 'NEW'), // 1 creates A
  row('A', 'NEW'), // 2 duplicate NEW: A is live
  row('A', 'nEw'), // 3 mixed case: the same action, a duplicate again
  row('A', 'DELETE'), // 4 deletes A
  row('A', 'Delete'), // 5 a repeated DELETE (mixed case): no live record
  row('A', 'UPDATE'), // 6 an UPDATE of a record the file deleted brings it back
  row('A', 'NEW'), // 7 so a NEW is a duplicate
  row('Z', 'UPDATE'), // 8 an UPDATE of an identifier the file never created: not a rule (it may be in the store)
  row('Z', 'update'), // 9 again, any case: still nothing to refuse
  row('c', 'NEW', { UNIQUE_ID_URI: 'urn:a#b' }), // 10 the identifier urn:a#b#c
  row('b#c', 'NEW', { UNIQUE_ID_URI: 'urn:a' }), // 11 urn:a + b#c joins to the same text: a duplicate in 7.0.0
  row('B', 'NEW', { UNIQUE_ID_URI: '' }), // 12 fails its own checks: creates nothing
  row('B', 'NEW'), // 13 so this NEW is the first
  row('B', 'NEW', { NHS_NUMBER: '123' }), // 14 its own error (check digit): the rule across rows is not checked
  row('B', 'DELETE', { PERSON_POSTCODE: 'not a postcode' }), // 15 a warning only: the DELETE counts
  row('B', 'dElEtE'), // 16 a repeated DELETE
  row('C', 'DELETE'), // 17 a first DELETE of an identifier never seen passes
  row('C', 'DELETE'), // 18 and a second is refused
  row('C', 'NEW'), // 19 a NEW after a DELETE brings it back
  row('C', 'NEW'), // 20 a duplicate again
];

function csv(version: LibraryVersion, records: readonly Record<string, unknown>[]): string {
  const fields = version.compiled.csvLayout.fields;
  return [fields.join('|'), ...records.map((r) => fields.map((f) => `"${String(r[f] ?? '')}"`).join('|'))].join('\n') + '\n';
}

/** The service's report of a file, and the records it read from it (in order), to give the module the same rows. */
async function service(
  version: LibraryVersion,
  text: string,
  format: 'csv' | 'ndjson',
  context: ValidationContext = CONTEXT,
): Promise<{ report: Report; read: unknown[] }> {
  const read: unknown[] = [];
  const main = { observe: (value: unknown) => read.push(value), unreadable: () => read.push(undefined), state: () => undefined, absorb: () => {} };
  const report = await validateStream([Buffer.from(text)], version.compiled, { format, context, observer: { main, module: '', plan: undefined } });
  // The module is given records, their lines and (CSV) spreadsheet rows, not the file itself: these files
  // have no blank line and no cell over several lines, so row n after the header is line n.
  return { report, read };
}

const crossRow = (findings: readonly Finding[]) =>
  findings.filter((f) => f.rule === 'duplicate-identifier' || f.rule === 'identifier-already-deleted').map((f) => [f.record, f.line, f.path, f.rule]);

describe('the generated module checks a whole file as the service does', () => {
  it('7.0.0, a CSV file: createFileCheck gives every finding the service gives, row for row, the rules across rows included', async () => {
    const version = versionOf('7.0.0');
    const module = await generated(version);
    const { report, read } = await service(version, csv(version, rows()), 'csv');
    expect(read.length).toBe(20);
    const file = module.createFileCheck(CONTEXT);
    const findings = read.flatMap((value, i) => file.check(value, i + 2, i + 2)); // line (and row) 1 is the header
    expect(file.records).toBe(20);
    expect(findings).toEqual(report.findings);
    // Not a vacuous agreement: each case is there, with the service's message.
    expect(crossRow(findings)).toEqual([
      [2, 3, '/UNIQUE_ID', 'duplicate-identifier'],
      [3, 4, '/UNIQUE_ID', 'duplicate-identifier'],
      [5, 6, '/UNIQUE_ID', 'identifier-already-deleted'],
      [7, 8, '/UNIQUE_ID', 'duplicate-identifier'],
      [11, 12, '/UNIQUE_ID', 'duplicate-identifier'],
      [16, 17, '/UNIQUE_ID', 'identifier-already-deleted'],
      [18, 19, '/UNIQUE_ID', 'identifier-already-deleted'],
      [20, 21, '/UNIQUE_ID', 'duplicate-identifier'],
    ]);
    // The earlier row named where it is, line and spreadsheet row, as a duplicate-key finding names a key's first.
    expect(findings.find((f) => f.record === 2)!.message).toBe(`${DUPLICATE}; record 1 (line 2, row 2) of this file created it, or brought it back`);
    expect(findings.find((f) => f.record === 11)!.message).toBe(`${DUPLICATE}; record 10 (line 11, row 11) of this file created it, or brought it back`);
    expect(findings.find((f) => f.record === 5)!.message).toBe(`${GONE}; record 4 (line 5, row 5) of this file already asked to delete it`);
    expect(findings.find((f) => f.record === 16)!.message).toBe(`${GONE}; record 15 (line 16, row 16) of this file already asked to delete it`);
    expect(findings.find((f) => f.record === 2)!.row).toBe(3);
    expect(findings.filter((f) => f.record === 8 || f.record === 9)).toEqual([]);
    expect(findings.filter((f) => f.record === 12).map((f) => f.rule)).toEqual(['required']);
    expect(findings.filter((f) => f.record === 14).map((f) => [f.path, f.rule])).toEqual([['/NHS_NUMBER', 'format']]);
    expect(findings.filter((f) => f.record === 15).map((f) => f.severity)).toEqual(['warning']);
    expect(report.stats).toMatchObject({ records: 20, invalid: new Set(findings.filter((f) => f.severity === 'error').map((f) => f.record)).size });
    // validate() checks one record alone, as its doc says: no rule across rows.
    expect(crossRow(read.flatMap((value, i) => module.validate(value, i + 1, i + 2, CONTEXT)))).toEqual([]);
    expect(module.rulesAcrossRows).toEqual(['duplicate-identifier', 'identifier-already-deleted']);
  });

  it('validateRows and validateRowsAsync over an NDJSON file give the service findings too, one array a row, read one row at a time', async () => {
    for (const v of ['7.0.0', '6.0.0', '5.0.0']) {
      const version = versionOf(v);
      const module = await generated(version);
      const text = rows()
        .map((r) => JSON.stringify(r))
        .join('\n');
      const { report } = await service(version, `${text}\n`, 'ndjson');
      let pulled = 0;
      const source = function* () {
        for (const r of rows()) {
          pulled++;
          yield r;
        }
      };
      const perRow = module.validateRows(source(), { context: CONTEXT });
      const first = perRow.next();
      expect(pulled, 'a generator: rows are read as they are needed').toBe(1);
      const all = [first.value as Finding[], ...perRow];
      expect(all.length).toBe(20);
      // The service also says, about the file, that the standard's files are CSV (file-format, a warning):
      // a fact about the file sent, not a row's, which a check of rows does not make.
      expect(
        report.findings.filter((f) => f.record === 0).map((f) => f.rule),
        v,
      ).toEqual(['file-format']);
      expect(all.flat(), v).toEqual(report.findings.filter((f) => f.record !== 0));
      all.forEach((findings, i) => findings.forEach((f) => expect(f.record).toBe(i + 1)));
      const arriving = async function* () {
        for (const r of rows()) yield await Promise.resolve(r);
      };
      const streamed: Finding[][] = [];
      for await (const findings of module.validateRowsAsync(arriving(), { context: CONTEXT })) streamed.push(findings);
      expect(streamed, `${v}: an async source`).toEqual(all);
    }
  });

  it('6.0.0 kept URI and ID apart and did not refuse a repeated DELETE; 5.0.0 has no rule across rows, and says so', async () => {
    const [v6, v5] = [await generated(versionOf('6.0.0')), await generated(versionOf('5.0.0'))];
    expect(v6.rulesAcrossRows).toEqual(['duplicate-identifier']);
    expect(crossRow([...v6.validateRows(rows(), { context: CONTEXT, firstLine: 2 })].flat())).toEqual([
      [2, 3, '/UNIQUE_ID', 'duplicate-identifier'],
      [3, 4, '/UNIQUE_ID', 'duplicate-identifier'],
      [7, 8, '/UNIQUE_ID', 'duplicate-identifier'],
      [20, 21, '/UNIQUE_ID', 'duplicate-identifier'],
    ]);
    expect(v5.rulesAcrossRows).toEqual([]);
    const file = v5.createFileCheck(CONTEXT);
    expect(rows().flatMap((r) => file.check(r))).toEqual(rows().flatMap((r, i) => v5.validate(r, i + 1, i + 1, CONTEXT)));
    expect(await readFile(join(GENERATED, 'immunisation-batch.v5.0.0.validate.ts'), 'utf8')).toContain(
      'declares no rule across rows: each record stands alone',
    );
  });

  it('each file check is its own file, and a malformed context is the caller mistake, thrown at once', async () => {
    const module = await generated(versionOf('7.0.0'));
    const [one, two] = [module.createFileCheck(CONTEXT), module.createFileCheck(CONTEXT)];
    expect(one.check(row('A', 'NEW'))).toEqual([]);
    expect(two.check(row('A', 'NEW'))).toEqual([]);
    const again = one.check(row('A', 'NEW'));
    expect(crossRow(again)).toEqual([[2, 2, '/UNIQUE_ID', 'duplicate-identifier']]);
    // Without a spreadsheet row (not CSV), the earlier row is named by its line alone, and no finding has a row.
    expect(again[0]!.message).toBe(`${DUPLICATE}; record 1 (line 1) of this file created it, or brought it back`);
    expect(again[0]!.row).toBeUndefined();
    expect(() => module.createFileCheck({ submittedAt: 'yesterday' })).toThrow(RangeError);
  });
});

/** File names of the batch convention: the rows' own vaccine type, another with its own code lists, one without lists, and broken names. */
const NAMES = {
  covid: 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv',
  flu: 'flu_vaccinations_V5_B86001_20240610T18332500.dat',
  hpv: 'HPV_Vaccinations_v5_B86001_20240610T18332501.csv',
  wrongVersion: 'FLU_Vaccinations_v4_B86001_20240610T18332500.csv',
  wrongExtension: 'uploads/COVID_Vaccinations_v5_B86001_20240612T12000001.txt',
  tooFewParts: 'COVID_Vaccinations_v5_20240612T12000001.csv',
};
const FLU_PROCEDURE = "is not a code this standard lists for FLU files (the file name's vaccineType): 884861000000100";

describe("the generated module checks a file's name as the service does", () => {
  it('for every name, matching or not, and every version with a convention: the same file finding and the same row findings, in the same order', async () => {
    for (const v of ['5.0.0', '6.0.0', '7.0.0']) {
      const version = versionOf(v);
      expect(version.compiled.fileNameRule, v).toBeDefined();
      const module = await generated(version);
      for (const [which, fileName] of Object.entries(NAMES)) {
        const context: ValidationContext = { ...CONTEXT, fileName };
        const { report, read } = await service(version, csv(version, rows()), 'csv', context);
        expect(read.length).toBe(20);
        const file = module.createFileCheck(context);
        const findings = [...file.fileFindings, ...read.flatMap((value, i) => file.check(value, i + 2, i + 2))];
        expect(findings, `${v} ${which}`).toEqual(report.findings);
        expect([...module.fileFindings(context), ...[...module.validateRows(read, { context, firstLine: 2, firstRow: 2 })].flat()], `${v} ${which}`).toEqual(
          report.findings,
        );
        // One record alone: validate() is the engine's validateValue, the name's code lists included.
        const compiled = version.compiled;
        read.forEach((value, i) =>
          expect(module.validate(value, 1, 0, context), `${v} ${which} record ${i + 1}`).toEqual(validateValue(compiled, value, context)),
        );
      }
    }
  });

  it("not vacuous: a broken name is one file finding naming the part, a name choosing another type's lists makes the coded fields warnings", async () => {
    const version = versionOf('7.0.0');
    const module = await generated(version);
    const fileNameFindings = (fileName: string) => module.createFileCheck({ ...CONTEXT, fileName }).fileFindings;
    for (const fileName of [NAMES.covid, NAMES.flu, NAMES.hpv]) expect(fileNameFindings(fileName), fileName).toEqual([]);
    expect(fileNameFindings(NAMES.wrongVersion)).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'file-name',
        message: expect.stringMatching(/^the file name's part 3 \(version\) must be V5; the file name must be \{VACC\}_Vaccinations_v5_/),
        severity: 'error',
      },
    ]);
    expect(fileNameFindings(NAMES.wrongExtension)[0]!.message).toMatch(/^the file name's extension must be \.CSV or \.DAT; the file name must be /);
    expect(fileNameFindings(NAMES.tooFewParts)[0]!.message).toMatch(
      /^the file name has 4 parts separated by "_" where at least 5 are expected; the file name must be /,
    );
    expect(module.fileFindings({ ...CONTEXT, fileName: NAMES.wrongVersion })).toEqual(fileNameFindings(NAMES.wrongVersion));
    expect(module.fileFindings(CONTEXT)).toEqual([]);

    // The rows carry COVID codes: a FLU file's lists make both coded fields warnings on every row, after the row's own findings.
    const record = row('A', 'NEW');
    const codes = (fileName?: string) =>
      module.validate(record, 1, 0, { ...CONTEXT, ...(fileName ? { fileName } : {}) }).map((f) => [f.path, f.rule, f.severity]);
    expect(codes(NAMES.flu)).toEqual([
      ['/VACCINATION_PROCEDURE_CODE', 'code-matches-file-type', 'warning'],
      ['/VACCINE_PRODUCT_CODE', 'code-matches-file-type', 'warning'],
    ]);
    expect(module.validate(record, 1, 0, { ...CONTEXT, fileName: NAMES.flu })[0]!.message).toBe(FLU_PROCEDURE);
    // Its own type's name, a type without lists, no name, or a broken name (which chooses no lists): no warning.
    for (const fileName of [NAMES.covid, NAMES.hpv, undefined, NAMES.wrongVersion]) expect(codes(fileName), String(fileName)).toEqual([]);
    const flu = [...module.validateRows(rows(), { context: { ...CONTEXT, fileName: NAMES.flu } })];
    expect(flu.every((findings) => findings.filter((f) => f.rule === 'code-matches-file-type').length === 2)).toBe(true);
    // A warning does not stop the rules across rows: row 2 is still a duplicate NEW.
    expect(flu[1]!.map((f) => f.rule)).toEqual(['code-matches-file-type', 'code-matches-file-type', 'duplicate-identifier']);
  });

  it('a version without a convention does not check a name, as the service does not', async () => {
    const version = lib.standards.get('emergency-care-attendance')!.versions.at(-1)!;
    expect(version.compiled.fileNameRule).toBeUndefined();
    const module = await generated(version);
    const context = { ...CONTEXT, fileName: 'not a name of any convention.txt' };
    expect(module.fileFindings(context)).toEqual([]);
    expect(module.createFileCheck(context).fileFindings).toEqual([]);
    const { report } = await service(version, '{}\n', 'ndjson', context);
    expect(report.findings.filter((f) => f.record === 0)).toEqual([]);
  });
});
