/** `conform validate --period`: locally and with --server, the period in the text and JSON reports, and bad periods refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const fixtures = dirname(fileURLToPath(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url)));
const SAMPLE = 'emergency-care-attendance-sample.ndjson';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
});
afterAll(async () => t.stop());

describe('conform validate --period', () => {
  it('names the period in the report, judges timeliness by it, and shows validity first with FAILS', async () => {
    const c = captureIo(fixtures);
    expect(await main(['validate', SAMPLE, '--standard', 'emergency-care-attendance@2.0.0', '--period', '2025-02', '--scorecard'], c.io)).toBe(1);
    const out = c.out();
    // Lateness is said beside the scorecard, not scored: timeliness is judged as of the period's due date.
    expect(out).toMatch(
      /Reporting period 2025-02: 1 February 2025 to 28 February 2025, due by the end of 31 March 2025 \(this file arrived after the deadline: it arrived on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d(:\d\d)? (GMT|BST); that is reported here, not scored: timeliness judges each record's event as if the file had arrived by the deadline, so it can still read 100\)/,
    );
    expect(out).toContain('Validity 40.0 of 100 (records that pass the schema; gate 95.0): FAILS validity');
    expect(out).toMatch(/timeliness +60\.0 +10 +6 of 10 records on time \(deadline 30 days, against period 2025-02, due by the end of 31 March 2025\)/);
  });

  it('carries the period in the JSON report, locally and from the server alike, with the same timeliness', async () => {
    const local = captureIo(fixtures);
    await main(['validate', SAMPLE, '--standard', 'emergency-care-attendance@2.0.0', '--period', '2025-01', '--json'], local.io);
    const remote = captureIo(fixtures);
    await main(
      [
        'validate',
        SAMPLE,
        '--standard',
        'emergency-care-attendance@2.0.0',
        '--period',
        '2025-01',
        '--json',
        '--server',
        t.server.info.uri,
        '--token',
        t.tokens.supplier,
      ],
      remote.io,
    );
    const [a, b] = [JSON.parse(local.out()), JSON.parse(remote.out())] as {
      period: { id: string };
      scorecard: { dimensions: { timeliness: { score: number } } };
    }[];
    expect(a!.period).toMatchObject({ id: '2025-01', start: '2025-01-01', end: '2025-01-31', deadline: '2025-02-28' });
    expect(b!.period).toMatchObject({ id: '2025-01', start: '2025-01-01', end: '2025-01-31', deadline: '2025-02-28' });
    // Judged against the period's deadline, never the day it is validated or sent: its records on their merits.
    expect(a!.scorecard.dimensions.timeliness.score).toBe(70);
    expect(b!.scorecard.dimensions.timeliness.score).toBe(70);
  });

  it('exits 2 with the reason for a period it cannot read or of the wrong kind', async () => {
    const bad = captureIo(fixtures);
    expect(await main(['validate', SAMPLE, '--standard', 'emergency-care-attendance', '--period', '2025-13'], bad.io)).toBe(2);
    expect(bad.err()).toContain('conform: reporting period "2025-13": month 13 does not exist');
    const kind = captureIo(fixtures);
    expect(await main(['validate', SAMPLE, '--standard', 'emergency-care-attendance', '--period', '2024-25'], kind.io)).toBe(2);
    expect(kind.err()).toBe(
      'conform: the reporting period must be a month, e.g. 2026-11, as emergency-care-attendance is reported by month; "2024-25" is a financial year\n',
    );
    const remote = captureIo(fixtures);
    expect(
      await main(
        ['validate', SAMPLE, '--standard', 'emergency-care-attendance', '--period', '2024-25', '--server', t.server.info.uri, '--token', t.tokens.supplier],
        remote.io,
      ),
    ).toBe(2);
    expect(remote.err()).toContain('conform: the server did not validate the file (422): the reporting period must be a month');
  });
});
