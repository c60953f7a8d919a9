/**
 * Benchmark data: a seeded, deterministic emergency-care-attendance 2.0.0 submission of 1,000,000
 * records as NDJSON and as CSV (the same records, one column per schema property), plus the first
 * 100,000 records of the same stream. About 10% of records are invalid, each with one realistic fault.
 * Files live under bench-data/ and are reused while the manifest's key (generator version and the
 * schema's content hash) still matches.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/registry/library.js';
import { resolveVersion } from '../src/registry/resolve.js';
import { isNhsNumber, isSctid, isUkPostcode } from '../src/validation/health-formats.js';

/** Bump when the generated records change. */
export const GENERATOR_VERSION = 3;
export const STANDARD = 'emergency-care-attendance';
export const VERSION = '2.0.0';
export const SIZES = [100_000, 1_000_000] as const;
const SEED = 0x5eed_2025;
const INVALID_RATE = 0.1;
/** Records (0-based) written as a line cut short: malformed JSON in NDJSON, a short row in CSV. */
const CUT_SHORT = (i: number): boolean => i % 200_000 === 77_777;

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(ROOT, 'bench-data');
export const sizeName = (records: number): string => (records >= 1e6 ? `${records / 1e6}M` : `${records / 1e3}k`);
export const dataFile = (records: number, ext: 'ndjson' | 'csv'): string => join(DATA_DIR, `eca-${sizeName(records)}.${ext}`);

export interface Manifest {
  key: string;
  header: string[];
  /** Bytes of each file, so a file cut short or replaced is noticed. */
  bytes: Record<string, number>;
  /** Per size: records written and how many the generator made invalid (faults by kind). */
  sizes: Record<string, { records: number; invalid: number; faults: Record<string, number> }>;
}

/** A small seeded generator, so the benchmark files are the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Codes: chief complaint, acuity, discharge destination and status as in examples/2.0.0.yaml (plus the
// two remaining ECDS acuity levels and "treatment completed"); each is checked with the engine's isSctid.
const CHIEF_COMPLAINTS = ['29857009', '25064002', '21522001'];
const ACUITY = ['1064891000000107', '1064911000000105', '1064901000000108', '1077241000000103', '1077251000000100'];
const TO_WARD = '306706006',
  HOME = '306689006',
  TRANSFER = '19712007';
const LEFT_BEFORE_ASSESSMENT = '1066301000000103',
  TREATMENT_COMPLETED = '182992009';
const ETHNIC = ['A', 'A', 'A', 'A', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', '99'];
/** Provider trusts (ODS), their emergency department sites and local postcode areas. */
const PROVIDERS = [
  { ods: 'RH8', sites: ['RH801', 'RH802'], areas: ['EX', 'TQ'] },
  { ods: 'RK9', sites: ['RK950'], areas: ['PL', 'TQ'] },
  { ods: 'RR8', sites: ['RR801', 'RR813'], areas: ['LS', 'WF'] },
  { ods: 'RTH', sites: ['RTH08', 'RTH02'], areas: ['OX'] },
  { ods: 'RJ1', sites: ['RJ121'], areas: ['SE'] },
  { ods: 'R0A', sites: ['R0A02', 'R0A66'], areas: ['M'] },
  { ods: 'RRK', sites: ['RRK97', 'RRK15'], areas: ['B'] },
  { ods: 'RA7', sites: ['RA701', 'RA773'], areas: ['BS'] },
  { ods: 'RTD', sites: ['RTD01', 'RTD02'], areas: ['NE'] },
  { ods: 'RHQ', sites: ['RHQNG'], areas: ['S'] },
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** Rough shares of arrival modes by code; a code the schema adds later gets a small share. */
const ARRIVAL_SHARE: Record<string, number> = {
  '1048071000000103': 55, // own transport
  '1048031000000100': 25, // emergency road ambulance
  '1048061000000105': 7, // public transport
  '1048041000000109': 3, // emergency road ambulance with medical escort
  '1048021000000102': 3, // non-emergency road ambulance
  '1048001000000106': 3, // police transport
  '1048051000000107': 1, // helicopter air ambulance
  '1047991000000102': 0.5, // prison transport
  '1048081000000101': 0.2, // medical repatriation air ambulance
};
const UNKNOWN_ARRIVAL_MODE = '22298006'; // a valid SCTID (myocardial infarction), not an arrival mode
const BAD_CHECK_COMPLAINT = '29857008'; // chest pain with a wrong Verhoeff digit

const FAULTS = ['nhs-check-digit', 'unknown-code', 'departure-before-start', 'missing-required', 'bad-postcode', 'bad-date-time'] as const;
type Fault = (typeof FAULTS)[number] | 'cut-short';

type Rec = Record<string, string | undefined>;

export class Generator {
  private readonly random = mulberry32(SEED);
  private readonly bstCache = new Map<number, [number, number]>();
  private arrivalCumulative: number[] = [];

  constructor(
    private readonly arrivalModes: string[],
    private readonly categories: string[],
  ) {
    let total = 0;
    for (const code of arrivalModes) this.arrivalCumulative.push((total += ARRIVAL_SHARE[code] ?? 0.5));
    this.arrivalCumulative = this.arrivalCumulative.map((c) => c / total);
  }

  arrivalMode(): string {
    const r = this.random();
    const index = this.arrivalCumulative.findIndex((c) => r < c);
    return this.arrivalModes[index === -1 ? this.arrivalModes.length - 1 : index]!;
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Male, female, not known (X) and, rarely, indeterminate (9). */
  gender(): string {
    const r = this.random();
    return r < 0.48 ? '1' : r < 0.97 ? '2' : r < 0.995 ? 'X' : '9';
  }

  nhsNumber(): string {
    for (;;) {
      let digits = String(4 + this.int(6)); // issued numbers start 4 to 9 in England and Wales
      for (let i = 1; i < 9; i++) digits += String(this.int(10));
      let total = 0;
      for (let i = 0; i < 9; i++) total += (digits.charCodeAt(i) - 48) * (10 - i);
      let check = 11 - (total % 11);
      if (check === 11) check = 0;
      if (check !== 10) return digits + String(check);
    }
  }

  postcode(areas: readonly string[]): string {
    const r = this.random();
    if (r < 0.015) return 'ZZ99 3VZ';
    if (r < 0.025) return 'ZZ99 3WZ';
    const inward = String(this.int(10)) + this.pick([...INWARD_LETTERS]) + this.pick([...INWARD_LETTERS]);
    return `${this.pick(areas)}${1 + this.int(20)} ${inward}`;
  }

  /** UK summer time: from 01:00 UTC on the last Sunday of March to the last Sunday of October. */
  private isBst(ms: number): boolean {
    const year = new Date(ms).getUTCFullYear();
    let range = this.bstCache.get(year);
    if (!range) {
      const lastSunday = (month: number): number => {
        const end = new Date(Date.UTC(year, month + 1, 0, 1));
        return end.getTime() - end.getUTCDay() * 86_400_000;
      };
      range = [lastSunday(2), lastSunday(9)];
      this.bstCache.set(year, range);
    }
    return ms >= range[0] && ms < range[1];
  }

  /** UK local time with its offset: +01:00 in summer, Z or +00:00 in winter. */
  dateTime(ms: number): string {
    const bst = this.isBst(ms);
    const local = new Date(ms + (bst ? 3_600_000 : 0)).toISOString().slice(0, 19);
    return local + (bst ? '+01:00' : this.chance(0.5) ? 'Z' : '+00:00');
  }

  record(i: number): { record: Rec; fault: Fault | undefined } {
    const provider = this.pick(PROVIDERS);
    const start = Date.UTC(2024, 0, 1) + this.int(548 * 24 * 60) * 60_000; // 2024-01-01 to 2025-07-01
    const ageDays = this.int(this.chance(0.2) ? 18 * 365 : 95 * 365);
    const category = this.chance(0.9) ? this.categories[0]! : this.pick(this.categories);
    const r: Rec = {
      attendanceId: `${provider.ods}A${String(i + 1).padStart(7, '0')}`,
      providerOdsCode: provider.ods,
      siteOdsCode: this.pick(provider.sites),
      nhsNumber: this.chance(0.97) ? this.nhsNumber() : undefined,
      dateOfBirth: this.chance(0.98) ? new Date(start - ageDays * 86_400_000).toISOString().slice(0, 10) : undefined,
      postcode: this.chance(0.96) ? this.postcode(provider.areas) : undefined,
      personStatedGender: this.gender(),
      ethnicCategory: this.pick(ETHNIC),
      attendanceCategory: category,
      arrivalMode: this.arrivalMode(),
      activityStartDateTime: this.dateTime(start),
    };
    let last = start;
    if (this.chance(0.04)) {
      r.dischargeStatus = LEFT_BEFORE_ASSESSMENT;
      r.departureDateTime = this.dateTime(last + (30 + this.int(240)) * 60_000);
    } else {
      last += this.int(60) * 60_000;
      r.initialAssessmentDateTime = this.dateTime(last);
      r.acuity = this.pick(ACUITY);
      r.chiefComplaint = this.pick(CHIEF_COMPLAINTS);
      if (this.chance(0.3)) {
        last += (30 + this.int(360)) * 60_000;
        r.decidedToAdmitDateTime = this.dateTime(last);
        r.dischargeDestination = TO_WARD;
      } else {
        r.dischargeDestination = this.chance(0.05) ? TRANSFER : HOME;
        if (this.chance(0.5)) r.dischargeStatus = TREATMENT_COMPLETED;
      }
      r.departureDateTime = this.dateTime(last + (10 + this.int(600)) * 60_000);
    }
    let fault: Fault | undefined;
    if (CUT_SHORT(i)) fault = 'cut-short';
    else if (this.chance(INVALID_RATE)) fault = this.spoil(r, start);
    return { record: r, fault };
  }

  /** Gives the record one realistic fault. */
  private spoil(r: Rec, start: number): Fault {
    const fault = this.pick(FAULTS);
    switch (fault) {
      case 'nhs-check-digit': {
        const nhs = r.nhsNumber ?? this.nhsNumber();
        r.nhsNumber = nhs.slice(0, 9) + String((Number(nhs[9]) + 1 + this.int(8)) % 10);
        if (isNhsNumber(r.nhsNumber)) r.nhsNumber = nhs.slice(0, 9) + String((Number(nhs[9]) + 1) % 10);
        break;
      }
      case 'unknown-code': {
        const what = this.int(3);
        if (what === 0) r.arrivalMode = UNKNOWN_ARRIVAL_MODE;
        else if (what === 1) r.chiefComplaint = BAD_CHECK_COMPLAINT;
        else r.ethnicCategory = 'I'; // there is no ethnic category I
        break;
      }
      case 'departure-before-start':
        delete r.decidedToAdmitDateTime;
        r.departureDateTime = this.dateTime(start - (5 + this.int(120)) * 60_000);
        break;
      case 'missing-required':
        delete r[this.pick(['arrivalMode', 'siteOdsCode', 'attendanceCategory', 'activityStartDateTime'])];
        break;
      case 'bad-postcode': {
        const options = ['LS1 4CP', 'EX12 5DWX', 'Q1 1AA', 'PL6 8D', 'SE1 7EHH'];
        r.postcode = this.pick(options);
        break;
      }
      case 'bad-date-time': {
        const iso = new Date(start).toISOString();
        const bad = [
          iso.slice(0, 19),
          `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`,
          `${iso.slice(0, 10)}T25:${iso.slice(14, 19)}Z`,
        ];
        r[this.chance(0.7) ? 'activityStartDateTime' : 'departureDateTime'] = this.pick(bad);
        break;
      }
    }
    return fault;
  }
}

/** Buffered writer to a temporary file, renamed into place when closed. */
export class Out {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(readonly file: string) {
    this.fd = openSync(`${file}.tmp`, 'w');
  }
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 4 << 20) this.flush();
  }
  private flush(): void {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function cutShort(line: string): string {
  return line.slice(0, line.lastIndexOf(',', line.length >> 1));
}

/** Makes the files unless present with the same key; returns the manifest. */
export async function ensureBenchData(log: (line: string) => void): Promise<Manifest> {
  const library = await loadLibrary(join(ROOT, 'standards'));
  const version = resolveVersion(library, STANDARD, VERSION);
  const properties = version.schema.properties as Record<string, { enum?: string[] }>;
  const header = Object.keys(properties);
  const key = `generator ${GENERATOR_VERSION}; ${STANDARD}@${VERSION} ${version.contentHash}`;
  const manifestFile = join(DATA_DIR, 'manifest.json');
  const files = SIZES.flatMap((n) => [dataFile(n, 'ndjson'), dataFile(n, 'csv')]);
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.key === key && files.every((f) => existsSync(f) && statSync(f).size === manifest.bytes?.[basename(f)])) {
      log(`bench-data: reusing ${files.length} files (${key})`);
      return manifest;
    }
  }
  for (const code of [...CHIEF_COMPLAINTS, ...ACUITY, TO_WARD, HOME, TRANSFER, LEFT_BEFORE_ASSESSMENT, TREATMENT_COMPLETED, UNKNOWN_ARRIVAL_MODE]) {
    if (!isSctid(code)) throw new Error(`generator code ${code} is not a valid SCTID`);
  }
  if (!isUkPostcode('LS1 4AP') || isUkPostcode('LS1 4CP')) throw new Error('postcode check changed');
  const arrivalModes = properties.arrivalMode?.enum;
  const categories = properties.attendanceCategory?.enum;
  if (!arrivalModes || !categories) throw new Error(`${STANDARD}@${VERSION} no longer lists arrivalMode and attendanceCategory codes`);

  mkdirSync(DATA_DIR, { recursive: true });
  const started = Date.now();
  const largest = Math.max(...SIZES);
  const outs = SIZES.map((n) => ({ n, ndjson: new Out(dataFile(n, 'ndjson')), csv: new Out(dataFile(n, 'csv')) }));
  const sizes: Manifest['sizes'] = {};
  for (const o of outs) {
    o.csv.write(`${header.join(',')}\n`);
    sizes[o.n] = { records: o.n, invalid: 0, faults: {} };
  }
  const generator = new Generator(arrivalModes, categories);
  for (let i = 0; i < largest; i++) {
    const { record, fault } = generator.record(i);
    const ordered: Rec = {};
    const cells: string[] = [];
    for (const name of header) {
      const value = record[name];
      if (value !== undefined) ordered[name] = value;
      cells.push(value ?? '');
    }
    let json = JSON.stringify(ordered);
    let row = cells.join(',');
    if (fault === 'cut-short') {
      json = cutShort(json);
      row = cutShort(row);
    }
    for (const o of outs) {
      if (i >= o.n) continue;
      o.ndjson.write(`${json}\n`);
      o.csv.write(`${row}\n`);
      if (fault) {
        const s = sizes[o.n]!;
        s.invalid++;
        s.faults[fault] = (s.faults[fault] ?? 0) + 1;
      }
    }
  }
  for (const o of outs) {
    o.ndjson.close();
    o.csv.close();
  }
  const bytes = Object.fromEntries(files.map((f) => [basename(f), statSync(f).size]));
  const manifest: Manifest = { key, header, bytes, sizes };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`bench-data: generated ${largest.toLocaleString('en-GB')} records in ${((Date.now() - started) / 1000).toFixed(1)} s (${key})`);
  return manifest;
}
