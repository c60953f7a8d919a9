/**
 * Benchmark data of the national immunisation batch file (immunisation-batch 10.0.0, the latest): 1,000,000
 * seeded, deterministic rows as the pipe-delimited CSV the pipeline takes (quoted and unquoted cells mixed,
 * CRLF line ends), named as the pipeline wants it, and the same records as NDJSON (the JSON form: the floor
 * reads it). About 10% of rows are invalid with one fault each; 5% are DELETE rows. Every row has its own
 * identifier (COVID-n), so the rules across rows (x-record-actions: a NEW repeating a live identifier, a
 * DELETE of one the file already deleted) fail none: a DELETE or UPDATE of an identifier the file never
 * created passes, as the record may be in the pipeline's store, and the invalid rows are exactly the
 * faulted ones. Reused while the manifest's key (generator version, row count and the schema's content
 * hash) still matches.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadLibrary } from '../src/registry/library.js';
import { bundledStandardsDir } from '../src/registry/bundled.js';
import { resolveVersion } from '../src/registry/resolve.js';
import { isNhsNumber } from '../src/validation/health-formats.js';
import { DATA_DIR, mulberry32, Out } from './bench-generate.js';

/** 2: for immunisation-batch 7.0.0 to 10.3.0 (1: 5.0.0), so bench-data made for 5.0.0 is made again (8.0.0's to 10.3.0's rows are 7.0.0's). */
export const BATCH_GENERATOR_VERSION = 2;
export const BATCH_STANDARD = 'immunisation-batch';
export const BATCH_VERSION = '10.3.0';
export const BATCH_RECORDS = 1_000_000;
/** The name the file is validated under: the vaccine type (COVID) comes from it. */
export const BATCH_FILE_NAME = 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv';
export const batchFile = (ext: 'csv' | 'ndjson', dir = DATA_DIR): string =>
  join(dir, ext === 'csv' ? BATCH_FILE_NAME.replace('.csv', '-1M.csv') : 'imms-batch-1M.ndjson');

/** Where and how many rows: the benchmark's million in bench-data/, or fewer elsewhere (a check of the generator). */
export interface BatchDataOptions {
  records?: number;
  dir?: string;
}

export interface BatchManifest {
  key: string;
  bytes: Record<string, number>;
  records: number;
  invalid: number;
  faults: Record<string, number>;
}

const PROCEDURES = ['1362591000000103', '1324681000000101', '1324691000000104'];
const PRODUCTS = ['43111411000001101', '43113211000001101', '43112711000001100', '42985911000001104'];
const FORENAMES = ['ALEX', 'SAM', 'JO', 'PRIYA', 'OWEN', 'MARIA', 'TOM', 'AISHA'];
const SURNAMES = ['SMITH', 'JONES', 'PATEL', 'KHAN', "O'REILLY", 'WILLIAMS', 'BROWN', 'TAYLOR'];
const AREAS = ['LS1', 'EX4', 'M1', 'B15', 'NE1', 'SE1', 'OX3', 'BS2'];
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function nhsNumber(random: () => number): string {
  for (;;) {
    const nine = String(100_000_000 + Math.floor(random() * 899_999_999));
    let total = 0;
    for (let i = 0; i < 9; i++) total += Number(nine[i]) * (10 - i);
    const check = (11 - (total % 11)) % 11;
    if (check !== 10) return nine + String(check);
  }
}

type Row = Record<string, string | number | boolean | undefined>;

export async function ensureBatchData(log: (line: string) => void, options: BatchDataOptions = {}): Promise<BatchManifest> {
  const records = options.records ?? BATCH_RECORDS;
  const dir = options.dir ?? DATA_DIR;
  const library = await loadLibrary(bundledStandardsDir());
  const version = resolveVersion(library, BATCH_STANDARD, BATCH_VERSION);
  const header = version.compiled.csvLayout.fields;
  const key = `batch generator ${BATCH_GENERATOR_VERSION}; ${records} rows; ${BATCH_STANDARD}@${BATCH_VERSION} ${version.contentHash}`;
  const manifestFile = join(dir, 'batch-manifest.json');
  const files = [batchFile('csv', dir), batchFile('ndjson', dir)];
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BatchManifest;
    if (manifest.key === key && files.every((f) => existsSync(f) && statSync(f).size === manifest.bytes[basename(f)])) {
      log(`bench-data: reusing ${files.length} batch files (${key})`);
      return manifest;
    }
  }
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const random = mulberry32(0x1aa5_2026);
  const csv = new Out(files[0]!);
  const ndjson = new Out(files[1]!);
  csv.write(`${header.join('|')}\r\n`);
  const faults: Record<string, number> = {};
  let invalid = 0;
  for (let i = 0; i < records; i++) {
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 5);
    const when = `2024${pad(month)}${pad(day)}`;
    const area = AREAS[Math.floor(random() * AREAS.length)]!;
    const row: Row =
      random() < 0.05
        ? { UNIQUE_ID: `COVID-${i}`, UNIQUE_ID_URI: 'https://supplier.example/vaccinations', ACTION_FLAG: 'DELETE' }
        : {
            NHS_NUMBER: nhsNumber(random),
            PERSON_FORENAME: FORENAMES[i % FORENAMES.length],
            PERSON_SURNAME: SURNAMES[(i >> 3) % SURNAMES.length],
            PERSON_DOB: `${1930 + Math.floor(random() * 80)}${pad(1 + Math.floor(random() * 12))}${pad(1 + Math.floor(random() * 28))}`,
            PERSON_GENDER_CODE: String([1, 2, 9, 0][Math.floor(random() * 4)]),
            PERSON_POSTCODE: `${area} ${1 + Math.floor(random() * 9)}${LETTERS[Math.floor(random() * 20)]}${LETTERS[Math.floor(random() * 20)]}`,
            DATE_AND_TIME: `${when}T${pad(8 + Math.floor(random() * 10))}${pad(Math.floor(random() * 60))}${pad(Math.floor(random() * 60))}01`,
            SITE_CODE: 'B86001',
            SITE_CODE_TYPE_URI: 'https://fhir.nhs.uk/Id/ods-organization-code',
            UNIQUE_ID: `COVID-${i}`,
            UNIQUE_ID_URI: 'https://supplier.example/vaccinations',
            ACTION_FLAG: random() < 0.9 ? 'NEW' : 'UPDATE',
            RECORDED_DATE: when,
            PRIMARY_SOURCE: true,
            VACCINATION_PROCEDURE_CODE: PROCEDURES[Math.floor(random() * PROCEDURES.length)],
            DOSE_SEQUENCE: 1 + Math.floor(random() * 4),
            VACCINE_PRODUCT_CODE: PRODUCTS[Math.floor(random() * PRODUCTS.length)],
            BATCH_NUMBER: `B${Math.floor(random() * 90000) + 10000}`,
            EXPIRY_DATE: '20251231',
            SITE_OF_VACCINATION_CODE: '368208006',
            ROUTE_OF_VACCINATION_CODE: '78421000',
            DOSE_AMOUNT: 0.5,
            DOSE_UNIT_CODE: '258773002',
            LOCATION_CODE: 'X99999',
            LOCATION_CODE_TYPE_URI: 'https://fhir.nhs.uk/Id/ods-organization-code',
          };
    let fault: string | undefined;
    if (row.ACTION_FLAG !== 'DELETE' && random() < 0.1) {
      const pick = Math.floor(random() * 5);
      if (pick === 0) {
        fault = 'nhs-number-check-digit';
        const n = String(row.NHS_NUMBER);
        row.NHS_NUMBER = n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
        if (isNhsNumber(String(row.NHS_NUMBER))) row.NHS_NUMBER = '12345';
      } else if (pick === 1) {
        fault = 'missing-surname';
        row.PERSON_SURNAME = undefined;
      } else if (pick === 2) {
        fault = 'impossible-date';
        row.PERSON_DOB = '20230230';
      } else if (pick === 3) {
        fault = 'dose-sequence-10';
        row.DOSE_SEQUENCE = 10;
      } else {
        fault = 'action-flag';
        row.ACTION_FLAG = 'CREATE';
      }
    }
    if (fault) {
      invalid++;
      faults[fault] = (faults[fault] ?? 0) + 1;
    }
    const json: Row = {};
    const cells: string[] = [];
    for (let c = 0; c < header.length; c++) {
      const value = row[header[c]!];
      if (value !== undefined) json[header[c]!] = value;
      const text = value === undefined ? '' : value === true ? 'TRUE' : String(value);
      cells.push(c % 3 === 0 ? `"${text}"` : text);
    }
    csv.write(`${cells.join('|')}\r\n`);
    ndjson.write(`${JSON.stringify(json)}\n`);
  }
  csv.close();
  ndjson.close();
  const manifest: BatchManifest = {
    key,
    bytes: Object.fromEntries(files.map((f) => [basename(f), statSync(f).size])),
    records,
    invalid,
    faults,
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`bench-data: generated ${records.toLocaleString('en-GB')} batch rows in ${((Date.now() - started) / 1000).toFixed(1)} s (${key})`);
  return manifest;
}
