/**
 * `conform validate` against the wrong standard: locally, over the library on disk, the same "your
 * columns match <standard> <version>" suggestion as the server's (one rule, services/suggestions.ts), in
 * the text report with the option that picks it, and none when the chosen standard fits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const fixtures = dirname(fileURLToPath(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url)));
const SAMPLE = 'emergency-care-attendance-sample.csv';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
});
afterAll(async () => t.stop());

describe('conform validate against the wrong standard', () => {
  it('suggests locally the standard the columns match, as the server does', async () => {
    const text = captureIo(fixtures);
    expect(await main(['validate', SAMPLE, '--standard', 'patient-demographics@2.0.3', '--local'], text.io)).toBe(1);
    expect(text.out()).toContain(
      'Another standard fits these columns better: they match Emergency care attendance 3.1.0, 18 of 18; you chose Patient demographics 2.0.3 (4 of 18). Try --standard emergency-care-attendance@3.1.0\n',
    );
    const local = captureIo(fixtures);
    await main(['validate', SAMPLE, '--standard', 'patient-demographics@2.0.3', '--local', '--json'], local.io);
    const remote = captureIo(fixtures);
    await main(
      ['validate', SAMPLE, '--standard', 'patient-demographics@2.0.3', '--json', '--trial', '--server', t.server.info.uri, '--token', t.tokens.supplier],
      remote.io,
    );
    const expected = {
      standard: 'emergency-care-attendance',
      title: 'Emergency care attendance',
      version: '3.1.0',
      columns: 18,
      matched: 18,
      chosen: { standard: 'patient-demographics', title: 'Patient demographics', version: '2.0.3', matched: 4 },
    };
    expect((JSON.parse(local.out()) as { suggestion: unknown }).suggestion).toEqual(expected);
    expect((JSON.parse(remote.out()) as { suggestion: unknown }).suggestion).toEqual(expected);
  });

  it('suggests nothing when the chosen standard fits the columns', async () => {
    const c = captureIo(fixtures);
    await main(['validate', SAMPLE, '--standard', 'emergency-care-attendance@3.0.2', '--local', '--json'], c.io);
    expect(JSON.parse(c.out())).not.toHaveProperty('suggestion');
    const text = captureIo(fixtures);
    await main(['validate', SAMPLE, '--standard', 'emergency-care-attendance@3.0.2', '--local'], text.io);
    expect(text.out()).not.toContain('Another standard fits');
  });
});
