/**
 * The immunisation batch file (immunisation-batch 5.0.0) read as the national pipeline reads it: the
 * pipe dialect and exact header, the file-name convention, NEW/UPDATE/DELETE rows, and the checks the
 * pipeline does not make as warnings only. The column rules are proved one by one by the version's
 * examples (`conform check`); these tests prove the file-level rules and the CSV form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary, type Library } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import { checkFileName, type FileNameRule } from '../../src/validation/file-name.js';
import { SubmissionService } from '../../src/services/submissions.js';
import { libraryVersions } from '../../src/services/version-source.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';

let library: Library;
let version: CompiledVersion;
let fields: readonly string[];
let valid: Record<string, unknown>[];
beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
  const standard = library.standards.get('immunisation-batch')!;
  version = standard.versions.find((v) => v.version === '5.0.0')!.compiled;
  fields = version.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '5.0.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  valid = examples.valid.map((e) => e.record);
});

const NAME = 'FLU_Vaccinations_v5_B86001_20240610T18332500.csv';
const HEADER = () => fields.join('|');
/** A row in column order, every cell quoted or not by turns (the pipeline's fixtures mix both). */
const line = (record: Record<string, unknown>, quoteEvery = 2): string =>
  fields
    .map((f, i) => {
      const value = record[f] === undefined ? '' : String(record[f]);
      return i % quoteEvery === 0 ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join('|');

const validate = (text: string | Buffer, fileName?: string, submittedAt = '2024-07-01T12:00:00Z'): Promise<Report> =>
  validateStream([Buffer.isBuffer(text) ? text : Buffer.from(text)], version, { format: 'csv', context: { submittedAt, ...(fileName ? { fileName } : {}) } });

const errors = (report: Report) => report.findings.filter((f) => f.severity === 'error');

describe('immunisation-batch 5.0.0 as a pipe-delimited file', () => {
  it('every valid example, as CSV rows with quoted and unquoted cells, gives no finding', async () => {
    const rows = valid.map((r) => ({ ...r, VACCINATION_PROCEDURE_CODE: r.VACCINATION_PROCEDURE_CODE, PRIMARY_SOURCE: r.PRIMARY_SOURCE }));
    const report = await validate([HEADER(), ...rows.map((r, i) => line(r, i + 2))].join('\r\n') + '\r\n', undefined, new Date().toISOString());
    expect(report.findings).toEqual([]);
    expect(report.stats.records).toBe(valid.length);
  });

  it('reads TRUE/tRuE, a dose sequence of 01, and a short DELETE row as the pipeline does', async () => {
    const base = valid[0]!;
    const rows = [
      line({ ...base, PRIMARY_SOURCE: 'tRuE', DOSE_SEQUENCE: '01' }),
      line({ ...base, PRIMARY_SOURCE: 'FALSE', UNIQUE_ID: 'b' }),
      // a DELETE row that stops after ACTION_FLAG: the missing cells are empty, as the pipeline reads them
      ['', '', '', '', '', '', '', '', '', 'c', 'https://supplier.example/vaccinations', 'DELETE'].join('|'),
    ];
    const report = await validate([HEADER(), ...rows].join('\n') + '\n');
    // the short row is said once, as a warning for the file: it is read, not refused
    expect(report.findings).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'csv-columns',
        message:
          "1 row has more or fewer cells than the header (the first on line 4); read as this standard's dialect says: missing cells are empty, extra cells are ignored",
        severity: 'warning',
      },
    ]);
    expect(report).toMatchObject({ valid: true, stats: { records: 3, valid: 3 } });
  });

  it('a row the pipeline rejects has an error at the column it names; values are never shown', async () => {
    const rows = [
      line({ ...valid[0]!, PRIMARY_SOURCE: 'Y' }),
      line({ ...valid[0]!, DOSE_SEQUENCE: '1.0' }),
      line({ ...valid[0]!, NHS_NUMBER: '9434765918', PERSON_DOB: '20240230' }),
      line({ ...valid[0]!, ACTION_FLAG: 'NEW ' }),
      line({ ...valid[0]!, PERSON_SURNAME: '' }),
    ];
    const report = await validate([HEADER(), ...rows].join('\n') + '\n');
    expect(errors(report).map((f) => [f.record, f.path, f.rule])).toEqual([
      [1, '/PRIMARY_SOURCE', 'type'],
      [2, '/DOSE_SEQUENCE', 'type'],
      [3, '/NHS_NUMBER', 'format'],
      [3, '/PERSON_DOB', 'format'],
      [4, '/ACTION_FLAG', 'format'],
      [5, '/PERSON_SURNAME', 'required'],
    ]);
    expect(report.findings.find((f) => f.path === '/PERSON_SURNAME')!.message).toBe(
      'missing required field "PERSON_SURNAME", required when ACTION_FLAG is NEW or UPDATE',
    );
    const text = JSON.stringify(report);
    for (const value of ['9434765918', '20240230', 'PEYTON', 'LS1 4AP']) expect(text).not.toContain(value);
  });

  it('a header that is not the 34 columns in order is one finding, whatever the number of rows', async () => {
    const renamed = fields.map((f) => (f === 'NHS_NUMBER' ? 'nhs_number' : f)).join('|');
    const rows = Array.from({ length: 50 }, (_, i) => line({ ...valid[0]!, UNIQUE_ID: `r${i}` }));
    const report = await validate([renamed, ...rows].join('\n') + '\n');
    expect(report.findings).toEqual([
      expect.objectContaining({
        record: 0,
        rule: 'header-order',
        message: `the header must be this standard's 34 columns, in order and spelt exactly: every column is there and in order, but one of the names is in another case than the standard's (upper and lower case must match): column 1 is "nhs_number" where "NHS_NUMBER" is expected`,
      }),
    ]);
    const swapped = [fields[1], fields[0], ...fields.slice(2)].join('|');
    const cells = line(valid[0]!, 1000).split('|');
    const reordered = await validate([swapped, [cells[1], cells[0], ...cells.slice(2)].join('|')].join('\n') + '\n');
    expect(reordered.findings.map((f) => f.rule)).toEqual(['header-order']);
  });

  it('a comma-delimited file is refused, naming the delimiter', async () => {
    await expect(validate(fields.join(',') + '\n')).rejects.toMatchObject({
      code: 'csv-header',
      message: expect.stringMatching(
        /^the file seems to separate its columns with commas \(,\), but this standard's CSV uses pipes \(\|\) and no other delimiter; save it with pipes between values: from Excel, set the list separator to \| /,
      ),
    });
  });

  it('a Windows-1252 file is read, as the pipeline retries it', async () => {
    const row = Buffer.from(line({ ...valid[0]!, PERSON_FORENAME: 'ZO\u00cb' }), 'latin1');
    const report = await validate(Buffer.concat([Buffer.from(HEADER() + '\n'), row, Buffer.from('\n')]));
    expect(report.findings).toEqual([]);
  });
});

describe('cells as the pipeline reads them (Python csv, int(), Decimal(), strptime)', () => {
  it('accepts what the pipeline accepts: numbers with white space or a + sign, stray quotes, a date alone for the vaccination', async () => {
    const base = valid[0]!;
    const rows = [
      line({ ...base, UNIQUE_ID: 'a', DOSE_SEQUENCE: ' 1', DOSE_AMOUNT: ' 0.5 ' }, 1000),
      line({ ...base, UNIQUE_ID: 'b', DOSE_SEQUENCE: '+2', DOSE_AMOUNT: '+1_000.25' }, 1000),
      // a quote inside an unquoted cell is text to Python's csv module
      line({ ...base, UNIQUE_ID: 'c', PERSON_SURNAME: 'O"NEIL' }, 1000),
      line({ ...base, UNIQUE_ID: 'd', DATE_AND_TIME: '2024-06-10' }, 1000),
      line({ ...base, UNIQUE_ID: 'e', DATE_AND_TIME: '2024-06-10T18:33:25.5+00:00' }, 1000),
    ];
    const report = await validate([HEADER(), ...rows].join('\r\n') + '\r\n');
    expect(report.findings).toEqual([]);
    expect(report.stats).toMatchObject({ records: 5, valid: 5 });
  });

  it('refuses what the pipeline refuses, at the column: Z, a seventh fraction digit, year 0000, a leap second, NaN', async () => {
    const base = valid[0]!;
    const rows = [
      line({ ...base, DATE_AND_TIME: '2024-06-10T18:33:25Z' }),
      line({ ...base, DATE_AND_TIME: '2024-06-10T18:33:25.1234567+01:00' }),
      line({ ...base, PERSON_DOB: '00000101', EXPIRY_DATE: '0000-12-31' }),
      line({ ...base, DATE_AND_TIME: '20231231T235960' }),
      line({ ...base, DOSE_AMOUNT: 'NaN', DOSE_SEQUENCE: '1_0' }),
    ];
    const report = await validate([HEADER(), ...rows].join('\n') + '\n');
    expect(errors(report).map((f) => [f.record, f.path, f.rule])).toEqual([
      [1, '/DATE_AND_TIME', 'format'],
      [2, '/DATE_AND_TIME', 'format'],
      [3, '/PERSON_DOB', 'format'],
      [3, '/EXPIRY_DATE', 'format'],
      [4, '/DATE_AND_TIME', 'format'],
      [5, '/DOSE_SEQUENCE', 'maximum'],
      [5, '/DOSE_AMOUNT', 'type'],
    ]);
  });

  it('a file whose lines end with a lone CR is read, as the pipeline reads it', async () => {
    const rows = [line(valid[0]!), line({ ...valid[0]!, UNIQUE_ID: 'b', PRIMARY_SOURCE: 'Y' })];
    const report = await validate([HEADER(), ...rows].join('\r') + '\r', undefined, new Date().toISOString());
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
    expect(errors(report).map((f) => [f.record, f.line, f.path])).toEqual([[2, 3, '/PRIMARY_SOURCE']]);
  });

  it('a line of spaces is a row to the pipeline (csv.DictReader skips only empty lines): it fails, and the rows after it keep their numbers', async () => {
    const rows = [line(valid[0]!), '   ', '', line({ ...valid[0]!, UNIQUE_ID: 'third', PRIMARY_SOURCE: 'Y' })];
    const report = await validate([HEADER(), ...rows].join('\n') + '\n', undefined, new Date().toISOString());
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2 });
    expect(errors(report).map((f) => [f.record, f.line, f.path, f.rule])).toEqual([
      [2, 3, '/UNIQUE_ID', 'required'],
      [2, 3, '/UNIQUE_ID_URI', 'required'],
      [2, 3, '/ACTION_FLAG', 'required'],
      [3, 5, '/PRIMARY_SOURCE', 'type'],
    ]);
  });

  it('a byte-order mark, or white space around a header name, fails the header as it fails the pipeline\'s', async () => {
    const body = [HEADER(), line(valid[0]!)].join('\n') + '\n';
    const covid = 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
    const bom = await validate(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]), covid);
    expect(bom.findings.filter((f) => f.record === 0).map((f) => [f.rule, f.severity])).toEqual([['header-order', 'error']]);
    expect(bom.findings[0]!.message).toMatch(/column 1 is "NHS_NUMBER" preceded by the byte-order mark \(BOM\).*; save the file as UTF-8 without a BOM$/);
    const spaced = await validate(body.replace('|PERSON_SURNAME|', '| PERSON_SURNAME |'), covid);
    expect(spaced.findings.map((f) => f.message)).toEqual([
      `the header must be this standard's 34 columns, in order and spelt exactly: column 3 is "PERSON_SURNAME" with white space around it where "PERSON_SURNAME" is expected`,
    ]);
  });
});

describe('the file-name convention', () => {
  let rule: FileNameRule;
  beforeAll(() => {
    rule = version.fileNameRule!;
  });

  it('accepts the names the pipeline accepts', () => {
    for (const name of [
      NAME,
      'covid_vaccinations_V5_b86001_20240610T18332501.csv',
      'RSV_Vaccinations_v5_X8E5B_20000101T00000001_ODS123.csv',
      'MMR_Vaccinations_v5_B86001_20240610T18332500.dat',
      'uploads/FLU_Vaccinations_v5_B86001_20240610T18332500.csv',
    ])
      expect(checkFileName(rule, name), name).toMatchObject({ ok: true });
    expect(checkFileName(rule, NAME)).toEqual({
      ok: true,
      groups: { vaccineType: 'FLU', 'the word Vaccinations': 'VACCINATIONS', version: 'V5', 'ODS code': 'B86001', timestamp: '20240610T18332500' },
    });
  });

  it('refuses, naming the part, the names the pipeline refuses', () => {
    const problem = (name: string) => {
      const result = checkFileName(rule, name);
      // What is wrong comes first, then the convention in full.
      return result.ok ? 'ok' : result.problem.slice(0, result.problem.indexOf('; the file name must be '));
    };
    expect(problem('COVID19_Vaccinations_v5_B86001_20240610T18332500.csv')).toMatch(/^the file name's part 1 \(vaccineType\) must be one of 3IN1, /);
    expect(problem('FLU_Vaccination_v5_B86001_20240610T18332500.csv')).toBe("the file name's part 2 (the word Vaccinations) must be VACCINATIONS");
    expect(problem('FLU_Vaccinations_v4_B86001_20240610T18332500.csv')).toBe("the file name's part 3 (version) must be V5");
    expect(problem('FLU_Vaccinations_v5_B86001_20240610T18332509.csv')).toMatch(/^the file name's part 5 \(timestamp\) must be a real date and time/);
    expect(problem('FLU_Vaccinations_v5_B86001_20240610183325000.csv')).toMatch(/^the file name's part 5 \(timestamp\) must be a real date and time/);
    expect(problem('FLU_Vaccinations_v5_B86001_20240610T183325.csv')).toBe("the file name's part 5 (timestamp) must have 17 characters");
    expect(problem('FLU_Vaccinations_v5_B86001_20240230T10000000.csv')).toMatch(/^the file name's part 5 \(timestamp\)/);
    expect(problem('FLU_Vaccinations_v5_B86001_20240610T18332500.txt')).toBe("the file name's extension must be .CSV or .DAT");
    expect(problem('FLU_Vaccinations_v5_20240610T18332500.csv')).toBe('the file name has 4 parts separated by "_" where at least 5 are expected');
    // a name with no separator at all said "it has 1 parts separated by"
    expect(problem('batch.csv')).toBe('the file name is one part, with no "_" in it, where at least 5 parts are expected');
  });

  it('a wrong name is one file finding; the rows are still validated', async () => {
    const report = await validate([HEADER(), line(valid[0]!)].join('\n') + '\n', 'FLU_Vaccinations_v4_B86001_20240610T18332500.csv');
    expect(report.findings).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'file-name',
        message: expect.stringMatching(/^the file name's part 3 \(version\) must be V5; the file name must be \{VACC\}_Vaccinations_v5_/),
        severity: 'error',
      },
    ]);
    expect(report.stats).toMatchObject({ records: 1, valid: 1 });
  });

  it("codes of another vaccine type are warnings, never errors, and only when the name is known", async () => {
    const covid = [HEADER(), line(valid[0]!)].join('\n') + '\n';
    expect((await validate(covid, 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv')).findings).toEqual([]);
    const asFlu = await validate(covid, NAME);
    expect(asFlu.findings.map((f) => [f.path, f.rule, f.severity])).toEqual([
      ['/VACCINATION_PROCEDURE_CODE', 'code-matches-file-type', 'warning'],
      ['/VACCINE_PRODUCT_CODE', 'code-matches-file-type', 'warning'],
    ]);
    expect(asFlu.findings[0]!.message).toBe("is not a code this standard lists for FLU files (the file name's vaccineType): 884861000000100");
    expect(asFlu.valid).toBe(true);
    expect((await validate(covid)).findings).toEqual([]);
    // a vaccine type without lists in this standard is not checked
    expect((await validate(covid, 'HPV_Vaccinations_v5_B86001_20240610T18332501.csv')).findings).toEqual([]);
  });
});

describe('the service and the scorecard read the wire dates', () => {
  it('timeliness is judged on DATE_AND_TIME, converted from YYYYMMDDThhmmsszz', async () => {
    const service = new SubmissionService(libraryVersions(library), undefined);
    const text = [HEADER(), line(valid[0]!), line({ ...valid[0]!, UNIQUE_ID: 'late', DATE_AND_TIME: '20240501T10000000', RECORDED_DATE: '20240501' })].join('\n') + '\n';
    const report = await service.validate({ standardId: 'immunisation-batch', versionSpec: '5', format: 'csv', source: [Buffer.from(text)], fileName: 'COVID_Vaccinations_v5_B86001_20240612T10000001.csv' }, new Date('2024-06-12T09:00:00Z'));
    expect(report.findings).toEqual([]);
    const counts = (report.scorecard as { counts: { timeliness: unknown } }).counts.timeliness;
    expect(counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 0 });
  });
});
