/** `conform validate --trial --server`: the service's trial operation, which returns the report and stores nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { main } from '../../src/cli/main.js';
import { trialAddress } from '../../src/cli/format-report.js';
import type { Report } from '../../src/validation/report-types.js';
import { captureIo } from '../support/cli-io.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const fixtures = dirname(fileURLToPath(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url)));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
});
afterAll(async () => t.stop());

const args = (...extra: string[]) => [
  'validate',
  'emergency-care-attendance-sample.csv',
  '--standard',
  'emergency-care-attendance@3.0.0',
  '--json',
  '--server',
  t.server.info.uri,
  '--token',
  t.tokens.supplier,
  ...extra,
];

describe('conform validate --trial', () => {
  it('prints the full report from the server and leaves no submission behind', async () => {
    const before = (await t.app.store.listSubmissions({ limit: 100 })).length;
    const trial = captureIo(fixtures);
    await main(args('--trial', '--period', '2024-07'), trial.io);
    const report = JSON.parse(trial.out()) as { submission?: unknown; stats: { records: number }; period: { id: string }; trial: { url: string } };
    expect(report.stats.records).toBe(10);
    // The server holds the report for a while at its address (never stored).
    expect(report.trial.url).toMatch(/^\/v1\/trials\/[0-9a-f-]{36}$/);
    expect(report.period.id).toBe('2024-07');
    expect(report.submission).toBeUndefined();
    expect((await t.app.store.listSubmissions({ limit: 100 })).length).toBe(before);

    const submitted = captureIo(fixtures);
    await main(args('--period', '2024-07'), submitted.io);
    expect((JSON.parse(submitted.out()) as { submission: { id: string } }).submission.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.app.store.listSubmissions({ limit: 100 })).length).toBe(before + 1);
  });

  it("in text, ends with the held report's address on the server and how long it is held; the address answers that report", async () => {
    const text = captureIo(fixtures);
    await main(
      args('--trial', '--period', '2024-07').filter((a) => a !== '--json'),
      text.io,
    );
    const out = text.out();
    expect(out).toMatch(/^emergency-care-attendance@3\.0\.0 {2}emergency-care-attendance-sample\.csv/);
    const base = t.server.info.uri.replace(/\/$/, '');
    const m = new RegExp(
      `\\nTrial run, nothing stored\\. The server holds its report for 60 minutes \\(until (\\S+)\\), for the organisation that ran it only:\\n {2}(${base}/v1/trials/[0-9a-f-]{36})\\n$`,
    ).exec(out);
    expect(m, out).not.toBeNull();
    const [, until, url] = m!;
    expect(Date.parse(until!) - Date.now()).toBeGreaterThan(59 * 60_000);
    const held = await fetch(url!, { headers: { authorization: `Bearer ${t.tokens.supplier}` } });
    expect(held.status).toBe(200);
    const report = (await held.json()) as { trial: { expiresAt: string; url: string }; stats: { records: number }; period: { id: string } };
    expect(report.trial.expiresAt).toBe(until);
    expect(new URL(report.trial.url, base).href).toBe(url);
    expect(report.stats.records).toBe(10);
    expect(report.period.id).toBe('2024-07');
    // A submission (stored, not held) prints no trial address.
    const submitted = captureIo(fixtures);
    await main(
      args().filter((a) => a !== '--json'),
      submitted.io,
    );
    expect(submitted.out()).not.toContain('Trial run');
    expect(submitted.out()).not.toContain('/v1/trials/');
  });

  it('--no-mapping validates the header as it is, where the saved mapping would rename it', async () => {
    const response = await t.app.server.inject({
      method: 'PUT',
      url: '/v1/standards/emergency-care-attendance/column-mappings',
      payload: JSON.stringify({ columns: { attendanceId: 'nhsNumber', nhsNumber: 'attendanceId' } }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.tokens.supplier}` },
    });
    expect(response.statusCode).toBe(201);
    const mapped = captureIo(fixtures);
    await main(args('--trial'), mapped.io);
    expect((JSON.parse(mapped.out()) as { columnMapping?: { renamed: unknown[] } }).columnMapping?.renamed).toHaveLength(2);
    const plain = captureIo(fixtures);
    await main(args('--trial', '--no-mapping'), plain.io);
    expect((JSON.parse(plain.out()) as { columnMapping?: unknown }).columnMapping).toBeUndefined();
  });
});

describe("the trial report's address in text", () => {
  const held = (trial?: Report['trial']) => ({ trial }) as unknown as Report;
  const id = '7b2133f5-a61a-4716-a8b7-6d8023da5caf';
  const now = Date.parse('2026-12-02T17:00:00Z');
  it('is absolute from the server URL, with the time left rounded to minutes', () => {
    expect(trialAddress(held({ id, expiresAt: '2026-12-02T17:00:40Z', fileName: null, url: `/v1/trials/${id}` }), 'https://conform.example:8443/', now)).toBe(
      `\nTrial run, nothing stored. The server holds its report for 1 minute (until 2026-12-02T17:00:40Z), for the organisation that ran it only:\n  https://conform.example:8443/v1/trials/${id}\n`,
    );
  });
  it('is not printed for a report the server did not hold (too large), nor for a local run', () => {
    expect(trialAddress(held(undefined), 'https://conform.example', now)).toBe('');
    expect(trialAddress(held({ id, expiresAt: '2026-12-02T18:00:00Z', fileName: null }), undefined, now)).toBe('');
  });
});
