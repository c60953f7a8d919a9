/** `conform validate --trial --server`: the service's trial operation, which returns the report and stores nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { main } from '../../src/cli/main.js';
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
