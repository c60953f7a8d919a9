/**
 * immunisation-batch 10.0.0: two rules as the national pipeline runs them, found in its value-level unit
 * tests (test/standards/immunisation-batch-pipeline-values.test.ts checks them all). Its validator
 * compares a date of birth with date.today() and a recorded date with datetime.now(), in UTC where it
 * runs, so from 00:00 to 01:00 BST the UK's today is still the future there; 9.1.0 compared dates with
 * the UK date. Its NHS number check (str.isdigit(), int() of each digit) reads the decimal digits of any
 * script; 9.1.0 refused them. Each case is asserted under both versions, so it fails on the old rule.
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

let v10: CompiledVersion;
let v91: CompiledVersion;
let fields: readonly string[];
let base: Record<string, unknown>;
beforeAll(async () => {
  const standard = (await loadLibrary(bundledStandardsDir())).standards.get('immunisation-batch')!;
  const version = (v: string): CompiledVersion => standard.versions.find((x) => x.version === v)!.compiled;
  v10 = version('10.0.0');
  v91 = version('9.1.0');
  fields = v10.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '10.0.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record; // a NEW row, vaccinated 2024-06-10T18:33:25+01:00
});

const cell = (value: string): string => (/["|\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const run = (version: CompiledVersion, change: Record<string, string>, submittedAt = '2024-07-01T12:00:00Z'): Promise<Report> =>
  validateStream([Buffer.from([fields.join('|'), fields.map((f) => cell(String({ ...base, ...change }[f] ?? ''))).join('|')].join('\n') + '\n')], version, {
    format: 'csv',
    context: { submittedAt, fileName: 'COVID_Vaccinations_v5_RX8AB_20240701T12000001.csv' },
  });
const errors = (report: Report): [string, string][] => report.findings.filter((f) => f.severity === 'error').map((f) => [f.path, f.rule]);

/** 00:30 BST on 11 June 2024: the UK date is 11 June, the UTC date still 10 June. */
const BST = '2024-06-10T23:30:00Z';
const VACCINATED = { DATE_AND_TIME: '20240610T23000000', RECORDED_DATE: '20240610' };

describe('immunisation-batch 10.0.0: "not in the future" counts days in UTC, as the pipeline does', () => {
  it('a date of birth or recorded date on the UK’s today, in the first hour of BST: refused (9.1.0 accepted it)', async () => {
    for (const [column, rule] of [
      ['PERSON_DOB', 'birth-not-in-future'],
      ['RECORDED_DATE', 'recorded-not-in-future'],
    ] as const) {
      for (const value of ['20240611', '2024-06-11']) {
        const change = { ...VACCINATED, [column]: value };
        expect(errors(await run(v10, change, BST)), `${column} ${value}`).toEqual([[`/${column}`, rule]]);
        expect(errors(await run(v91, change, BST)), `${column} ${value} under 9.1.0`).toEqual([]);
      }
    }
    const report = await run(v10, { ...VACCINATED, PERSON_DOB: '20240611' }, BST);
    expect(report.findings.find((f) => f.rule === 'birth-not-in-future')!.message).toMatch(
      /^The date of birth is in the future \(after the file was received, by the date in UTC, as the national pipeline counts days\); the national pipeline refuses it/,
    );
  });

  it('the UTC date itself, a date and time before the file in any offset, and the same date an hour later: accepted', async () => {
    expect(errors(await run(v10, { ...VACCINATED, PERSON_DOB: '20240610' }, BST))).toEqual([]);
    expect(errors(await run(v10, { ...VACCINATED, RECORDED_DATE: '2024-06-11T00:20:00+01:00' }, BST))).toEqual([]);
    expect(errors(await run(v10, { ...VACCINATED, DATE_AND_TIME: '20240611T00200001' }, BST))).toEqual([]);
    expect(errors(await run(v10, { ...VACCINATED, PERSON_DOB: '20240611', RECORDED_DATE: '20240611' }, '2024-06-11T00:30:00Z'))).toEqual([]);
  });

  it('a date and time after the file is refused whatever the calendar', async () => {
    expect(errors(await run(v10, { ...VACCINATED, DATE_AND_TIME: '20240611T00400001' }, BST))).toEqual([['/DATE_AND_TIME', 'vaccination-not-in-future']]);
  });
});

describe('immunisation-batch 10.0.0: an NHS number in the decimal digits of any script', () => {
  const script = (digits: string, zero: number): string => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');

  it('Arabic-Indic, extended Arabic-Indic, Devanagari, fullwidth and mathematical digits: accepted (9.1.0 refused them)', async () => {
    for (const zero of [0x660, 0x6f0, 0x966, 0xff10, 0x1d7ce]) {
      const change = { NHS_NUMBER: script('9434765919', zero) };
      expect(errors(await run(v10, change)), zero.toString(16)).toEqual([]);
      expect(errors(await run(v91, change)), `${zero.toString(16)} under 9.1.0`).toEqual([['/NHS_NUMBER', 'format']]);
    }
  });

  it('a wrong check digit, 9 digits or a superscript digit: refused, the hint reading the digits as digits', async () => {
    for (const value of [script('9434765918', 0x660), script('943476591', 0xff10), '943476591\u2079']) {
      expect(errors(await run(v10, { NHS_NUMBER: value })), value).toEqual([['/NHS_NUMBER', 'format']]);
    }
    const report = await run(v10, { NHS_NUMBER: script('9434765918', 0x660) });
    expect(report.findings[0]!.message).toContain('its check digit (the last digit) does not match the first nine digits');
    expect(JSON.stringify(report.findings)).not.toContain(script('9434765918', 0x660));
  });

  it('warns, without refusing, that other systems read NHS numbers and dates written 0 to 9', async () => {
    const warnings = (report: Report): [string, string][] => report.findings.filter((f) => f.severity === 'warning').map((f) => [f.path, f.rule]);
    const arabic = await run(v10, { NHS_NUMBER: script('9434765919', 0x660) });
    expect(arabic.stats.valid).toBe(1);
    expect(warnings(arabic)).toEqual([['/NHS_NUMBER', 'nhs-number-digits']]);
    expect(arabic.findings[0]!.message).toMatch(/^The NHS number is written with the digits of another script; the national pipeline reads them, but other NHS systems/);
    expect(JSON.stringify(arabic.findings)).not.toContain(script('9434765919', 0x660));
    // A date of birth with another script's year is read by the pipeline too (compact dates), and warned of.
    const dob = await run(v10, { PERSON_DOB: `${script('1965', 0x966)}0215` });
    expect([errors(dob), warnings(dob)]).toEqual([[], [['/PERSON_DOB', 'dob-digits']]]);
    // Digits 0 to 9, right or wrong, get no such warning: a wrong check digit is its error alone.
    expect(warnings(await run(v10, {}))).toEqual([]);
    const wrong = await run(v10, { NHS_NUMBER: '9434765918' });
    expect([errors(wrong), warnings(wrong)]).toEqual([[['/NHS_NUMBER', 'format']], []]);
  });
});
