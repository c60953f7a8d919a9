/** `conform validate` on a national immunisation batch file: the file's name is checked, and --output ack writes the pipeline's shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FILE = 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv';
const fixtures = dirname(fileURLToPath(new URL(`../fixtures/${FILE}`, import.meta.url)));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
});
afterAll(async () => t.stop());

type Finding = { record: number; path: string; rule: string; severity: string };

describe('conform validate on an immunisation batch file', () => {
  it('--output ack lists the failed rows as the pipeline numbers them, with no record value', async () => {
    const c = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--output', 'ack'], c.io)).toBe(1);
    const lines = c.out().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^conform\^2\|Fatal Error\|Fatal\|Fatal Error\|30002\|Business\|30002\|Business Level Response Value - Processing Error\|\d{8}T\d{6}00\|\|\|\|"PERSON_SURNAME: missing required field/,
    );
    for (const value of ['4010230878', 'JO|', 'COVID-0002', 'LS1 4AP']) expect(c.out()).not.toContain(value);
  });

  it("checks the file's own name, or the one given with --file-name, locally and on the server alike", async () => {
    const own = captureIo(fixtures);
    await main(['validate', FILE, '-s', 'immunisation-batch', '--json'], own.io);
    expect((JSON.parse(own.out()) as { findings: Finding[] }).findings.filter((f) => f.rule === 'file-name')).toEqual([]);
    const renamed = ['validate', FILE, '-s', 'immunisation-batch', '--json', '--file-name', 'FLU_Vaccinations_v5_B86001_20240612T12000001.csv'];
    const local = captureIo(fixtures);
    await main(renamed, local.io);
    const remote = captureIo(fixtures);
    await main([...renamed, '--server', t.server.info.uri, '--token', t.tokens.supplier], remote.io);
    for (const c of [local, remote]) {
      const findings = (JSON.parse(c.out()) as { findings: Finding[] }).findings;
      expect(findings.filter((f) => f.rule === 'code-matches-file-type').map((f) => `${f.record} ${f.path} ${f.severity}`)).toEqual([
        '1 /VACCINATION_PROCEDURE_CODE warning',
        '1 /VACCINE_PRODUCT_CODE warning',
        '2 /VACCINATION_PROCEDURE_CODE warning',
        '4 /VACCINATION_PROCEDURE_CODE warning',
      ]);
    }
    const wrong = captureIo(fixtures);
    await main(
      ['validate', FILE, '-s', 'immunisation-batch', '--output', 'infack', '--file-name', 'COVID_Vaccination_v5_B86001_20240612T12000001.csv'],
      wrong.io,
    );
    expect(wrong.out().split('\n')[1]).toMatch(/^conform\|Failure\|Fatal\|/);
  });

  it('--output ack lists every failed row however small --max-findings is: 50 failed rows, 50 ack rows, numbered as the pipeline numbers data rows', async () => {
    const [header, good, bad] = readFileSync(join(fixtures, FILE), 'utf8').split('\n') as [string, string, string];
    const lines = [header];
    const failed: number[] = [];
    for (let n = 1; n <= 100; n++) {
      if (n % 7 === 0) lines.push(''); // blank lines are not rows
      // Each good row a NEW of its own identifier: a NEW repeating one is a duplicate (6.0.0).
      lines.push(n % 2 === 0 ? good.replace('"COVID-0001"', `"COVID-0001-${n}"`) : bad);
      if (n % 2 !== 0) failed.push(n);
    }
    const dir = mkdtempSync(join(tmpdir(), 'conform-ack-'));
    writeFileSync(join(dir, FILE), lines.join('\n') + '\n');
    const c = captureIo(dir);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--output', 'ack', '--max-findings', '5'], c.io)).toBe(1);
    const rows = c.out().trimEnd().split('\n').slice(1);
    expect(rows.map((row) => row.split('|')[0])).toEqual(failed.map((n) => `conform^${n}`));
    expect(new Set(rows.map((row) => row.split('|')[12])).size).toBe(1);
    expect(c.err()).not.toContain('acknowledgement');
    // On the server: the stored submission's BusAck, every failed row, numbered under its id.
    const remote = captureIo(dir);
    const remoteArgs = ['validate', FILE, '-s', 'immunisation-batch', '--max-findings', '5', '--server', t.server.info.uri, '--token', t.tokens.supplier];
    expect(await main([...remoteArgs, '--output', 'ack'], remote.io)).toBe(1);
    const remoteRows = remote.out().trimEnd().split('\n').slice(1);
    const id = remoteRows[0]!.split('^')[0]!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(remoteRows.map((row) => row.split('|')[0])).toEqual(failed.map((n) => `${id}^${n}`));
    const remoteInf = captureIo(dir);
    await main([...remoteArgs, '--output', 'infack'], remoteInf.io);
    expect(remoteInf.out().split('\n')[1]).toMatch(/^[0-9a-f-]{36}\|Success\|/);
    // A trial stores nothing, but the server holds its row outcomes and names its BusAck (trial.busAckUrl):
    // every failed row, numbered under the trial id, though the findings cap was 5.
    const trial = captureIo(dir);
    expect(await main([...remoteArgs, '--trial', '--output', 'ack'], trial.io)).toBe(1);
    const trialRows = trial.out().trimEnd().split('\n').slice(1);
    const trialId = trialRows[0]!.split('^')[0]!;
    expect(trialId).toMatch(/^[0-9a-f-]{36}$/);
    expect(trialId).not.toBe(id);
    expect(trialRows.map((row) => row.split('|')[0])).toEqual(failed.map((n) => `${trialId}^${n}`));
    expect(trial.out()).not.toContain('this acknowledgement is incomplete');
    expect(trial.err()).not.toContain('--max-findings');
    expect(trial.err()).not.toContain('names no');
    // Its InfAck from trial.infAckUrl: numbered under the trial id too.
    const trialInf = captureIo(dir);
    expect(await main([...remoteArgs, '--trial', '--output', 'infack'], trialInf.io)).toBe(1);
    expect(trialInf.out().split('\n')[1]).toMatch(/^[0-9a-f-]{36}\|Success\|/);
    const json = captureIo(dir);
    await main(['validate', FILE, '-s', 'immunisation-batch', '--json', '--max-findings', '5'], json.io);
    expect(JSON.parse(json.out())).not.toHaveProperty('outcomes');
  });
});

describe("conform validate --output ack-json: the BusAck in the pipeline's JSON form, beside --output ack", () => {
  it('the same rows as --output ack, locally, stored and trial, with totals from the whole report', async () => {
    const ids = (busAck: string) =>
      busAck
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split('|')[0]!.split('^')[1]));
    type Json = {
      messageHeaderId: string;
      filename: string;
      summary: { totalRecords: number; succeeded: number; failed: number };
      failures: { rowId: number }[];
    };
    const server = ['--server', t.server.info.uri, '--token', t.tokens.supplier];
    for (const remote of [[], server, [...server, '--trial']]) {
      const csv = captureIo(fixtures);
      expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--max-findings', '1', ...remote, '--output', 'ack'], csv.io)).toBe(1);
      const json = captureIo(fixtures);
      expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--max-findings', '1', ...remote, '--output', 'ack-json'], json.io)).toBe(1);
      const body = JSON.parse(json.out()) as Json;
      expect(body.failures.map((f) => f.rowId)).toEqual(ids(csv.out()));
      expect(body.failures.map((f) => f.rowId)).toEqual([2]);
      expect(body).toMatchObject({ filename: 'COVID_Vaccinations_v5_B86001_20240612T12000001', summary: { totalRecords: 4, succeeded: 3, failed: 1 } });
      if (remote.length === 0) expect(body.messageHeaderId).toBe('conform');
      else expect(body.messageHeaderId).toMatch(/^[0-9a-f-]{36}$/);
      for (const value of ['4010230878', 'COVID-0002', 'LS1 4AP']) expect(json.out()).not.toContain(value);
    }
    // A file without a BusAck: none, and why on stderr, as under --output ack.
    const bad = captureIo(fixtures);
    await main(['validate', FILE, '-s', 'immunisation-batch', '--output', 'ack-json', '--file-name', 'COVID_Vaccinations_v5_B8_20240612T12000001.csv'], bad.io);
    expect(bad.out()).toBe('');
    expect(bad.err()).toContain('conform: no BusAck: the file failed its file-level checks');
  });
});

describe('conform validate --output ack on a file without a BusAck: failed at file level, or empty (the pipeline writes none)', () => {
  const text = readFileSync(join(fixtures, FILE), 'utf8');
  const BAD_NAME = 'COVID_Vaccination_v5_B86001_20240612T12000001.csv';
  const RECORD_VALUES = ['4010230878', 'LS1 4AP', 'COVID-0002', 'PERSON_SURNAME|'];
  const server = () => ['--server', t.server.info.uri, '--token', t.tokens.supplier];

  it('a name that fails the convention: no BusAck at all (locally, stored, trial), why on stderr, the exit code as for any output; its InfAck the Failure', async () => {
    const args = ['validate', FILE, '-s', 'immunisation-batch', '--file-name', BAD_NAME];
    const json = captureIo(fixtures);
    const code = await main([...args, '--json'], json.io);
    expect(code).toBe(1);
    for (const remote of [[], server(), [...server(), '--trial']]) {
      const bus = captureIo(fixtures);
      expect(await main([...args, ...remote, '--output', 'ack'], bus.io)).toBe(code);
      expect(bus.out()).toBe('');
      expect(bus.err()).toContain('conform: no BusAck: the file failed its file-level checks');
      expect(bus.err()).toContain('writes no BusAck for it (--output infack gives its InfAck)');
      const inf = captureIo(fixtures);
      expect(await main([...args, ...remote, '--output', 'infack'], inf.io)).toBe(code);
      expect(inf.out().split('\n')[1]).toMatch(/^(conform|[0-9a-f-]{36})\|Failure\|Fatal\|/);
      for (const value of RECORD_VALUES) expect(bus.err() + inf.err() + bus.out() + inf.out()).not.toContain(value);
    }
  });

  it('with --max-findings 0 (no finding about a record kept): the report still keeps the file-name finding, so no BusAck locally, stored or trial; the InfAck a Failure', async () => {
    const args = ['validate', FILE, '-s', 'immunisation-batch', '--file-name', BAD_NAME, '--max-findings', '0'];
    for (const remote of [[], server(), [...server(), '--trial']]) {
      const json = captureIo(fixtures);
      expect(await main([...args, ...remote, '--json'], json.io)).toBe(1);
      const report = JSON.parse(json.out()) as { findings: Finding[]; truncated: boolean; maxFindings: number };
      expect(report.maxFindings).toBe(0);
      // Only findings about the file itself: its name, and (this fixture) its rows of more or fewer cells.
      expect(report.findings.map((f) => `${f.record} ${f.rule} ${f.severity}`)).toEqual(['0 file-name error', '0 csv-columns warning']);
      expect(report.truncated).toBe(true);
      const bus = captureIo(fixtures);
      expect(await main([...args, ...remote, '--output', 'ack'], bus.io)).toBe(1);
      expect(bus.out()).toBe('');
      expect(bus.err()).toContain('conform: no BusAck: the file failed its file-level checks');
      const inf = captureIo(fixtures);
      expect(await main([...args, ...remote, '--output', 'infack'], inf.io)).toBe(1);
      expect(inf.out().split('\n')[1]).toMatch(/^(conform|[0-9a-f-]{36})\|Failure\|Fatal\|/);
      for (const value of RECORD_VALUES) expect(bus.err() + inf.err() + bus.out() + inf.out()).not.toContain(value);
    }
  });

  it('an empty file (its header alone): no BusAck, why on stderr; its InfAck a Success', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conform-empty-'));
    writeFileSync(join(dir, FILE), `${text.split('\n')[0]}\n`);
    for (const remote of [[], server()]) {
      const bus = captureIo(dir);
      await main(['validate', FILE, '-s', 'immunisation-batch', ...remote, '--output', 'ack'], bus.io);
      expect(bus.out()).toBe('');
      expect(bus.err()).toContain('conform: no BusAck: the file has no records');
      expect(bus.err()).toContain('Not processed - Empty file');
      const inf = captureIo(dir);
      await main(['validate', FILE, '-s', 'immunisation-batch', ...remote, '--output', 'infack'], inf.io);
      expect(inf.out().split('\n')[1]).toMatch(/^(conform|[0-9a-f-]{36})\|Success\|/);
    }
  });

  it('a byte Windows-1252 has no character for (0x8D): the file fails, locally, stored and trial alike; no BusAck, why on stderr; its InfAck the Failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conform-undefined-byte-'));
    const bytes = Buffer.from(text.replace('"PRICE"', '"PRI\u008dCE"'), 'latin1'); // 0x8D in row 1, line 2
    writeFileSync(join(dir, FILE), bytes);
    for (const remote of [[], server(), [...server(), '--trial']]) {
      const json = captureIo(dir);
      expect(await main(['validate', FILE, '-s', 'immunisation-batch', ...remote, '--json'], json.io)).toBe(1);
      const findings = (JSON.parse(json.out()) as { findings: (Finding & { line: number; message: string })[] }).findings;
      expect(findings.filter((f) => f.rule === 'encoding')).toEqual([
        expect.objectContaining({
          record: 0,
          line: 2,
          severity: 'error',
          message: expect.stringMatching(/^record 1 \(line 2\) holds the byte 0x8D, which Windows-1252 has no character for: /),
        }),
      ]);
      const bus = captureIo(dir);
      expect(await main(['validate', FILE, '-s', 'immunisation-batch', ...remote, '--output', 'ack'], bus.io)).toBe(1);
      expect(bus.out()).toBe('');
      expect(bus.err()).toContain('conform: no BusAck: the file holds a byte that neither UTF-8 nor Windows-1252 reads');
      const inf = captureIo(dir);
      await main(['validate', FILE, '-s', 'immunisation-batch', ...remote, '--output', 'infack'], inf.io);
      expect(inf.out().split('\n')[1]).toMatch(/^(conform|[0-9a-f-]{36})\|Failure\|Fatal\|/);
      for (const value of [...RECORD_VALUES, 'PRICE', 'PRI\uFFFDCE', 'PRI\u008dCE']) expect(json.out() + bus.err() + inf.out()).not.toContain(value);
    }
  });

  it('--trial --server on a server that names no BusAck for the trial (a standard without a file-name convention): written from the findings, and stderr says so', async () => {
    const c = captureIo(fixtures);
    await main(['validate', 'emergency-care-attendance-sample.csv', '-s', 'emergency-care-attendance', ...server(), '--trial', '--output', 'ack'], c.io);
    expect(c.out().split('\n')[0]).toMatch(/^MESSAGE_HEADER_ID\|/);
    expect(c.err()).toContain(
      "conform: the server names no BusAck for this trial report (an older server, or a standard without a file-name convention): it is written here from the report's findings",
    );
  });
});

describe('conform validate --output infack|ack on a file that cannot be read at all', () => {
  const text = readFileSync(join(fixtures, FILE), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'conform-unreadable-'));
  // UTF-16 with its byte-order mark, as a spreadsheet's "Unicode text" saves it.
  const utf16 = 'utf16/' + FILE;
  // A gzip whose deflate data is damaged half way: some records inflate before the error.
  const gzipped = 'gz/' + FILE + '.gz';
  const write = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  };
  write(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.repeat(20), 'utf16le')]));
  const gz = gzipSync(Buffer.from(text.repeat(200)));
  for (let i = Math.floor(gz.length / 2); i < Math.floor(gz.length / 2) + 64; i++) gz[i] = gz[i]! ^ 0xa5;
  write(gzipped, gz);
  const RECORD_VALUES = ['4010230878', 'LS1 4AP', 'COVID-0002', 'PERSON_SURNAME|'];
  const FAILURE =
    /^conform\|Failure\|Fatal\|Fatal Error\|10001\|Technical\|10002\|Infrastructure Level Response Value - Processing Error\|(\d{8}T\d{6}00)\|\|\|False$/;

  it.each([
    [utf16, 'the file is UTF-16 encoded; save it as UTF-8'],
    [gzipped, 'the gzip data is corrupt or cut short'],
  ])('%s: the InfAck Failure row on stdout, the problem on stderr, exit 2', async (file, problem) => {
    const c = captureIo(dir);
    const before = Date.now();
    expect(await main(['validate', file, '-s', 'immunisation-batch', '--output', 'infack', '--file-name', FILE], c.io)).toBe(2);
    const lines = c.out().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'MESSAGE_HEADER_ID|HEADER_RESPONSE_CODE|ISSUE_SEVERITY|ISSUE_CODE|ISSUE_DETAILS_CODE|RESPONSE_TYPE|RESPONSE_CODE|RESPONSE_DISPLAY|RECEIVED_TIME|MAILBOX_FROM|LOCAL_ID|MESSAGE_DELIVERY',
    );
    expect(lines[2]).toBe('');
    const received = FAILURE.exec(lines[1]!)?.[1];
    expect(received).toBeDefined();
    // RECEIVED_TIME is when the file was received, as for a readable file: this run's time (UTC, to the second).
    const at = Date.UTC(
      +received!.slice(0, 4),
      +received!.slice(4, 6) - 1,
      +received!.slice(6, 8),
      +received!.slice(9, 11),
      +received!.slice(11, 13),
      +received!.slice(13, 15),
    );
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(c.err()).toContain(`conform: the submission cannot be read: ${problem}`);
    for (const value of RECORD_VALUES) {
      expect(c.err()).not.toContain(value);
      expect(c.out()).not.toContain(value);
    }
  });

  it('--output ack: no BusAck at all (the pipeline writes none for a file it cannot read), the problem and why on stderr, exit 2', async () => {
    for (const file of [utf16, gzipped]) {
      const c = captureIo(dir);
      expect(await main(['validate', file, '-s', 'immunisation-batch', '--output', 'ack', '--file-name', FILE], c.io)).toBe(2);
      expect(c.out()).toBe('');
      expect(c.err()).toContain('conform: the submission cannot be read: ');
      expect(c.err()).toContain('no BusAck: the pipeline writes none for a file it cannot read');
      for (const value of RECORD_VALUES) expect(c.err()).not.toContain(value);
    }
  });

  it('with --server: the file is refused (by its first bytes before sending, or by the service) and nothing is stored, and the CLI answers it alike (InfAck Failure; no BusAck), exit 2', async () => {
    const remote = ['-s', 'immunisation-batch', '--file-name', FILE, '--server', t.server.info.uri, '--token', t.tokens.supplier];
    // UTF-16 is told from the file's first bytes, so the CLI refuses it before sending; a corrupt gzip only the service can find.
    for (const [file, refusedBy] of [
      [utf16, 'conform: the submission cannot be read: the file is UTF-16 encoded'],
      [gzipped, 'conform: the server did not validate the file (400): the submission cannot be read: '],
    ] as const) {
      const inf = captureIo(dir);
      expect(await main(['validate', file, ...remote, '--output', 'infack'], inf.io)).toBe(2);
      expect(inf.out().split('\n')[1]).toMatch(FAILURE);
      expect(inf.err()).toContain(refusedBy);
      const bus = captureIo(dir);
      expect(await main(['validate', file, ...remote, '--trial', '--output', 'ack'], bus.io)).toBe(2);
      expect(bus.out()).toBe('');
      expect(bus.err()).toContain('no BusAck');
      for (const value of RECORD_VALUES) expect(inf.err() + bus.err()).not.toContain(value);
    }
  });

  it('other outputs are unchanged: the problem on stderr, nothing on stdout, exit 2', async () => {
    const c = captureIo(dir);
    expect(await main(['validate', utf16, '-s', 'immunisation-batch', '--json'], c.io)).toBe(2);
    expect(c.out()).toBe('');
    expect(c.err()).toBe('conform: the submission cannot be read: the file is UTF-16 encoded; save it as UTF-8\n');
  });
});
