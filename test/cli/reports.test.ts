/** CI reports: JUnit (parsed as XML) and SARIF (checked against the SARIF 2.1.0 schema), --fail-on and --min-score. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

let dir: string;
const SAMPLE = 'sample.csv'; // ten attendances, six invalid (test/fixtures)
const STANDARD = ['--standard', 'emergency-care-attendance'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-reports-'));
  await copyFile('test/fixtures/emergency-care-attendance-sample.csv', join(dir, SAMPLE));
  const [header, first] = (await readFile(join(dir, SAMPLE), 'utf8')).split('\n');
  await writeFile(join(dir, 'one.csv'), `${header}\n${first}\n`);
  expect(await main(['template', 'emergency-care-attendance@1', '--out', 'v1.csv'], captureIo(dir).io)).toBe(0);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const c = captureIo(dir);
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** The SARIF 2.1.0 schema (draft-04) as vendored in test/fixtures/sarif, read by Ajv's draft-07 validator. */
async function sarifValidator() {
  const schema = JSON.parse(await readFile('test/fixtures/sarif/sarif-2.1.0-rtm.5.json', 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema;
  // The schema has one pattern that is not valid as a Unicode regular expression, so Ajv reads patterns without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // ajv-formats is CommonJS with `exports.default` (as in src/validation/ajv.ts).
  ((formatsPlugin as unknown as { default?: unknown }).default as (a: Ajv) => Ajv)(ajv);
  return ajv.compile({ ...rest, $id: id as string, $schema: 'http://json-schema.org/draft-07/schema#' });
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testcase', 'property'].includes(name) });
const VALUES_IN_SAMPLE = ['9434765918', 'EX2 5DW', 'RH8A0000005']; // an invalid NHS number, a postcode and an id from the file

describe('--output junit', () => {
  it('lists each distinct message of a (field, rule) case when its findings differ, never a value', async () => {
    const records = [
      { attendanceId: 'A1', nhsNumber: '943 476 5919' },
      { attendanceId: 'A2', nhsNumber: '9434765918' },
      { attendanceId: 'A3', nhsNumber: '943-476-5919' },
    ];
    await writeFile(join(dir, 'near.ndjson'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await cli(['validate', 'near.ndjson', ...STANDARD, '--output', 'junit']);
    const doc = xml.parse(r.out, true) as { testsuites: { testsuite: { testcase: any[] } } };
    const nhs = doc.testsuites.testsuite.testcase.find((t) => t.name === '/nhsNumber format');
    const base = 'must be a valid NHS number (10 digits with a Modulus 11 check digit)';
    expect(nhs.failure.message).toBe(`3 findings: ${base}; it has spaces or dashes: write it as 10 digits with no spaces (first record 1, line 1)`);
    expect(nhs.failure['#text'].split('\n').slice(-3)).toEqual([
      'messages:',
      `- ${base}; it has spaces or dashes: write it as 10 digits with no spaces (records 1, 3)`,
      `- ${base}; its check digit (the last digit) does not match the first nine digits: a typing error? (records 2)`,
    ]);
    for (const record of records) expect(r.out).not.toContain(record.nhsNumber);
  });

  it('is JUnit XML with one failing test case per (field, rule), with counts and first records, rows and lines, never values', async () => {
    const r = await cli(['validate', SAMPLE, ...STANDARD, '--output', 'junit']);
    expect(r.code).toBe(1);
    const doc = xml.parse(r.out, true) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; testcase: any[]; properties: { property: any[] } } };
    };
    const suite = doc.testsuites.testsuite;
    expect(suite.name).toBe(`emergency-care-attendance@3.1.0 ${SAMPLE}`);
    // Records 6 to 10 repeat record 5's key: one warning case for the duplicates.
    expect(suite.testcase.map((t) => t.name)).toEqual([
      '(record) duplicate-key',
      '/arrivalMode enum',
      '/arrivalMode required',
      '/attendanceCategory enum',
      '/chiefComplaint format',
      '/departureDateTime departure-not-before-arrival',
      '/nhsNumber format',
    ]);
    // The duplicate-key case is a warning: with --fail-on error it is a case, not a failure.
    expect(doc.testsuites).toMatchObject({ tests: '7', failures: '6' });
    const nhs = suite.testcase.find((t) => t.name === '/nhsNumber format');
    expect(nhs.classname).toBe('emergency-care-attendance@3.1.0');
    expect(nhs.failure.type).toBe('format');
    expect(nhs.failure.message).toBe(
      '1 finding: must be a valid NHS number (10 digits with a Modulus 11 check digit); its check digit (the last digit) does not match the first nine digits: a typing error? (first record 5, line 6, row 6)',
    );
    expect(nhs.failure['#text']).toBe('field: /nhsNumber\nrule: format\nseverity: error\ncount: 1\nfirst records: 5\nfirst rows: 6\nfirst lines: 6');
    expect(Object.fromEntries(suite.properties.property.map((p) => [p.name, p.value]))).toMatchObject({ records: '10', invalidRecords: '6', findings: '11' });
    for (const value of VALUES_IN_SAMPLE) expect(r.out).not.toContain(value);
  });

  it('has one passing case for a valid file, and a case per --min-score floor', async () => {
    const r = await cli(['validate', 'one.csv', ...STANDARD, '--output', 'junit', '--min-score', 'validity=100', '--min-score', 'timeliness=100']);
    const suite = (xml.parse(r.out) as { testsuites: { testsuite: { testcase: any[] } } }).testsuites.testsuite;
    expect(suite.testcase.map((t) => [t.name, t.failure?.message ?? 'passed'])).toEqual([
      ['every record conforms', 'passed'],
      ['scorecard validity >= 100', 'passed'],
      ['scorecard timeliness >= 100', expect.stringMatching(/^the timeliness score (is [\d.]+|was not measured), below 100$/)],
    ]);
    expect(r.code).toBe(1);
  });
});

describe('--output sarif', () => {
  it('is a SARIF 2.1.0 log pointing at the file and lines, with rule ids and messages, never values', async () => {
    const r = await cli(['validate', SAMPLE, ...STANDARD, '--output', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    const validate = await sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('conform');
    expect(run.results).toHaveLength(11);
    const nhs = run.results.find((x: { ruleId: string; properties: { field: string } }) => x.ruleId === 'format' && x.properties.field === '/nhsNumber');
    expect(nhs).toMatchObject({
      level: 'error',
      message: {
        text: '/nhsNumber: must be a valid NHS number (10 digits with a Modulus 11 check digit); its check digit (the last digit) does not match the first nine digits: a typing error?',
      },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: SAMPLE }, region: { startLine: 6 } },
          logicalLocations: [{ fullyQualifiedName: 'record 5 /nhsNumber' }],
        },
      ],
    });
    expect(run.tool.driver.rules[nhs.ruleIndex].id).toBe('format');
    for (const value of VALUES_IN_SAMPLE) expect(r.out).not.toContain(value);
  });

  it('fails the schema when broken (the check can fail)', async () => {
    const r = await cli(['validate', SAMPLE, ...STANDARD, '--output', 'sarif']);
    const log = JSON.parse(r.out);
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect((await sarifValidator())(log)).toBe(false);
  });

  it('is valid for a valid file too (no results)', async () => {
    const r = await cli(['validate', 'one.csv', ...STANDARD, '--output', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.out);
    expect((await sarifValidator())(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('the suggestion of a standard the columns fit better, in the CI reports', () => {
  // The emergency care sample validated against patient demographics: its columns match emergency care.
  const WRONG = ['--standard', 'patient-demographics@2.0.3', '--local'];
  const SAID =
    'Another standard fits these columns better: they match Emergency care attendance 3.1.0, 18 of 18; you chose Patient demographics 2.0.3 (4 of 18). Try --standard emergency-care-attendance@3.1.0';

  it("JUnit: the suite's system-out says it in the text report's words, a property names the standard", async () => {
    const text = await cli(['validate', SAMPLE, ...WRONG]);
    expect(text.out).toContain(`${SAID}\n`);
    const r = await cli(['validate', SAMPLE, ...WRONG, '--output', 'junit']);
    const suite = xml.parse(r.out).testsuites.testsuite;
    expect(suite['system-out']).toBe(SAID);
    expect(suite.properties.property).toContainEqual({ name: 'suggestedStandard', value: 'emergency-care-attendance@3.1.0' });
    // After the test cases, as the JUnit schema orders a suite's elements.
    expect(r.out.lastIndexOf('<testcase')).toBeLessThan(r.out.indexOf('<system-out>' + SAID));
  });

  it("SARIF: a configuration notification of the run's invocation, with the option in its properties; still a valid log", async () => {
    const r = await cli(['validate', SAMPLE, ...WRONG, '--output', 'sarif']);
    const log = JSON.parse(r.out);
    const validate = await sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolConfigurationNotifications: [
          {
            descriptor: { id: 'standard-suggestion' },
            level: 'warning',
            message: { text: SAID },
            properties: {
              suggestedStandard: 'emergency-care-attendance',
              suggestedVersion: '3.1.0',
              option: '--standard emergency-care-attendance@3.1.0',
              columns: 18,
              matched: 18,
              chosen: { standard: 'patient-demographics', version: '2.0.3', matched: 4 },
            },
          },
        ],
      },
    ]);
    for (const value of VALUES_IN_SAMPLE) expect(r.out).not.toContain(value);
  });

  it('neither says anything when the chosen standard fits', async () => {
    const junit = await cli(['validate', SAMPLE, ...STANDARD, '--local', '--output', 'junit']);
    const suite = xml.parse(junit.out).testsuites.testsuite;
    expect(suite).not.toHaveProperty('system-out');
    expect(suite.properties.property.map((p: { name: string }) => p.name)).not.toContain('suggestedStandard');
    const sarif = await cli(['validate', SAMPLE, ...STANDARD, '--local', '--output', 'sarif']);
    expect(JSON.parse(sarif.out).runs[0]).not.toHaveProperty('invocations');
  });
});

describe('--fail-on and --min-score', () => {
  it.each([
    [['--fail-on', 'error'], 1],
    [['--fail-on', 'any'], 1],
    [['--fail-on', 'none'], 0],
    [['--fail-on', 'none', '--min-score', 'overall=0'], 0],
    [['--fail-on', 'none', '--min-score', 'overall=99'], 1],
    [['--fail-on', 'none', '--min-score', 'validity=40'], 0],
    [['--fail-on', 'none', '--min-score', 'validity=41'], 1],
  ])('the invalid sample with %j exits %i', async (flags, code) => {
    const r = await cli(['validate', SAMPLE, ...STANDARD, '--output', 'json', ...flags]);
    expect(r.code).toBe(code);
    if (code === 1 && flags.includes('--min-score'))
      expect(r.err).toMatch(/conform: failing: the (overall|validity) score [\d.]+ is below \d+ \(--min-score\)/);
  });

  it('--fail-on any fails a valid file that uses a deprecated version; error does not', async () => {
    expect((await cli(['validate', 'v1.csv', '--standard', 'emergency-care-attendance@1', '--fail-on', 'error'])).code).toBe(0);
    const r = await cli(['validate', 'v1.csv', '--standard', 'emergency-care-attendance@1', '--fail-on', 'any']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('conform: failing: 1 warning');
  });

  it.each([['overall'], ['validity=101'], ['speed=50'], ['overall=-1']])('refuses --min-score %s with exit 2', async (value) => {
    const r = await cli(['validate', SAMPLE, ...STANDARD, '--min-score', value]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('conform: --min-score takes <dimension>=<0 to 100>, such as overall=90; the dimensions are overall, validity');
  });

  it('tells a misspelt --min-score dimension the one it may mean, and none for a word far from every one', async () => {
    const said = async (value: string): Promise<string> => (await cli(['validate', SAMPLE, ...STANDARD, '--min-score', value])).err;
    const refusal =
      'conform: --min-score takes <dimension>=<0 to 100>, such as overall=90; the dimensions are overall, validity, completeness, uniqueness, consistency, timeliness, defaults';
    expect(await said('overal=90')).toBe(`${refusal}; did you mean overall=90?\n`);
    expect(await said('Validity=95')).toBe(`${refusal}; did you mean validity=95?\n`);
    expect(await said('completness=80.5')).toBe(`${refusal}; did you mean completeness=80.5?\n`);
    expect(await said('speed=50')).toBe(`${refusal}\n`);
    expect(await said('validity=101')).toBe(`${refusal}\n`);
  });

  it('--json is --output json, and cannot go with another --output', async () => {
    expect(JSON.parse((await cli(['validate', 'one.csv', ...STANDARD, '--json'])).out).valid).toBe(true);
    const r = await cli(['validate', 'one.csv', ...STANDARD, '--json', '--output', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('conform: --json is --output json; it cannot go with --output sarif\n');
  });
});

describe('--output junit with characters XML cannot hold', () => {
  it('writes a control character, U+FFFF and a lone surrogate in a message as \\u escapes, and stays parseable XML', async () => {
    const { junitReport } = await import('../../src/cli/report-junit.js');
    const { parseFailPolicy } = await import('../../src/cli/fail-policy.js');
    const message = 'a rule\u0001 message\u001b[31m\uffff with \ud800 half a pair, é kept';
    const report = {
      standard: { id: 'local', version: '1.0.0', contentHash: 'x' },
      format: 'ndjson',
      gzip: false,
      valid: false,
      stats: { records: 1, valid: 0, invalid: 1, findings: 1, bytes: 10, seconds: 0 },
      findings: [{ record: 1, line: 1, path: '/a', rule: 'x-rule', message, severity: 'error' }],
      maxFindings: 1000,
      truncated: false,
      summary: [{ path: '/a', rule: 'x-rule', severity: 'error', count: 1, firstRecords: [1], firstLines: [1] }],
      summaryTruncated: false,
    } as unknown as Parameters<typeof junitReport>[0];
    const out = junitReport(report, 'local.ndjson', parseFailPolicy(undefined, undefined));
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/);
    expect(out).toContain('a rule\\u0001 message\\u001b[31m\\uffff with \\ud800 half a pair, é kept');
    const doc = xml.parse(out, true) as { testsuites: { testsuite: { testcase: { failure: { message: string } }[] } } };
    expect(doc.testsuites.testsuite.testcase[0]!.failure.message).toContain('\\u0001');
  });
});
