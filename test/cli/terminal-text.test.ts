/**
 * Text from elsewhere (a server's report and problems, an author's titles and messages) reaches a
 * person's terminal as text: never as an escape sequence, a carriage return or a bidirectional override.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main } from '../../src/cli/main.js';
import { terminalText } from '../../src/cli/terminal-text.js';
import { captureIo } from '../support/cli-io.js';

const FILE = 'COVID_Vaccinations_v5_B86001_20240612T12000001.csv';
const fixtures = dirname(fileURLToPath(new URL(`../fixtures/${FILE}`, import.meta.url)));
/** Clear the screen, set the window title, a bell, a carriage return, a right-to-left override. */
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007 ok\rX \u202etxt.exe';
// eslint-disable-next-line no-control-regex
const CONTROL_OR_OVERRIDE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const REPORT = {
  standard: { id: 'immunisation-batch', version: '5.0.0', contentHash: 'x' },
  format: 'csv',
  gzip: false,
  valid: false,
  stats: { records: 1, valid: 0, invalid: 1, findings: 1, bytes: 10, seconds: 0 },
  findings: [{ record: 1, line: 2, row: 2, path: '/NHS_NUMBER', rule: 'format', message: `bad ${HOSTILE}`, severity: 'error' }],
  maxFindings: 1000,
  truncated: false,
  summary: [{ path: '/NHS_NUMBER', rule: 'format', severity: 'error', count: 1, firstRecords: [1], firstLines: [2], firstRows: [2] }],
  summaryTruncated: false,
  fieldTitles: { '/NHS_NUMBER': `NHS number ${HOSTILE}` },
  warnings: [`deprecated ${HOSTILE}`],
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url!.includes('/validate')) {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(REPORT));
      } else {
        res.writeHead(422, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Unprocessable', status: 422, detail: `refused ${HOSTILE}`, errors: [{ pointer: '/x', detail: `item ${HOSTILE}` }] }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('terminalText', () => {
  it('writes controls, format and bidirectional characters and lone surrogates as \\u escapes, keeping line ends, tabs and other text', () => {
    expect(terminalText('a\u001b[31mb\rc\u0007d\u009be\u202ef\u2028g\ud800h')).toBe('a\\u001b[31mb\\u000dc\\u0007d\\u009be\\u202ef\\u2028g\\ud800h');
    expect(terminalText('line one\n\tline two: é ± 😀 Ω')).toBe('line one\n\tline two: é ± 😀 Ω');
  });
});

describe('conform validate --server, a hostile report', () => {
  it('prints its messages, field labels and warnings as text, with no terminal control in either output', async () => {
    const c = captureIo(fixtures);
    const code = await main(['validate', FILE, '-s', 'immunisation-batch', '--server', base, '--token', 'cfm_x'], c.io);
    expect(code).toBe(1);
    expect(c.out()).toContain('bad \\u001b[2J\\u001b]0;pwned\\u0007 ok\\u000dX \\u202etxt.exe');
    // A label is cleaned before it is shown (field-label.ts): its controls dropped or made spaces.
    expect(c.out()).toContain('NHS number [2J ]0;pwned ok X txt.exe');
    expect(c.err()).toContain('warning: deprecated \\u001b[2J');
    expect(c.out()).not.toMatch(CONTROL_OR_OVERRIDE);
    expect(c.err()).not.toMatch(CONTROL_OR_OVERRIDE);
  });

  it('a refused publish: the problem and its items printed as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conform-terminal-'));
    writeFileSync(join(dir, 'schema.yaml'), 'type: object\n');
    const c = captureIo(dir);
    const code = await main(['publish', 'schema.yaml', '--standard', 'hostile', '--version', '1.0.0', '--server', base, '--token', 'cfm_x'], c.io);
    expect(code).toBe(1);
    expect(c.err()).toContain('the server refused the publish (422): refused \\u001b[2J');
    expect(c.err()).toContain('/x: item \\u001b[2J');
    expect(c.err()).not.toMatch(CONTROL_OR_OVERRIDE);
  });
});
