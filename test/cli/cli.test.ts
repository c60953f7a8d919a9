import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

const run = promisify(execFile);
let dir: string;

const capture = (stdin?: Readable) => captureIo(dir, stdin);

const validRecord = {
  localPatientId: 'P1',
  nhsNumber: '9434765919',
  givenName: 'Alex',
  familyName: 'Smith',
  dateOfBirth: '1980-02-29',
  personStatedGender: '2',
  address: { postcode: 'LS1 4AP' },
  lastUpdated: '2025-05-01T10:00:00+01:00',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-cli-'));
  await writeFile(join(dir, 'good.ndjson'), JSON.stringify(validRecord) + '\n');
  await writeFile(join(dir, 'bad.ndjson'), JSON.stringify(validRecord) + '\n' + JSON.stringify({ ...validRecord, nhsNumber: '9876544321' }) + '\n{oops\n');
  await writeFile(
    join(dir, 'good.csv'),
    'localPatientId,nhsNumber,givenName,familyName,dateOfBirth,personStatedGender,address.postcode,lastUpdated\nP1,9434765919,Alex,Smith,1980-02-29,2,ZZ99 3VZ,2025-05-01T10:00:00+01:00\n',
  );
  await writeFile(join(dir, 'good.json.gz'), gzipSync(JSON.stringify([validRecord, validRecord])));
  await writeFile(join(dir, 'corrupt.ndjson.gz'), gzipSync(JSON.stringify(validRecord)).subarray(0, 20));
  await writeFile(join(dir, 'data.txt'), '{}');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('conform validate', () => {
  it('exits 0 on a valid file and says so', async () => {
    const c = capture();
    expect(await main(['validate', 'good.ndjson', '--standard', 'patient-demographics@1.1.0'], c.io)).toBe(0);
    expect(c.out()).toContain('patient-demographics@1.1.0  good.ndjson (ndjson,');
    expect(c.out()).toContain('VALID: 1 record, 1 valid, 0 invalid, 0 findings');
  });

  it('exits 1 on invalid data, with a summary and findings', async () => {
    const c = capture();
    expect(await main(['validate', 'bad.ndjson', '--standard', 'patient-demographics'], c.io)).toBe(1);
    const out = c.out();
    // Record 2 repeats record 1's key (localPatientId): a warning at its line naming both records and the first's line, never the key.
    expect(out).toContain('INVALID: 3 records, 1 valid, 2 invalid, 3 findings');
    expect(out).toMatch(
      /2\s+2\s+\(record\)\s+duplicate-key\s+warning\s+has the same record key \(localPatientId\) as record 1 \(line 1\); records with this key: 1, 2 \(2 records\)/,
    );
    expect(out).toMatch(/\/nhsNumber\s+format\s+error\s+1\s+2/);
    expect(out).toMatch(/3\s+3\s+\(record\)\s+json-syntax\s+error\s+malformed JSON/);
    expect(out).not.toContain('9876544321');
  });

  it("CSV: the summary gives the first records' spreadsheet rows and lines, named as the findings' row and line columns", async () => {
    const head = 'localPatientId,nhsNumber,givenName,familyName,dateOfBirth,personStatedGender,address.postcode,lastUpdated';
    const rec = (id: string, given: string) => `${id},9876544321,${given},Smith,1980-02-29,2,ZZ99 3VZ,2025-05-01T10:00:00+01:00`;
    // An empty line (row 2), then records 1 to 3; record 2's name is a cell over two lines, so record 3 is on line 6, row 5.
    await writeFile(join(dir, 'rows.csv'), `${head}\n\n${rec('P1', 'Alex')}\n${rec('P2', '"Al\nex"')}\n${rec('P3', 'Sam')}\n`);
    const c = capture();
    expect(await main(['validate', 'rows.csv', '--standard', 'patient-demographics@1.1.0'], c.io)).toBe(1);
    const out = c.out();
    expect(out).toMatch(/\n {2}field\s+rule\s+severity\s+count\s+first records\s+first rows\s+first lines\n/);
    expect(out).toMatch(/\n {2}\/nhsNumber\s+format\s+error\s+3\s+1, 2, 3\s+3, 4, 5\s+3, 4, 6\n/);
    expect(out).toMatch(/\n {2}record\s+row\s+line\s+field\s+rule\s+severity\s+message\n/);
    expect(out).toMatch(/\n {2}3\s+5\s+6\s+\/nhsNumber\s+format\s/);
    // NDJSON: lines only, no rows column (an unreadable line is its record: record 3, line 3).
    const n = capture();
    await main(['validate', 'bad.ndjson', '--standard', 'patient-demographics'], n.io);
    expect(n.out()).toMatch(/\n {2}field\s+rule\s+severity\s+count\s+first records\s+first lines\n/);
    expect(n.out()).toMatch(/\n {2}\(record\)\s+json-syntax\s+error\s+1\s+3\s+3\n/);
  });

  it('--json prints the whole report', async () => {
    const c = capture();
    expect(await main(['validate', 'bad.ndjson', '--standard', 'patient-demographics@1', '--json', '--max-findings', '1'], c.io)).toBe(1);
    const report = JSON.parse(c.out());
    expect(report.standard).toMatchObject({ id: 'patient-demographics', version: '1.1.0' });
    expect(report.stats).toMatchObject({ records: 3, valid: 1, invalid: 2, findings: 3 });
    expect(report.findings).toEqual([
      {
        record: 2,
        line: 2,
        path: '/nhsNumber',
        rule: 'format',
        message:
          'must be a valid NHS number (10 digits with a Modulus 11 check digit); its check digit (the last digit) does not match the first nine digits: a typing error?',
        severity: 'error',
      },
    ]);
    expect(report.truncated).toBe(true);
    expect(report.summary).toHaveLength(3);
  });

  it('reads CSV with dotted headers, gzip JSON by content, and standard input with --format', async () => {
    let c = capture();
    expect(await main(['validate', 'good.csv', '--standard', 'patient-demographics'], c.io)).toBe(0);
    c = capture();
    expect(await main(['validate', 'good.json.gz', '--standard', 'patient-demographics', '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ format: 'json', gzip: true, stats: { records: 2, valid: 2 } });
    c = capture(Readable.from([Buffer.from(JSON.stringify(validRecord))]));
    expect(await main(['validate', '-', '--format', 'ndjson', '--standard', 'patient-demographics'], c.io)).toBe(0);
  });

  it('standard input from the terminal: says it is reading it and how to end it (nothing piped, it seemed to hang)', async () => {
    const terminal = Object.assign(Readable.from([Buffer.from(JSON.stringify(validRecord))]), { isTTY: true });
    const c = capture(terminal);
    expect(await main(['validate', '-', '--format', 'ndjson', '--standard', 'patient-demographics'], c.io)).toBe(0);
    expect(c.err()).toBe('conform: reading the data from the terminal (standard input): type or paste it and end with Ctrl-D, or pipe a file in\n');
    const piped = capture(Readable.from([Buffer.from(JSON.stringify(validRecord))]));
    expect(await main(['validate', '-', '--format', 'ndjson', '--standard', 'patient-demographics'], piped.io)).toBe(0);
    expect(piped.err()).toBe('');
  });

  it('warns that a deprecated version is deprecated and names the newer one', async () => {
    const c = capture();
    await main(['validate', 'good.ndjson', '--standard', 'emergency-care-attendance@1.0.0'], c.io);
    expect(c.err()).toMatch(/warning: emergency-care-attendance 1\.0\.0 is deprecated; use \d+\.\d+\.\d+ \(the latest\), /);
  });

  it.each([
    [['validate', 'good.ndjson'], 'give the standard: --standard <id>[@<version>]'],
    [['validate', '--standard', 'patient-demographics'], 'give the file to validate'],
    [
      ['validate', 'data.txt', '--standard', 'patient-demographics'],
      'cannot tell the format of "data.txt" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz), or give --format json|ndjson|csv',
    ],
    // standard input was "the format of "-" from its name", as if - were a file called "-"
    [['validate', '-', '--standard', 'patient-demographics'], 'standard input (-) has no name to tell its format by; give --format json|ndjson|csv'],
    [
      ['validate', 'Returns Q1.xlsx', '--standard', 'patient-demographics'],
      '"Returns Q1.xlsx": a spreadsheet workbook (.xlsx) cannot be validated: save the sheet as CSV (in Excel: File, Save As, "CSV UTF-8 (Comma delimited)") and send that file',
    ],
    // A pipe-delimited standard's workbook is told the step to its own delimiter: Excel's comma CSV would be refused again.
    [
      ['validate', 'Returns Q1.xlsx', '--standard', 'immunisation-batch'],
      '"Returns Q1.xlsx": a spreadsheet workbook (.xlsx) cannot be validated: save the sheet as text with pipes (|) between values and send that file: from Excel, set the list separator to | (Windows: Control Panel > Region > Additional settings > List separator) and save as CSV again, or save it from LibreOffice Calc as "Text CSV" with "Edit filter settings" ticked and | as the field delimiter',
    ],
    [['validate', 'returns.zip', '--standard', 'patient-demographics'], '"returns.zip": an archive (.zip) cannot be validated: send the data file inside it'],
    [['validate', 'good.ndjson', '--format', 'xml', '--standard', 'patient-demographics'], '--format must be one of json, ndjson, csv'],
    [['validate', 'missing.ndjson', '--standard', 'patient-demographics'], 'cannot read missing.ndjson: no such file'],
    [
      ['validate', 'good.ndjson', '--standard', 'nope'],
      // The service's words for an unknown standard, locally as on the server (services/unknown-standard.ts).
      'unknown standard "nope"; no standard has an id near it',
    ],
    [
      ['validate', 'good.ndjson', '--standard', 'patient-demographics@3'],
      'patient-demographics has no version matching "3"; its versions are: 1.0.0 (published), 1.1.0 (published)',
    ],
    [['validate', 'corrupt.ndjson.gz', '--standard', 'patient-demographics'], 'the submission cannot be read: the gzip data is corrupt or cut short'],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['validate', 'good.ndjson', '--standard', 'patient-demographics', '--workers', 'many'], '--workers must be a whole number from 0 to 64'],
    [['validate', 'good.ndjson', '--bogus'], "unknown option '--bogus'"],
    [
      ['validate', 'good.csv', '--format', 'json', '--standard', 'patient-demographics'],
      `the file's name "good.csv" says csv, but the file was declared json; rename the file if it holds json, or declare it csv`,
    ],
  ])('exits 2 with a precise message: %j', async (argv, message) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err()).toContain(`conform: ${message}`);
    expect(c.err()).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('conform standards and check', () => {
  it('lists the library', async () => {
    const c = capture();
    expect(await main(['standards', '--json'], c.io)).toBe(0);
    const list = JSON.parse(c.out());
    expect(list.map((s: { id: string }) => s.id)).toEqual([
      'adult-social-care-client-level',
      'covid-vaccination-event',
      'emergency-care-attendance',
      'immunisation-batch',
      'patient-demographics',
    ]);
    expect(list[2].versions).toEqual([
      { version: '1.0.0', status: 'deprecated' },
      { version: '2.0.0', status: 'deprecated' },
      { version: '3.0.0', status: 'published' },
      { version: '3.0.1', status: 'published' },
      { version: '3.0.2', status: 'published' },
      { version: '3.1.0', status: 'published' },
    ]);
  });

  it('check passes on the bundled library', async () => {
    const c = capture();
    expect(await main(['check'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^check passed: 5 standards, [\d,]+ versions, [\d,]+ examples/);
  });
});

describe('the built command', () => {
  it('runs from bin/conform.js with the exit code of the result', async () => {
    const bin = join(process.cwd(), 'bin/conform.js');
    const ok = await run('node', [bin, 'validate', join(dir, 'good.ndjson'), '--standard', 'patient-demographics']);
    expect(ok.stdout).toContain('VALID: 1 record');
    await expect(run('node', [bin, 'validate', join(dir, 'bad.ndjson'), '--standard', 'patient-demographics'])).rejects.toMatchObject({ code: 1 });
  });

  it('gives the same report on worker threads (--workers 2) as on one (--workers 0)', async () => {
    const bin = join(process.cwd(), 'bin/conform.js');
    const report = async (workers: string) => {
      const result = await run('node', [bin, 'validate', join(dir, 'bad.ndjson'), '--standard', 'patient-demographics', '--json', '--workers', workers]).catch(
        (e: { stdout: string }) => e,
      );
      const parsed = JSON.parse(result.stdout);
      parsed.stats.seconds = 0;
      parsed.scorecard.plan.submittedAt = ''; // the moment of validation
      return parsed;
    };
    const single = await report('0');
    expect(single.stats).toMatchObject({ records: 3, invalid: 2 });
    expect(await report('2')).toEqual(single);
  });
});
