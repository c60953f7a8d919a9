/**
 * immunisation-batch 9.0.0 against the reference reading of the national pipeline
 * (docs/immunisation-batch.md; NHSDigital/immunisation-fhir-api at 44be4c18458fc2a1644d8ef09e251bc350600f10):
 * for every column and file rule, a value the pipeline accepts and one it refuses, each run through the
 * engine as one row of a pipe-delimited file, with the verdict the pipeline gives. A row the pipeline
 * accepts carries no error; a row it refuses carries errors at the column it names, and at no other.
 *
 * The file-name table is what 9.0.0 changed: the timestamp must be exactly 17 characters, a real
 * YYYYMMDDThhmmss and the zone 00 or 01, as the pipeline's filename processor now checks it; 8.0.0
 * checked only its first 15 characters, and each refused name below passes it (asserted, so the table
 * fails on the old behaviour).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';

let v9: CompiledVersion;
let v8: CompiledVersion;
let fields: readonly string[];
let base: Record<string, unknown>;
beforeAll(async () => {
  const standard = (await loadLibrary(bundledStandardsDir())).standards.get('immunisation-batch')!;
  v9 = standard.versions.find((v) => v.version === '9.0.0')!.compiled;
  v8 = standard.versions.find((v) => v.version === '8.0.0')!.compiled;
  fields = v9.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '9.0.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record; // a NEW row with every column, submitted 2024-06-10
});

const NAME = 'COVID_Vaccinations_v5_RX8AB_20240610T18332500.csv';
const cell = (value: string): string => (/["|\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const file = (change: Record<string, string>): string =>
  [fields.join('|'), fields.map((f) => cell(String({ ...base, ...change }[f] ?? ''))).join('|')].join('\n') + '\n';
const run = (version: CompiledVersion, text: string, fileName = NAME): Promise<Report> =>
  validateStream([Buffer.from(text)], version, { format: 'csv', context: { submittedAt: '2024-07-01T12:00:00Z', fileName } });
const errorColumns = (report: Report): string[] => [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.path.slice(1) || '(file)'))];

/**
 * [column, value, verdict, other cells changed]: the verdict is 'ok' (the pipeline accepts the row) or
 * the column the pipeline refuses it at. Rows are NEW unless ACTION_FLAG is the column or changed.
 */
type Case = [string, string, string, Record<string, string>?];
const ROWS: Case[] = [
  ["NHS_NUMBER", "9434765919", 'ok'],
  ["NHS_NUMBER", "", 'ok'],
  ["NHS_NUMBER", "9999999999", 'ok'],
  ["NHS_NUMBER", "0000000000", 'ok'],
  ["NHS_NUMBER", "943 476 5919", "NHS_NUMBER"],
  ["NHS_NUMBER", "943476591", "NHS_NUMBER"],
  ["NHS_NUMBER", "9434765918", "NHS_NUMBER"],
  ["NHS_NUMBER", "94347659190", "NHS_NUMBER"],
  ["NHS_NUMBER", " ", "NHS_NUMBER"],
  ["NHS_NUMBER", "9990000000", "NHS_NUMBER"],
  ["NHS_NUMBER", "9434765919 ", "NHS_NUMBER"],
  ["NHS_NUMBER", "943476591X", "NHS_NUMBER"],
  ["PERSON_FORENAME", "A", 'ok'],
  ["PERSON_FORENAME", "JOHN PAUL", 'ok'],
  ["PERSON_FORENAME", "", "PERSON_FORENAME"],
  ["PERSON_FORENAME", " ", "PERSON_FORENAME"],
  ["PERSON_SURNAME", "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDE", 'ok'],
  ["PERSON_SURNAME", "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEF", "PERSON_SURNAME"],
  ["PERSON_SURNAME", "", "PERSON_SURNAME"],
  ["PERSON_SURNAME", " ", "PERSON_SURNAME"],
  ["PERSON_SURNAME", "É".repeat(35), 'ok'],
  ["PERSON_DOB", "19650215", 'ok'],
  ["PERSON_DOB", "1965-02-15", 'ok'],
  ["PERSON_DOB", "20000229", 'ok'],
  ["PERSON_DOB", "20240701", 'ok'],
  ["PERSON_DOB", "19650230", "PERSON_DOB"],
  ["PERSON_DOB", "20250101", "PERSON_DOB"],
  ["PERSON_DOB", "", "PERSON_DOB"],
  ["PERSON_DOB", " ", "PERSON_DOB"],
  ["PERSON_DOB", "1965021", "PERSON_DOB"],
  ["PERSON_DOB", "15/02/1965", "PERSON_DOB"],
  ["PERSON_DOB", "19650215T000000", "PERSON_DOB"],
  ["PERSON_DOB", "19000229", "PERSON_DOB"],
  ["PERSON_GENDER_CODE", "1", 'ok'],
  ["PERSON_GENDER_CODE", "2", 'ok'],
  ["PERSON_GENDER_CODE", "9", 'ok'],
  ["PERSON_GENDER_CODE", "0", 'ok'],
  ["PERSON_GENDER_CODE", "male", 'ok'],
  ["PERSON_GENDER_CODE", "female", 'ok'],
  ["PERSON_GENDER_CODE", "other", 'ok'],
  ["PERSON_GENDER_CODE", "unknown", 'ok'],
  ["PERSON_GENDER_CODE", "3", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", "8", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", "U", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", "Male", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", "", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", " ", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", "1 ", "PERSON_GENDER_CODE"],
  ["PERSON_GENDER_CODE", "X", "PERSON_GENDER_CODE"],
  ["PERSON_POSTCODE", "LS1 4AP", 'ok'],
  ["PERSON_POSTCODE", "SW1A1AA", 'ok'],
  ["PERSON_POSTCODE", "ZZ99 3VZ", 'ok'],
  ["PERSON_POSTCODE", "NOT A POSTCODE AT ALL", 'ok'],
  ["PERSON_POSTCODE", "", "PERSON_POSTCODE"],
  ["PERSON_POSTCODE", " ", "PERSON_POSTCODE"],
  ["DATE_AND_TIME", "20240610T183325", 'ok'],
  ["DATE_AND_TIME", "20240610T18332500", 'ok'],
  ["DATE_AND_TIME", "20240610T18332501", 'ok'],
  ["DATE_AND_TIME", "2024-06-10T18:33:25+00:00", 'ok'],
  ["DATE_AND_TIME", "2024-06-10T18:33:25+01:00", 'ok'],
  ["DATE_AND_TIME", "2024-06-10T18:33:25.123+01:00", 'ok'],
  ["DATE_AND_TIME", "20240610T18332502", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240610T183325+00", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240610T1833250000", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240610", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20250610T183325", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "", "DATE_AND_TIME"],
  ["DATE_AND_TIME", " ", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240610T246000", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "2024-06-10T18:33:25+02:00", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "2024-06-10T18:33:25Z", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "2024-06-10T18:33:25", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240610T18332509", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240231T183325", "DATE_AND_TIME"],
  ["DATE_AND_TIME", "20240610 183325", "DATE_AND_TIME"],
  ["SITE_CODE", "B86001", 'ok'],
  ["SITE_CODE", "not-an-ods", 'ok'],
  ["SITE_CODE", "", "SITE_CODE"],
  ["SITE_CODE", " ", "SITE_CODE"],
  ["SITE_CODE_TYPE_URI", "invalid_uri", 'ok'],
  ["SITE_CODE_TYPE_URI", "", "SITE_CODE_TYPE_URI"],
  ["SITE_CODE_TYPE_URI", " ", "SITE_CODE_TYPE_URI"],
  ["UNIQUE_ID", "", "UNIQUE_ID"],
  ["UNIQUE_ID", " ", "UNIQUE_ID"],
  ["UNIQUE_ID_URI", "", "UNIQUE_ID_URI"],
  ["UNIQUE_ID_URI", " ", "UNIQUE_ID_URI"],
  ["UNIQUE_ID_URI", "invalid_uri", 'ok'],
  ["ACTION_FLAG", "new", 'ok'],
  ["ACTION_FLAG", "nEw", 'ok'],
  ["ACTION_FLAG", "Update", 'ok'],
  ["ACTION_FLAG", "NEW ", "ACTION_FLAG"],
  ["ACTION_FLAG", " NEW", "ACTION_FLAG"],
  ["ACTION_FLAG", "", "ACTION_FLAG"],
  ["ACTION_FLAG", "CREATE", "ACTION_FLAG"],
  ["ACTION_FLAG", "N", "ACTION_FLAG"],
  ["PERFORMING_PROFESSIONAL_FORENAME", "", 'ok'],
  ["PERFORMING_PROFESSIONAL_FORENAME", " ", "PERFORMING_PROFESSIONAL_FORENAME"],
  ["PERFORMING_PROFESSIONAL_SURNAME", "", 'ok'],
  ["PERFORMING_PROFESSIONAL_SURNAME", " ", "PERFORMING_PROFESSIONAL_SURNAME"],
  ["RECORDED_DATE", "20240610", 'ok'],
  ["RECORDED_DATE", "2024-06-10", 'ok'],
  ["RECORDED_DATE", "20240610T120000", "RECORDED_DATE"],
  ["RECORDED_DATE", "20250610", "RECORDED_DATE"],
  ["RECORDED_DATE", "", "RECORDED_DATE"],
  ["RECORDED_DATE", " ", "RECORDED_DATE"],
  ["RECORDED_DATE", "20240631", "RECORDED_DATE"],
  ["RECORDED_DATE", "20240601", 'ok'],
  ["PRIMARY_SOURCE", "true", 'ok'],
  ["PRIMARY_SOURCE", "FALSE", 'ok'],
  ["PRIMARY_SOURCE", "True", 'ok'],
  ["PRIMARY_SOURCE", "fAlSe", 'ok'],
  ["PRIMARY_SOURCE", "Y", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", "1", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", "test", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", " ", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", "", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", "true ", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", "0", "PRIMARY_SOURCE"],
  ["PRIMARY_SOURCE", "yes", "PRIMARY_SOURCE"],
  ["PERSON_FORENAME", "A".repeat(180), 'ok'],
  ["PERSON_FORENAME", "A".repeat(181), "PERSON_FORENAME"],
  ["PERSON_FORENAME", "😀".repeat(180), 'ok'],
  ["PERSON_FORENAME", "😀".repeat(181), "PERSON_FORENAME"],
  ["PERSON_SURNAME", "é".repeat(35), 'ok'],
  ["PERSON_SURNAME", "😀".repeat(35), 'ok'],
  ["VACCINATION_PROCEDURE_CODE", "1362591000000103", 'ok'],
  ["VACCINATION_PROCEDURE_CODE", "22298006", 'ok'],
  ["VACCINATION_PROCEDURE_CODE", "1048031000000100", 'ok'],
  ["VACCINATION_PROCEDURE_CODE", "22298007", "VACCINATION_PROCEDURE_CODE"],
  ["VACCINATION_PROCEDURE_CODE", "022298006", "VACCINATION_PROCEDURE_CODE"],
  ["VACCINATION_PROCEDURE_CODE", "12345", "VACCINATION_PROCEDURE_CODE"],
  ["VACCINATION_PROCEDURE_CODE", "abc", "VACCINATION_PROCEDURE_CODE"],
  ["VACCINATION_PROCEDURE_CODE", " ", "VACCINATION_PROCEDURE_CODE"],
  ["VACCINATION_PROCEDURE_CODE", "", "VACCINATION_PROCEDURE_CODE"],
  ["VACCINATION_PROCEDURE_CODE", "", "VACCINATION_PROCEDURE_CODE", { VACCINATION_PROCEDURE_TERM: "" }],
  ["VACCINATION_PROCEDURE_TERM", "", 'ok'],
  ["VACCINATION_PROCEDURE_TERM", " ", "VACCINATION_PROCEDURE_TERM"],
  ["DOSE_SEQUENCE", "1", 'ok'],
  ["DOSE_SEQUENCE", "9", 'ok'],
  ["DOSE_SEQUENCE", "01", 'ok'],
  ["DOSE_SEQUENCE", "", 'ok'],
  ["DOSE_SEQUENCE", " 1", 'ok'],
  ["DOSE_SEQUENCE", "+1", 'ok'],
  ["DOSE_SEQUENCE", "1 ", 'ok'],
  ["DOSE_SEQUENCE", "1_0", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "１", 'ok'], // int() reads any Unicode decimal digit: fullwidth
  ["DOSE_SEQUENCE", "١", 'ok'], // Arabic-Indic
  ["DOSE_SEQUENCE", "¹", "DOSE_SEQUENCE"], // a superscript is no decimal digit
  ["DOSE_AMOUNT", "١.٥", 'ok'], // Decimal() too
  ["DOSE_SEQUENCE", "0", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "-1", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "1.0", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "test", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", " ", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "10", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "1e0", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "00", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "010", "DOSE_SEQUENCE"],
  ["VACCINE_PRODUCT_CODE", "42985911000001104", 'ok'],
  ["VACCINE_PRODUCT_CODE", "", 'ok'],
  ["VACCINE_PRODUCT_CODE", "", 'ok', { VACCINE_PRODUCT_TERM: "" }],
  ["VACCINE_PRODUCT_CODE", "abc", "VACCINE_PRODUCT_CODE"],
  ["VACCINE_PRODUCT_CODE", " ", "VACCINE_PRODUCT_CODE"],
  ["VACCINE_PRODUCT_CODE", "42985911000001105", "VACCINE_PRODUCT_CODE"],
  ["VACCINE_PRODUCT_CODE", "22298006", 'ok'],
  ["VACCINE_PRODUCT_TERM", "", 'ok'],
  ["VACCINE_PRODUCT_TERM", " ", "VACCINE_PRODUCT_TERM"],
  ["VACCINE_MANUFACTURER", "", 'ok'],
  ["VACCINE_MANUFACTURER", " ", "VACCINE_MANUFACTURER"],
  ["BATCH_NUMBER", "", 'ok'],
  ["BATCH_NUMBER", " ", "BATCH_NUMBER"],
  ["EXPIRY_DATE", "20301231", 'ok'],
  ["EXPIRY_DATE", "20200101", 'ok'],
  ["EXPIRY_DATE", "", 'ok'],
  ["EXPIRY_DATE", "2030-12-31", 'ok'],
  ["EXPIRY_DATE", "20241331", "EXPIRY_DATE"],
  ["EXPIRY_DATE", " ", "EXPIRY_DATE"],
  ["EXPIRY_DATE", "2024123", "EXPIRY_DATE"],
  ["EXPIRY_DATE", "20241231T000000", "EXPIRY_DATE"],
  ["SITE_OF_VACCINATION_CODE", "abc", 'ok'],
  ["SITE_OF_VACCINATION_CODE", "", 'ok'],
  ["SITE_OF_VACCINATION_CODE", " ", "SITE_OF_VACCINATION_CODE"],
  ["SITE_OF_VACCINATION_TERM", "", 'ok'],
  ["SITE_OF_VACCINATION_TERM", " ", "SITE_OF_VACCINATION_TERM"],
  ["ROUTE_OF_VACCINATION_CODE", "abc", 'ok'],
  ["ROUTE_OF_VACCINATION_CODE", " ", "ROUTE_OF_VACCINATION_CODE"],
  ["ROUTE_OF_VACCINATION_TERM", " ", "ROUTE_OF_VACCINATION_TERM"],
  ["DOSE_AMOUNT", "0.5", 'ok'],
  ["DOSE_AMOUNT", "1", 'ok'],
  ["DOSE_AMOUNT", "-1", 'ok'],
  ["DOSE_AMOUNT", "1e2", 'ok'],
  ["DOSE_AMOUNT", "0.123456789", 'ok'],
  ["DOSE_AMOUNT", "", 'ok'],
  ["DOSE_AMOUNT", " 0.5", 'ok'],
  ["DOSE_AMOUNT", ".5", 'ok'],
  ["DOSE_AMOUNT", "5.", 'ok'],
  ["DOSE_AMOUNT", "+0.5", 'ok'],
  ["DOSE_AMOUNT", "1E-2", 'ok'],
  ["DOSE_AMOUNT", "1_000", 'ok'],
  // Decimal() drops every underscore (after stripping white space), wherever it is; int() does not
  ["DOSE_AMOUNT", "_1", 'ok'],
  ["DOSE_AMOUNT", "1__000.5", 'ok'],
  ["DOSE_AMOUNT", "0.5_", 'ok'],
  ["DOSE_AMOUNT", "1_e_1", 'ok'],
  ["DOSE_AMOUNT", "_", "DOSE_AMOUNT"],
  ["DOSE_AMOUNT", "_ 1", "DOSE_AMOUNT"],
  ["DOSE_SEQUENCE", "_1", "DOSE_SEQUENCE"],
  ["DOSE_SEQUENCE", "1__0", "DOSE_SEQUENCE"],
  ["DOSE_AMOUNT", "0.30000000000000000000000001", 'ok'],
  ["DOSE_AMOUNT", "00.5", 'ok'],
  ["DOSE_AMOUNT", "abc", "DOSE_AMOUNT"],
  ["DOSE_AMOUNT", " ", "DOSE_AMOUNT"],
  ["DOSE_AMOUNT", "1,5", "DOSE_AMOUNT"],
  ["DOSE_AMOUNT", "0.5ml", "DOSE_AMOUNT"],
  ["DOSE_UNIT_CODE", "258773002", 'ok'],
  ["DOSE_UNIT_CODE", "abc", 'ok'],
  ["DOSE_UNIT_CODE", " ", "DOSE_UNIT_CODE"],
  ["DOSE_UNIT_TERM", " ", "DOSE_UNIT_TERM"],
  ["INDICATION_CODE", "Routine", 'ok'],
  ["INDICATION_CODE", "", 'ok'],
  ["INDICATION_CODE", " ", "INDICATION_CODE"],
  ["LOCATION_CODE", "X99999", 'ok'],
  ["LOCATION_CODE", "anything", 'ok'],
  ["LOCATION_CODE", "", "LOCATION_CODE"],
  ["LOCATION_CODE", " ", "LOCATION_CODE"],
  ["LOCATION_CODE_TYPE_URI", "", "LOCATION_CODE_TYPE_URI"],
  ["LOCATION_CODE_TYPE_URI", " ", "LOCATION_CODE_TYPE_URI"],
  ["LOCATION_CODE_TYPE_URI", "x", 'ok'],
  ["ACTION_FLAG", "DELETE", 'ok', { NHS_NUMBER: "123", PERSON_DOB: "", PERSON_GENDER_CODE: "Z", DATE_AND_TIME: "bad", PRIMARY_SOURCE: "Y", DOSE_SEQUENCE: "x", DOSE_AMOUNT: "x", VACCINATION_PROCEDURE_CODE: "" }],
  ["ACTION_FLAG", "delete", 'ok', { UNIQUE_ID: " " }],
  ["ACTION_FLAG", "delete", 'ok', { UNIQUE_ID_URI: " " }],
  ["ACTION_FLAG", "DELETE", "UNIQUE_ID", { UNIQUE_ID: "" }],
  ["ACTION_FLAG", "DELETE", "UNIQUE_ID_URI", { UNIQUE_ID_URI: "" }],
  ["ACTION_FLAG", "UPDATE", "PERSON_SURNAME", { PERSON_SURNAME: "" }],
  ["ACTION_FLAG", "DELETE", 'ok', { PERSON_SURNAME: "", PERSON_FORENAME: " ", PERSON_POSTCODE: "" }],
  ["ROUTE_OF_VACCINATION_CODE", "", 'ok'],
  ["ROUTE_OF_VACCINATION_TERM", "", 'ok'],
  ["DOSE_UNIT_CODE", "", 'ok'],
  ["DOSE_UNIT_TERM", "", 'ok'],
  ["VACCINE_PRODUCT_TERM", "Comirnaty", 'ok'],
];

describe('immunisation-batch 9.0.0: each column gives the pipeline verdict', () => {
  it.each(ROWS.map((c) => [c[0], JSON.stringify(c[1]), c[2], c] as const))('%s = %s: %s', async (_column, _shown, verdict, [column, value, , change]) => {
    const report = await run(v9, file({ [column]: value, ...change }));
    expect(report.stats.records).toBe(1);
    expect(errorColumns(report)).toEqual(verdict === 'ok' ? [] : [verdict]);
  });

  it('the table holds an accepted and a refused value for every column', () => {
    for (const f of fields) {
      const cases = ROWS.filter((c) => c[0] === f || (c[3] !== undefined && f in c[3]));
      expect(
        cases.some((c) => c[2] === 'ok'),
        `${f} accepted`,
      ).toBe(true);
    }
    // every column the pipeline can refuse a NEW or UPDATE row at has a refused value
    const refused = new Set(ROWS.filter((c) => c[2] !== 'ok').map((c) => c[2]));
    expect(fields.filter((f) => !refused.has(f))).toEqual([]);
  });
});

describe('immunisation-batch 9.0.0: a refused value says how to fix it', () => {
  // [column, value, message]: the columns the pipeline converts (boolean, int(), int() else Decimal()).
  const MESSAGES: [string, string, string][] = [
    ['PRIMARY_SOURCE', 'Y', 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one (when ACTION_FLAG is NEW or UPDATE)'],
    ['PRIMARY_SOURCE', 'true ', 'must be of type boolean; it has spaces around it: remove them (when ACTION_FLAG is NEW or UPDATE)'],
    ['DOSE_SEQUENCE', '1.0', 'must be of type integer; it has a decimal point: write a whole number (when ACTION_FLAG is NEW or UPDATE)'],
    ['DOSE_AMOUNT', '0.5ml', 'must be of type number; it has text after the number (a unit?): write the number alone (when ACTION_FLAG is NEW or UPDATE)'],
    ['DOSE_AMOUNT', '0,5', 'must be of type number; it has a decimal comma: write a decimal point, e.g. 0.5 (when ACTION_FLAG is NEW or UPDATE)'],
  ];
  it.each(MESSAGES)('%s = %j', async (column, value, message) => {
    const report = await run(v9, file({ [column]: value }));
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.path, f.message])).toEqual([[`/${column}`, message]]);
  });
});

/** [file name, accepted]: the reference's file-name rules. */
const NAMES: [string, boolean][] = [
  ['COVID_Vaccinations_v5_RX8AB_20240610T18332500.csv', true],
  ['covid_vaccinations_v5_b86001_20240610t18332500.csv', true], // upper-cased before the checks
  ['COVID_Vaccinations_v5_RX8AB_20240610T18332501.dat', true], // 01 (BST); .dat for MESH
  ['RSV_Vaccinations_v5_X8E5B_20000101T00000001_ODS123.csv', true], // extra parts after the timestamp
  ['FLU_Vaccinations_v5_8J1100001_20240610T18332500.csv', true],
  ['MMRV_Vaccinations_v5_DPSREDUCED_20240610T18332500.CSV', true],
  ['COVID_Vaccinations_v5_B86001_2024061018332500.csv', false], // no T
  ['COVID_Vaccinations_v5_B86001_20240231T18332500.csv', false], // no such day
  ['COVID19_Vaccinations_v5_B86001_20240610T18332500.csv', false], // renamed COVID
  ['COVID_Vaccination_v5_B86001_20240610T18332500.csv', false],
  ['COVID_Vaccinations_v4_B86001_20240610T18332500.csv', false],
  ['COVID_Vaccinations_v5_RX8AB_20240610T18332500.txt', false],
  ['COVID_Vaccinations_v5__20240610T18332500.csv', false],
];

/** Names 8.0.0 accepted and the pipeline refuses: the timestamp is not 17 characters ending 00 or 01. */
const TIMESTAMPS: [string, string][] = [
  ['COVID_Vaccinations_v5_RX8AB_20240610T183325.csv', 'part 5 (timestamp) must have 17 characters'], // no zone
  ['COVID_Vaccinations_v5_RX8AB_20240610T183325000.csv', 'part 5 (timestamp) must have 17 characters'], // milliseconds
  ['COVID_Vaccinations_v5_RX8AB_20240610T183325extra.csv', 'part 5 (timestamp) must have 17 characters'],
  ['COVID_Vaccinations_v5_RX8AB_20240610T18332500.csv.csv', 'part 5 (timestamp) must have 17 characters'],
  [
    'COVID_Vaccinations_v5_RX8AB_20240610T18332509.csv',
    'part 5 (timestamp) must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501 — here the two digits after the seconds, when given, must be 00 (GMT) or 01 (BST)',
  ],
  [
    'COVID_Vaccinations_v5_RX8AB_20240610T18332502.csv',
    'part 5 (timestamp) must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501 — here the two digits after the seconds, when given, must be 00 (GMT) or 01 (BST)',
  ],
  [
    'COVID_Vaccinations_v5_RX8AB_20240610T1833250A.csv',
    'part 5 (timestamp) must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501',
  ],
];

describe('immunisation-batch 9.0.0: the file name is checked as the pipeline checks it', () => {
  it.each(NAMES)('%s: accepted %s', async (name, accepted) => {
    const report = await run(v9, file({}), name);
    expect(errorColumns(report)).toEqual(accepted ? [] : ['(file)']);
  });

  it.each(TIMESTAMPS)('%s: refused as a whole file, where 8.0.0 accepted it', async (name, problem) => {
    expect(errorColumns(await run(v8, file({}), name))).toEqual([]);
    const report = await run(v9, file({}), name);
    const fileFindings = report.findings.filter((f) => f.record === 0);
    expect(fileFindings.map((f) => [f.severity, f.rule])).toEqual([['error', 'file-name']]);
    expect(fileFindings[0]!.message).toBe(
      `the file name's ${problem}; ` +
        'the file name must be {VACC}_Vaccinations_v5_{ODS code}_{YYYYMMDDThhmmsszz}.csv (or .dat), e.g. FLU_Vaccinations_v5_B86001_20240610T18332500.csv, with VACC one of the vaccine types of the national disease mapping, the ODS code 3 to 10 letters and digits, and the timestamp 17 characters: a real YYYYMMDDThhmmss followed by its zone, 00 (GMT) or 01 (BST)',
    );
    expect(fileFindings[0]!.message).not.toContain('RX8AB'); // names the part, never quotes the name
  });
});
