/** The CLI against a server whose connection fails part-way: one line saying so, exit code 2, never a stack or the token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

const FILE = 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv';
const fixtures = dirname(fileURLToPath(new URL(`../fixtures/${FILE}`, import.meta.url)));
const TOKEN = 'cf_marker_token_never_printed';
const SUBMISSION = '0b0c6f8e-5c8e-4a57-9d0e-5d2f4b7c9a11';

/** A report the CLI accepts: a stored submission of one valid record, so --output ack fetches its BusAck. */
const REPORT = {
  standard: { id: 'immunisation-batch', version: '5.0.0', contentHash: 'x' },
  format: 'csv',
  gzip: false,
  valid: true,
  stats: { records: 1, valid: 1, invalid: 0, findings: 0, bytes: 10, seconds: 0 },
  findings: [],
  maxFindings: 1000,
  truncated: false,
  summary: [],
  summaryTruncated: false,
  submission: { id: SUBMISSION, createdAt: '2026-01-01T00:00:00.000Z' },
};

let server: Server;
let base: string;
/** Whether the server cuts its report short. */
let cutReport = false;
/** The last request's address and Content-Type. */
let sent: { url: string; type: string | undefined } | undefined;
const lastSent = () => sent;
beforeAll(async () => {
  server = createServer((req, res) => {
    sent = { url: req.url!, type: req.headers['content-type'] };
    req.resume();
    req.on('end', () => {
      if (cutReport && req.url!.includes('/validate')) {
        // Headers and half a report, then the connection is cut.
        res.writeHead(201, { 'content-type': 'application/json' });
        res.write('{"standard":{"id":"immunisation-batch"');
        setTimeout(() => res.socket!.destroy(), 50);
      } else if (req.url!.includes('/validate')) {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(REPORT));
      } else if (req.url === `/v1/submissions/${SUBMISSION}/busack.csv`) {
        // The acknowledgement's first line, then the connection is cut.
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('MESSAGE_HEADER_ID|HEADER_RESPONSE_CODE\n');
        setTimeout(() => res.socket!.destroy(), 50);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('conform validate --server when the connection fails part-way', () => {
  it('a report cut short: exit 2, one line naming the server and that the report did not arrive', async () => {
    const c = captureIo(fixtures);
    cutReport = true;
    const code = await main(['validate', FILE, '-s', 'immunisation-batch', '--server', base, '--token', TOKEN], c.io).finally(() => (cutReport = false));
    expect(code).toBe(2);
    expect(c.err()).toMatch(/^conform: the connection to http:\/\/127\.0\.0\.1:\d+ ended before the report arrived \(.+\); run the command again\n$/);
    expect(c.out()).toBe('');
  });

  it('an acknowledgement cut short: exit 2, and stderr says what was written is incomplete', async () => {
    const c = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--server', base, '--token', TOKEN, '--output', 'ack'], c.io)).toBe(2);
    expect(c.out()).toBe('MESSAGE_HEADER_ID|HEADER_RESPONSE_CODE\n');
    expect(c.err()).toMatch(/conform: the connection to http:\/\/127\.0\.0\.1:\d+ ended part-way through the BusAck \(.+\): what was written is incomplete/);
    expect(c.err()).not.toContain(TOKEN);
  });

  it('a server that is not there: cannot reach, exit 2', async () => {
    // A port that was just free: nothing listens there.
    const spare = createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((r) => spare.close(() => r()));
    const c = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--server', `http://127.0.0.1:${port}`, '--token', TOKEN], c.io)).toBe(2);
    expect(c.err()).toBe(
      `conform: cannot reach http://127.0.0.1:${port}: nothing answers at that address and port (ECONNREFUSED); is the server running, and is the port right?\n`,
    );
  });

  // It said "--server must be a URL such as http://localhost:3000", leaving the supplier to see what was missing.
  it('a server given without its scheme is told the URL it may mean, on every command that calls one', async () => {
    const cases: [string[], string][] = [
      [['validate', FILE, '-s', 'immunisation-batch', '--server', 'localhost:4400', '--token', TOKEN], 'did you mean http://localhost:4400?'],
      [['validate', FILE, '-s', 'immunisation-batch', '--server', 'conform.example/', '--token', TOKEN], 'did you mean https://conform.example/?'],
      [['types', '--all', '--out', 'unused', '--server', '127.0.0.1:4400'], 'did you mean http://127.0.0.1:4400?'],
    ];
    for (const [args, meant] of cases) {
      const c = captureIo(fixtures);
      expect(await main(args, c.io)).toBe(2);
      expect(c.err()).toBe(`conform: --server (or CONFORM_SERVER) must be a URL with its scheme: ${meant}\n`);
    }
    // Another scheme is refused before anything is sent, and a value holding a password is not repeated.
    const ftp = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--server', 'ftp://conform.example', '--token', TOKEN], ftp.io)).toBe(2);
    expect(ftp.err()).toBe(
      'conform: --server (or CONFORM_SERVER) must be an http:// or https:// URL, such as http://localhost:3000; ftp://conform.example is not one\n',
    );
    const secret = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--server', 'ftp://me:s3cret@conform.example', '--token', TOKEN], secret.io)).toBe(2);
    expect(secret.err()).not.toContain('s3cret');
  });

  it('a server name that does not exist says so in words', async () => {
    const c = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--server', 'http://no-such-host.invalid', '--token', TOKEN], c.io)).toBe(2);
    expect(c.err()).toMatch(
      /^conform: cannot reach http:\/\/no-such-host\.invalid: (no computer has that name \(ENOTFOUND\); check the server name|its name could not be looked up just now \(EAI_AGAIN\); check the network, then try again)\n$/,
    );
  });

  // fetch refuses a few ports before connecting, with no code on its cause: the line said "fetch failed".
  it('a port fetch refuses: says so, not "fetch failed"', async () => {
    const c = captureIo(fixtures);
    expect(await main(['validate', FILE, '-s', 'immunisation-batch', '--server', 'http://127.0.0.1:6000', '--token', TOKEN], c.io)).toBe(2);
    expect(c.err()).toBe('conform: cannot reach http://127.0.0.1:6000: fetch refuses this port (as browsers do: 1, 6000, 10080, …); serve on another port\n');
  });
});

describe('conform validate --server with a name that says no usual format', () => {
  const DAT = FILE.replace(/\.csv$/, '.dat');
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conform-dat-'));
    await copyFile(join(fixtures, FILE), join(dir, DAT));
    await copyFile(join(fixtures, FILE), join(dir, 'export.txt'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is not refused here: the file goes as application/octet-stream with its name, for the server to read by the version, and the server's report is printed", async () => {
    sent = undefined;
    const c = captureIo(dir);
    expect(await main(['validate', DAT, '-s', 'immunisation-batch', '--server', base, '--token', TOKEN, '--json'], c.io)).toBe(0);
    expect(lastSent()?.type).toBe('application/octet-stream');
    expect(new URL(lastSent()!.url, base).searchParams.get('filename')).toBe(DAT);
    expect(JSON.parse(c.out())).toMatchObject({ standard: { id: 'immunisation-batch' }, format: 'csv', stats: { records: 1 } });
  });

  it('is refused here, before anything is sent, when --file-name gives the server another name to tell the format by', async () => {
    sent = undefined;
    const c = captureIo(dir);
    const args = ['validate', 'export.txt', '-s', 'immunisation-batch', '--file-name', DAT, '--server', base, '--token', TOKEN];
    expect(await main(args, c.io)).toBe(2);
    expect(c.err()).toBe(
      'conform: cannot tell the format of "export.txt" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz), or give --format json|ndjson|csv\n',
    );
    expect(lastSent()).toBeUndefined();
  });
});

describe('conform validate --server with a workbook, an archive or UTF-16 text', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conform-binary-'));
    // A workbook saved under a .csv name (the signature of a zip, then bytes), and UTF-16 text.
    await writeFile(join(dir, 'attendances.csv'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]));
    await writeFile(join(dir, 'utf16.csv'), Buffer.from('\ufeffUNIQUE_ID|ACTION_FLAG\n', 'utf16le'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is refused here, in the local mode's words, before anything is sent", async () => {
    sent = undefined;
    const c = captureIo(dir);
    expect(await main(['validate', 'attendances.csv', '-s', 'immunisation-batch', '--server', base, '--token', TOKEN], c.io)).toBe(2);
    const local = captureIo(dir);
    expect(await main(['validate', 'attendances.csv', '-s', 'immunisation-batch'], local.io)).toBe(2);
    expect(c.err()).toBe(local.err());
    expect(c.err()).toMatch(
      /^conform: the submission cannot be read: the file is a zip archive \(an Excel \.xlsx workbook is one\), not text: save the sheet as CSV with the delimiter the standard uses/,
    );
    expect(lastSent()).toBeUndefined();
  });

  it('UTF-16 is refused before sending too; with --output infack the file still gets its Failure row', async () => {
    sent = undefined;
    const c = captureIo(dir);
    expect(await main(['validate', 'utf16.csv', '-s', 'immunisation-batch', '--server', base, '--token', TOKEN, '--output', 'infack'], c.io)).toBe(2);
    expect(c.err()).toContain('the file is UTF-16 encoded; save it as UTF-8');
    expect(c.out().split('\n')[1]).toMatch(/^conform\|Failure\|Fatal\|/);
    expect(lastSent()).toBeUndefined();
  });
});
