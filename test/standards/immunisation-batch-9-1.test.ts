/**
 * immunisation-batch 9.1.0: RECORDED_DATE and the SNOMED CT codes as the national pipeline reads them. The pipeline converts a
 * YYYYMMDD to a date and checks `recorded` as a FHIR dateTime with no time-zone restriction (its
 * for_date_time with strict_timezone off: a date alone, or a date and time with its offset, a fraction of
 * up to six digits), so a recorded date written YYYY-MM-DDThh:mm:ss with an offset (Z, +01:00, -05:00) is
 * accepted there; 9.0.0 refused it (asserted below, so these cases fail on the old rule). What it still
 * refuses: the compact YYYYMMDDThhmmss (not converted), a date and time with no offset, an offset without
 * its colon (the FHIR pattern), a seventh fraction digit, the future. Its SNOMED CT check
 * (is_valid_simple_snomed) sets no minimum length for the long-format partition 10, so a 6- to 10-digit
 * code with it (100108) passes there; 9.0.0's sctid-concept refused it.
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

let v91: CompiledVersion;
let v9: CompiledVersion;
let fields: readonly string[];
let base: Record<string, unknown>;
beforeAll(async () => {
  const standard = (await loadLibrary(bundledStandardsDir())).standards.get('immunisation-batch')!;
  const version = (v: string): CompiledVersion => standard.versions.find((x) => x.version === v)!.compiled;
  v91 = version('9.1.0');
  v9 = version('9.0.0');
  fields = v91.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '9.1.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record; // a NEW row, vaccinated 2024-06-10T18:33:25+01:00
});

const cell = (value: string): string => (/["|\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const file = (change: Record<string, string>): string =>
  [fields.join('|'), fields.map((f) => cell(String({ ...base, ...change }[f] ?? ''))).join('|')].join('\n') + '\n';
const run = (version: CompiledVersion, text: string): Promise<Report> =>
  validateStream([Buffer.from(text)], version, {
    format: 'csv',
    context: { submittedAt: '2024-07-01T12:00:00Z', fileName: 'COVID_Vaccinations_v5_RX8AB_20240701T12000000.csv' },
  });
const errors = (report: Report): [string, string][] => report.findings.filter((f) => f.severity === 'error').map((f) => [f.path, f.message]);

/** RECORDED_DATE values the pipeline accepts that 9.0.0 refused. */
const NOW_ACCEPTED = [
  '2024-06-10T18:40:00+01:00',
  '2024-06-10T18:40:00+00:00',
  '2024-06-10T18:40:00Z',
  '2024-06-10T12:40:00-05:00', // any offset: the recorded date's check has no time-zone restriction
  '2024-06-11T08:00:00+14:00',
  '2024-06-10T18:40:00.5+01:00',
  '2024-06-10T18:40:00.123456+01:00',
];

/** RECORDED_DATE values the pipeline refuses, with the hint each gets. */
const REFUSED: [string, string][] = [
  ['20240610T184000', 'it is a date and time in the compact form, which is not read here: write the date alone, as YYYYMMDD, or the date and time as YYYY-MM-DDThh:mm:ss with its offset'],
  ['20240610T18400001', 'it is a date and time in the compact form, which is not read here: write the date alone, as YYYYMMDD, or the date and time as YYYY-MM-DDThh:mm:ss with its offset'],
  ['2024-06-10T18:40:00', 'it has no offset: add Z or ±hh:mm after the time, or write the date alone, as YYYYMMDD'],
  ['2024-06-10 18:40:00+01:00', 'it has a space between the date and the time: write T there'],
  ['2024-06-10t18:40:00+01:00', 'it has a lower-case t between the date and the time: write T'],
  ['2024-06-31T18:40:00+01:00', 'there is no such day in that month'],
  ['2024-06-10T18:40+01:00', 'it has no seconds: write the time as hh:mm:ss'],
];
const FORMAT =
  'must be a real date written YYYYMMDD (or YYYY-MM-DD), or a date and time written YYYY-MM-DDThh:mm:ss with its offset (Z or ±hh:mm), e.g. 20240131';

describe('immunisation-batch 9.1.0: RECORDED_DATE as the pipeline reads it', () => {
  it.each(NOW_ACCEPTED)('RECORDED_DATE = %s is accepted, where 9.0.0 refused it', async (value) => {
    expect(errors(await run(v9, file({ RECORDED_DATE: value }))).map(([path]) => path)).toEqual(['/RECORDED_DATE']);
    const report = await run(v91, file({ RECORDED_DATE: value }));
    expect(errors(report)).toEqual([]);
    expect(report.findings.filter((f) => f.path === '/RECORDED_DATE')).toEqual([]); // after the vaccination: no warning either
  });

  it('a date alone is still accepted, in both forms', async () => {
    for (const value of ['20240610', '2024-06-10']) expect(errors(await run(v91, file({ RECORDED_DATE: value })))).toEqual([]);
  });

  it.each(REFUSED)('RECORDED_DATE = %s is refused, saying how to write it', async (value, hint) => {
    expect(errors(await run(v91, file({ RECORDED_DATE: value })))).toEqual([['/RECORDED_DATE', `${FORMAT}; ${hint} (when ACTION_FLAG is NEW or UPDATE)`]]);
  });

  it.each(['2024-06-10T18:40:00+0100', '2024-06-10T18:40:00+15:00', '2024-06-10T18:40:00.1234567+01:00', '0000-06-10T18:40:00Z'])(
    'RECORDED_DATE = %s is refused (the FHIR pattern or strptime)',
    async (value) => {
      expect(errors(await run(v91, file({ RECORDED_DATE: value }))).map(([path]) => path)).toEqual(['/RECORDED_DATE']);
    },
  );

  it('a recorded date and time in the future is refused, and one before the vaccination is a warning', async () => {
    const future = await run(v91, file({ RECORDED_DATE: '2024-07-01T13:00:01+00:00' }));
    expect(errors(future)).toEqual([
      ['/RECORDED_DATE', 'The recorded date is in the future (after the file was received); the national pipeline refuses it (when ACTION_FLAG is NEW or UPDATE).'],
    ]);
    const before = await run(v91, file({ RECORDED_DATE: '2024-06-10T17:00:00+01:00' }));
    expect(errors(before)).toEqual([]);
    expect(before.findings.map((f) => [f.severity, f.path, f.rule])).toEqual([['warning', '/RECORDED_DATE', 'recorded-not-before-vaccination']]);
  });

  it('a refusal never quotes the value', async () => {
    const report = await run(v91, file({ RECORDED_DATE: '2024-06-10T18:40:00' }));
    expect(JSON.stringify(report.findings)).not.toContain('18:40');
  });
});

describe('immunisation-batch 9.1.0: SNOMED CT codes as the pipeline checks them', () => {
  // Each passes the pipeline's check (digits, no leading 0, 6 to 18 long, partition 00 or 10, Verhoeff).
  const SHORT_LONG_FORMAT = ['100108', '1000101', '1000000107'];
  it.each(SHORT_LONG_FORMAT.flatMap((code) => [['VACCINATION_PROCEDURE_CODE', code] as const, ['VACCINE_PRODUCT_CODE', code] as const]))(
    '%s = %s (partition 10, under 11 digits) is accepted, where 9.0.0 refused it',
    async (column, code) => {
      expect(errors(await run(v9, file({ [column]: code })))).toEqual([
        [`/${column}`, expect.stringContaining('a long-format one, which needs at least 11 digits') as unknown as string],
      ]);
      const report = await run(v91, file({ [column]: code }));
      expect(errors(report)).toEqual([]);
      // Not listed for COVID files: the code-list warning, as for any other unlisted code.
      expect(report.findings.map((f) => [f.severity, f.path, f.rule])).toEqual([['warning', `/${column}`, 'code-matches-file-type']]);
    },
  );

  const SNOMED = 'must be a SNOMED CT concept id (6 to 18 digits, no leading 0, the partition 00 or 10, a Verhoeff check digit)';
  it.each([
    ['100101', 'its check digit (the last digit) does not match the others: a typing error?'],
    ['100138', 'its partition (the 2nd and 3rd digits from the right) is not one SNOMED CT uses: a typing error?'],
    ['010108', 'a SNOMED CT identifier never starts with 0'],
    ['10108', 'it has fewer than 6 digits'],
    ['1000000000000000108', 'it has more than 18 digits'],
  ])('VACCINATION_PROCEDURE_CODE = %s is still refused, saying why', async (code, hint) => {
    expect(errors(await run(v91, file({ VACCINATION_PROCEDURE_CODE: code })))).toEqual([
      ['/VACCINATION_PROCEDURE_CODE', `${SNOMED}; ${hint} (when ACTION_FLAG is NEW or UPDATE)`],
    ]);
  });
});
