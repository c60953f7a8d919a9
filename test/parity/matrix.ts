/** The files every face is given: each bundled standard's latest version, and the inputs faces used to treat differently. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readExamples } from '../../src/registry/examples.js';
import { expect } from 'vitest';
import type { ParityCase } from './faces.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => readFile(join(root, 'test/fixtures', name));

/** Each bundled standard's latest version (standards/<id>/standard.yaml). */
export const LATEST = {
  'adult-social-care-client-level': '2.0.2',
  'covid-vaccination-event': '3.0.0',
  'emergency-care-attendance': '3.0.2',
  'immunisation-batch': '10.3.0',
  'patient-demographics': '2.0.3',
} as const;

/** A version the parity test retires (yanks) on the server and in the CLI's library before it runs. */
export const RETIRED = 'emergency-care-attendance@2.0.0';

/** The batch file's name under the pipeline's convention, and one that breaks it (Vaccination, not Vaccinations). */
export const BATCH_NAME = 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv';
const BAD_BATCH_NAME = 'COVID_Vaccination_v5_B86001_20240612T12000001.csv';
/** The same file named as the pipeline allows for files sent by MESH (.dat: the version's `x-file-name.extensions`). */
const DAT_NAME = BATCH_NAME.replace(/\.csv$/, '.dat');

const ndjson = (records: unknown[]): Buffer => Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n');

/** A UTF-16LE text with its byte-order mark. */
const utf16 = (text: Buffer): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.toString('utf8'), 'utf16le')]);
const crlf = (text: Buffer): Buffer => Buffer.from(text.toString('utf8').replace(/\r?\n/g, '\r\n'));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** A UTF-16BE text with its byte-order mark. */
const utf16be = (text: Buffer): Buffer => {
  const le = Buffer.from(text.toString('utf8'), 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
};
/** A zip archive of one stored file (a local header, the bytes, no central directory: its first bytes are what counts). */
const zipOf = (name: string, content: Buffer): Buffer => {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt32LE(content.length, 18);
  head.writeUInt32LE(content.length, 22);
  head.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([head, Buffer.from(name), content]);
};

/** The matrix: at least one case for every rule a face could apply on its own. */
export async function parityCases(): Promise<ParityCase[]> {
  const cases: ParityCase[] = [];
  for (const [id, version] of Object.entries(LATEST)) {
    const examples = (await readExamples(join(root, 'standards', id), version))!;
    const standard = `${id}@${version}`;
    cases.push({
      label: `${standard} valid NDJSON`,
      standard,
      fileName: `${id}.ndjson`,
      // The batch file's examples are each valid alone but share identifiers (rules across rows), and its name
      // is not the convention's (which needs .csv or .dat): one record, every record valid, the name a finding.
      bytes: ndjson((id === 'immunisation-batch' ? examples.valid.slice(0, 1) : examples.valid).map((e) => e.record)),
      shows: id === 'immunisation-batch' ? { stats: expect.objectContaining({ invalid: 0 }) } : { valid: true },
    });
    cases.push({
      label: `${standard} invalid NDJSON`,
      standard,
      fileName: `${id}.ndjson`,
      bytes: ndjson(examples.invalid.map((e) => e.record)),
      shows: { valid: false },
    });
  }
  const eca = 'emergency-care-attendance@3.0.0';
  const ecaCsv = await fixture('emergency-care-attendance-sample.csv');
  const ecaNdjson = await fixture('emergency-care-attendance-sample.ndjson');
  const ecaRecords = ecaNdjson
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
  const batch = await fixture(BATCH_NAME);
  const header = ecaCsv.subarray(0, ecaCsv.indexOf('\n') + 1);
  // A record nested deeper than a record may (64 levels): one unreadable record between two read ones.
  const deep = `{"notes":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
  const [first, second] = ecaRecords.map((r) => JSON.stringify(r));
  const tooDeep = { findings: expect.arrayContaining([expect.objectContaining({ rule: 'record-too-deep' })]) };
  // A column whose dotted name nests 100 levels deep: one header finding, its (empty) cells not read.
  const deepColumn = Array.from({ length: 100 }, () => 'notes').join('.');
  const ecaCsvDeepColumn = ecaCsv
    .toString('utf8')
    .split('\n')
    .map((line, i) => (i === 0 ? `${line},${deepColumn}` : line === '' ? line : `${line},`))
    .join('\n');
  const ecaCsvText = ecaCsv.toString('utf8');
  const [headerLine, ...rowLines] = ecaCsvText.split('\n').filter((l) => l !== '');
  const rowBytes = Buffer.byteLength(rowLines[0]!) + 1;
  /** The sample CSV with its header's names and each row's cells rewritten. */
  const withHeader = (names: (n: string[]) => string[], cells: (c: string[]) => string[] = (c) => c): string =>
    [names(headerLine!.split(',')), ...rowLines.map((r) => cells(r.split(',')))].map((l) => l.join(',')).join('\n') + '\n';
  /** `count` rows of the sample, each rewritten. */
  const withRows = (count: number, cells: (c: string[]) => string[]): string =>
    [headerLine!, ...Array.from({ length: count }, (_, i) => cells(rowLines[i % rowLines.length]!.split(',')).join(','))].join('\n') + '\n';
  cases.push(
    { label: 'CSV', standard: eca, fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'CSV with a period', standard: eca, fileName: 'attendances.csv', bytes: ecaCsv, period: '2024-07', shows: { period: '2024-07' } },
    {
      label: 'CSV with a period that is no period',
      standard: eca,
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      period: '2024-13',
      shows: { kind: 'refusal', status: 400 },
    },
    {
      label: 'CSV with a period of another kind than the standard declares',
      standard: eca,
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      period: '2024-Q3',
      shows: { kind: 'refusal', status: 422 },
    },
    {
      label: 'CSV against a standard its columns do not fit (a suggestion)',
      standard: 'patient-demographics@2.0.3',
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      shows: { suggestion: expect.objectContaining({ standard: 'emergency-care-attendance' }) },
    },
    { label: 'NDJSON (.jsonl)', standard: eca, fileName: 'attendances.jsonl', bytes: ecaNdjson },
    { label: 'JSON array', standard: eca, fileName: 'attendances.json', bytes: Buffer.from(JSON.stringify(ecaRecords)) },
    { label: 'JSON single record', standard: eca, fileName: 'attendance.json', bytes: Buffer.from(JSON.stringify(ecaRecords[0])) },
    {
      label: 'batch file, pipe-delimited, deprecated version',
      standard: 'immunisation-batch@5.0.0',
      fileName: BATCH_NAME,
      bytes: batch,
      shows: { warnings: [expect.stringContaining('immunisation-batch 5.0.0 is deprecated')] },
    },
    {
      label: 'batch file whose name breaks the convention',
      standard: 'immunisation-batch@5.0.0',
      fileName: BAD_BATCH_NAME,
      bytes: batch,
      shows: { findings: expect.arrayContaining([expect.objectContaining({ rule: 'file-name' })]) },
    },
    { label: 'batch file with a folder in its name', standard: 'immunisation-batch@5.0.0', fileName: `batches/${BATCH_NAME}`, bytes: batch },
    {
      label: 'deprecated version',
      standard: 'emergency-care-attendance@1.0.0',
      fileName: 'attendances.ndjson',
      bytes: ecaNdjson,
      shows: { warnings: [expect.stringContaining('emergency-care-attendance 1.0.0 is deprecated')] },
    },
    {
      label: 'NDJSON with a record nested too deep',
      standard: eca,
      fileName: 'deep.ndjson',
      bytes: Buffer.from(`${first}\n${deep}\n${second}\n`),
      shows: tooDeep,
    },
    {
      label: 'JSON array with a record nested too deep',
      standard: eca,
      fileName: 'deep.json',
      bytes: Buffer.from(`[${first},\n${deep},\n${second}]`),
      shows: tooDeep,
    },
    { label: 'JSON single record nested too deep', standard: eca, fileName: 'deep-one.json', bytes: Buffer.from(deep), shows: tooDeep },
    { label: 'CSV with a column nested too deep', standard: eca, fileName: 'deep.csv', bytes: Buffer.from(ecaCsvDeepColumn), shows: tooDeep },
    { label: 'empty CSV', standard: eca, fileName: 'empty.csv', bytes: Buffer.alloc(0) },
    { label: 'empty NDJSON', standard: eca, fileName: 'empty.ndjson', bytes: Buffer.alloc(0) },
    { label: 'empty JSON', standard: eca, fileName: 'empty.json', bytes: Buffer.alloc(0) },
    { label: 'header-only CSV', standard: eca, fileName: 'header.csv', bytes: header, shows: { stats: expect.objectContaining({ records: 0 }) } },
    { label: 'CSV with a UTF-8 BOM', standard: eca, fileName: 'bom.csv', bytes: Buffer.concat([BOM, ecaCsv]) },
    { label: 'NDJSON with a UTF-8 BOM', standard: eca, fileName: 'bom.ndjson', bytes: Buffer.concat([BOM, ecaNdjson]) },
    { label: 'CSV in UTF-16', standard: eca, fileName: 'utf16.csv', bytes: utf16(ecaCsv), shows: { kind: 'refusal', status: 400 } },
    { label: 'NDJSON in UTF-16', standard: eca, fileName: 'utf16.ndjson', bytes: utf16(ecaNdjson), shows: { kind: 'refusal', status: 400 } },
    { label: 'gzip CSV', standard: eca, fileName: 'attendances.csv.gz', bytes: gzipSync(ecaCsv), shows: { gzip: true } },
    { label: 'gzip NDJSON', standard: eca, fileName: 'attendances.ndjson.gz', bytes: gzipSync(ecaNdjson) },
    { label: 'gzip named as plain CSV', standard: eca, fileName: 'attendances.csv', bytes: gzipSync(ecaCsv), shows: { gzip: true } },
    { label: 'CSV with CRLF', standard: eca, fileName: 'crlf.csv', bytes: crlf(ecaCsv) },
    { label: 'NDJSON with CRLF', standard: eca, fileName: 'crlf.ndjson', bytes: crlf(ecaNdjson) },
    { label: 'batch file with CRLF', standard: 'immunisation-batch@5.0.0', fileName: BATCH_NAME, bytes: crlf(batch) },
    {
      label: 'Windows-1252 batch file',
      standard: 'immunisation-batch@10.3.0',
      fileName: BATCH_NAME,
      bytes: Buffer.from(batch.toString('utf8').replace('PEYTON', 'PEYT\u00d3N'), 'latin1'),
    },
    {
      label: 'batch file named .dat, as the version allows (read in its CSV layout)',
      standard: 'immunisation-batch@10.3.0',
      fileName: DAT_NAME,
      bytes: batch,
      shows: { kind: 'report', format: 'csv', findings: expect.not.arrayContaining([expect.objectContaining({ rule: 'file-name' })]) },
    },
    {
      label: 'batch file named .dat in lower case and gzip',
      standard: 'immunisation-batch@10.3.0',
      fileName: DAT_NAME.replace('.dat', '.Dat.gz'),
      bytes: gzipSync(batch),
      shows: { kind: 'report', format: 'csv', gzip: true },
    },
    {
      label: 'batch file named .txt, an extension the version does not list',
      standard: 'immunisation-batch@10.3.0',
      fileName: BATCH_NAME.replace(/\.csv$/, '.txt'),
      bytes: batch,
      shows: { kind: 'refusal', status: 400, message: expect.stringContaining('cannot tell the format of') },
    },
    {
      label: 'a .dat file for a standard whose versions name no .dat files',
      standard: eca,
      fileName: 'attendances.dat',
      bytes: ecaCsv,
      shows: { kind: 'refusal', status: 400, message: expect.stringContaining('cannot tell the format of') },
    },
    {
      label: 'batch file named .dat, declared another format',
      standard: 'immunisation-batch@10.3.0',
      fileName: DAT_NAME,
      bytes: batch,
      declared: 'ndjson',
      shows: { kind: 'refusal', status: 400, message: expect.stringContaining('says csv, but the file was declared ndjson') },
    },
    { label: 'JSON content in a .csv', standard: eca, fileName: 'mislabelled.csv', bytes: ecaNdjson },
    { label: 'CSV content in a .json', standard: eca, fileName: 'mislabelled.json', bytes: ecaCsv },
    {
      label: 'a spreadsheet workbook',
      standard: eca,
      fileName: 'attendances.xlsx',
      bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
      shows: { kind: 'refusal' },
    },
    {
      label: 'a workbook named .csv',
      standard: eca,
      fileName: 'attendances.csv',
      bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
      shows: { kind: 'refusal', status: 400 },
    },
    { label: 'a name that says no format', standard: eca, fileName: 'attendances.txt', bytes: ecaCsv, shows: { kind: 'refusal' } },
    { label: 'a name that says no format, the format declared', standard: eca, fileName: 'attendances.txt', bytes: ecaCsv, declared: 'csv' },
    {
      label: 'a name that says one format, another declared',
      standard: eca,
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      declared: 'json',
      shows: { kind: 'refusal', status: 400 },
    },
    { label: 'a name that says the format declared', standard: eca, fileName: 'attendances.csv.gz', bytes: gzipSync(ecaCsv), declared: 'csv' },
    { label: 'an unknown standard', standard: 'no-such-standard@1.0.0', fileName: 'attendances.csv', bytes: ecaCsv, shows: { kind: 'refusal', status: 404 } },
    {
      label: 'an unknown version',
      standard: 'emergency-care-attendance@9.9.9',
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      shows: { kind: 'refusal', status: 404 },
    },
    {
      label: 'a retired (yanked) version',
      standard: RETIRED,
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      shows: { kind: 'refusal', message: expect.stringContaining('is retired') },
    },
    {
      label: 'the major of a retired version only',
      standard: 'emergency-care-attendance@2',
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      shows: { kind: 'refusal' },
    },
    { label: 'latest of a standard', standard: 'emergency-care-attendance@latest', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'a major of a standard', standard: 'emergency-care-attendance@3', fileName: 'attendances.csv', bytes: ecaCsv },
    {
      label: 'a file over the size limit',
      standard: eca,
      fileName: 'large.ndjson',
      bytes: Buffer.concat(Array.from({ length: 40 }, () => ecaNdjson)),
      shows: { kind: 'refusal', status: 413 },
    },
    // What suppliers get wrong most (the inputs of a first upload): each face must say the same of each.
    {
      label: 'CSV with semicolons for commas (another delimiter)',
      standard: eca,
      fileName: 'semicolons.csv',
      bytes: Buffer.from(ecaCsvText.replace(/,/g, ';')),
    },
    { label: 'CSV with tabs for commas', standard: eca, fileName: 'tabs.csv', bytes: Buffer.from(ecaCsvText.replace(/,/g, '\t')) },
    { label: 'CSV with trailing empty lines', standard: eca, fileName: 'trailing.csv', bytes: Buffer.from(`${ecaCsvText}\n\n\n`) },
    { label: 'CSV with trailing empty CRLF lines', standard: eca, fileName: 'trailing-crlf.csv', bytes: crlf(Buffer.from(`${ecaCsvText}\n\n`)) },
    { label: 'NDJSON with trailing empty lines', standard: eca, fileName: 'trailing.ndjson', bytes: Buffer.from(`${ecaNdjson.toString('utf8')}\n\n\n`) },
    { label: 'CSV without a final newline', standard: eca, fileName: 'no-newline.csv', bytes: Buffer.from(ecaCsvText.replace(/\n+$/, '')) },
    {
      label: 'NDJSON without a final newline',
      standard: eca,
      fileName: 'no-newline.ndjson',
      bytes: Buffer.from(ecaNdjson.toString('utf8').replace(/\n+$/, '')),
    },
    {
      label: 'CSV with a header name given twice',
      standard: eca,
      fileName: 'duplicate-header.csv',
      bytes: Buffer.from(
        withHeader(
          (names) => [...names, names[0]!],
          (cells) => [...cells, cells[0]!],
        ),
      ),
      shows: { kind: 'refusal', status: 400, message: expect.stringContaining('names "attendanceId" twice') },
    },
    {
      label: 'CSV with its header in upper case',
      standard: eca,
      fileName: 'upper.csv',
      bytes: Buffer.from(withHeader((names) => names.map((n) => n.toUpperCase()))),
    },
    {
      label: 'CSV with its header in lower case',
      standard: eca,
      fileName: 'lower.csv',
      bytes: Buffer.from(withHeader((names) => names.map((n) => n.toLowerCase()))),
    },
    {
      label: 'CSV with an extra column',
      standard: eca,
      fileName: 'extra.csv',
      bytes: Buffer.from(
        withHeader(
          (names) => [...names, 'localNotes'],
          (cells) => [...cells, 'x'],
        ),
      ),
    },
    {
      label: 'CSV with a column missing',
      standard: eca,
      fileName: 'missing.csv',
      bytes: Buffer.from(
        withHeader(
          (names) => names.slice(1),
          (cells) => cells.slice(1),
        ),
      ),
      shows: { valid: false },
    },
    {
      label: 'CSV with rows longer than its header',
      standard: eca,
      fileName: 'long-rows.csv',
      bytes: Buffer.from(
        withHeader(
          (n) => n,
          (cells) => [...cells, 'x'],
        ),
      ),
    },
    {
      label: 'CSV with rows shorter than its header',
      standard: eca,
      fileName: 'short-rows.csv',
      bytes: Buffer.from(
        withHeader(
          (n) => n,
          (cells) => cells.slice(1),
        ),
      ),
    },
    {
      label: 'CSV with columns in another order',
      standard: eca,
      fileName: 'order.csv',
      bytes: Buffer.from(
        withHeader(
          (n) => [...n].reverse(),
          (cells) => [...cells].reverse(),
        ),
      ),
    },
    // (An empty period is not among them: a form's blank field is no period, where the API and the command refuse one given empty.)
    ...[
      '2025-2',
      'Feb 2025',
      '2025-13',
      '2025-00',
      '202502',
      '2025/02',
      ' 2025-02',
      '2025-02 ',
      '2025-04-01/2025-06-30' + ' '.repeat(30),
      '2025-04-01/2025-06-30x' + '0'.repeat(30),
      'February 2025',
      '2025-Q5',
      '2025-02-30',
    ].map((period): ParityCase => ({ label: `a period written ${JSON.stringify(period)}`, standard: eca, fileName: 'attendances.csv', bytes: ecaCsv, period })),
    { label: 'a standard named in upper case', standard: 'EMERGENCY-CARE-ATTENDANCE@3.0.0', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'a standard named in mixed case', standard: 'Emergency-Care-Attendance@3.0.0', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'a version with a v', standard: 'emergency-care-attendance@v3.0.0', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'a version of two parts', standard: 'emergency-care-attendance@3.0', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'a version that is no version', standard: 'emergency-care-attendance@three', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'LATEST in capitals', standard: 'emergency-care-attendance@LATEST', fileName: 'attendances.csv', bytes: ecaCsv },
    { label: 'an unknown major', standard: 'emergency-care-attendance@9', fileName: 'attendances.csv', bytes: ecaCsv, shows: { kind: 'refusal' } },
    {
      label: 'more invalid records than a report keeps (the findings cap)',
      standard: eca,
      fileName: 'many.csv',
      // Rows of empty cells (each missing its required fields), so that 1,200 stay under the small size limit.
      bytes: Buffer.from(withRows(1_200, (cells) => cells.map(() => ''))),
      shows: { valid: false, truncated: true },
    },
    ...(['5', '0', '100000'] as const).map((maxFindings): ParityCase => ({
      label: `a findings cap of ${maxFindings}`,
      standard: eca,
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      maxFindings,
      shows: { kind: 'report' },
    })),
    ...(['100001', '-1', '1e3', '1.5', 'ten', '05', ' 5', '99999999999999999999'] as const).map((maxFindings): ParityCase => ({
      label: `a findings cap of ${JSON.stringify(maxFindings)} (no cap a report can keep)`,
      standard: eca,
      fileName: 'attendances.csv',
      bytes: ecaCsv,
      maxFindings,
      shows: { kind: 'refusal', status: 400, message: 'maxFindings must be a whole number from 0 to 100000' },
    })),
    {
      label: 'a zip archive named .zip',
      standard: eca,
      fileName: 'attendances.zip',
      bytes: zipOf('attendances.csv', ecaCsv),
      shows: { kind: 'refusal' },
    },
    { label: 'a zip archive named .csv', standard: eca, fileName: 'attendances.csv', bytes: zipOf('attendances.csv', ecaCsv), shows: { kind: 'refusal' } },
    {
      label: 'a PDF named .csv',
      standard: eca,
      fileName: 'attendances.csv',
      bytes: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'),
      shows: { kind: 'refusal' },
    },
    {
      label: 'a workbook of the old kind named .xls',
      standard: eca,
      fileName: 'attendances.xls',
      bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      shows: { kind: 'refusal' },
    },
    { label: 'UTF-16 big-endian CSV', standard: eca, fileName: 'utf16be.csv', bytes: utf16be(ecaCsv), shows: { kind: 'refusal' } },
    { label: 'UTF-16 CSV without a byte-order mark', standard: eca, fileName: 'utf16-nobom.csv', bytes: Buffer.from(ecaCsvText, 'utf16le') },
    { label: 'a gzip body cut short', standard: eca, fileName: 'cut.csv.gz', bytes: gzipSync(ecaCsv).subarray(0, 40), shows: { kind: 'refusal' } },
    { label: 'a gzip of a workbook', standard: eca, fileName: 'attendances.csv.gz', bytes: gzipSync(zipOf('a.xlsx', ecaCsv)), shows: { kind: 'refusal' } },
    { label: 'a gzip of an empty file', standard: eca, fileName: 'empty.csv.gz', bytes: gzipSync(Buffer.alloc(0)) },
    { label: 'a file of blank lines only', standard: eca, fileName: 'blank.csv', bytes: Buffer.from('\n\n\r\n') },
    { label: 'a BOM alone', standard: eca, fileName: 'bom-only.csv', bytes: BOM },
    {
      label: 'a CSV exactly at the size limit',
      standard: eca,
      fileName: 'at-limit.csv',
      bytes: Buffer.from(withRows(Math.floor((100_000 - header.length) / rowBytes), (c) => c).padEnd(100_000, '\n')),
    },
    {
      label: 'a gzip file over the size limit once inflated',
      standard: eca,
      fileName: 'large.ndjson.gz',
      bytes: gzipSync(Buffer.concat(Array.from({ length: 40 }, () => ecaNdjson))),
      shows: { kind: 'refusal', status: 413 },
    },
  );
  return cases;
}
