/**
 * A near miss is told how to fix it, in every face: the API's report, the web report page (one line per
 * distinct message of a field and rule) and the CLI all show the message findings.ts made, and none of
 * them shows the value.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from '../hostile/web-support.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

let t: TestApp;
let csv: string;
let dir: string;
const SPACED = '943 476 5919';
const TYPO = '9434765918';
const NHS = 'must be a valid NHS number (10 digits with a Modulus 11 check digit)';
const SPACED_MESSAGE = `${NHS}; it has spaces or dashes: write it as 10 digits with no spaces`;
const TYPO_MESSAGE = `${NHS}; its check digit (the last digit) does not match the first nine digits: a typing error?`;

beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  const sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
  const [header, first] = sample.split('\n') as [string, string];
  const column = header.split(',').indexOf('nhsNumber');
  const withNhs = (nhs: string, id: string) => {
    const cells = first.split(',');
    cells[column] = nhs;
    cells[0] = id;
    return cells.join(',');
  };
  csv = `${header}\n${withNhs(SPACED, 'RH8A0000101')}\n${withNhs(TYPO, 'RH8A0000102')}\n${withNhs(SPACED, 'RH8A0000103')}\n`;
  dir = await mkdtemp(join(tmpdir(), 'conform-hints-'));
  await writeFile(join(dir, 'near-misses.csv'), csv);
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a near miss is told how to fix it', () => {
  it('in the API report, the web report page and the CLI, never showing the value', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/emergency-care-attendance/versions/3.0.0/validate',
      payload: csv,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    const report = response.result as { submission: { id: string }; findings: { record: number; path: string; rule: string; message: string }[] };
    expect(report.findings.filter((f) => f.path === '/nhsNumber')).toEqual([
      expect.objectContaining({ record: 1, rule: 'format', message: SPACED_MESSAGE }),
      expect.objectContaining({ record: 2, rule: 'format', message: TYPO_MESSAGE }),
      expect.objectContaining({ record: 3, rule: 'format', message: SPACED_MESSAGE }),
    ]);
    expect(response.payload).not.toContain(SPACED);
    expect(response.payload).not.toContain(TYPO);

    // The web page lists each message of the /nhsNumber format group with its records, each at its line and spreadsheet row.
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const page = await t.server.inject({ method: 'GET', url: `/submissions/${report.submission.id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain(
      `<ul class="nhsuk-list nhsuk-list--bullet"><li>${SPACED_MESSAGE} (record 1 (line 2, row 2); record 3 (line 4, row 4))</li><li>${TYPO_MESSAGE} (record 2 (line 3, row 3))</li></ul>`,
    );
    expect(page.payload).not.toContain(SPACED);
    expect(page.payload).not.toContain(TYPO);

    // The CLI validates the same file with the same engine and shows the same messages.
    const c = captureIo(dir);
    expect(await main(['validate', 'near-misses.csv', '--standard', 'emergency-care-attendance@3.0.0'], c.io)).toBe(1);
    expect(c.out()).toContain(SPACED_MESSAGE);
    expect(c.out()).toContain(TYPO_MESSAGE);
    expect(c.out()).not.toContain(SPACED);
    expect(c.out()).not.toContain(TYPO);
  });
});
