/**
 * The slowest a body may arrive: an upload that keeps trickling (never idle for the body timeout) but
 * sends less than CONFORM_MIN_BODY_RATE bytes a second over a period ends with a 408 problem and frees
 * its admission slot; one at or above the rate is read to the end, however long it takes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, sleep, startLiveApp, type LiveApp } from './support.js';

const VALIDATE = '/v1/standards/emergency-care-attendance/versions/2/validate';
const SAMPLE = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({
    CONFORM_BODY_TIMEOUT_SECONDS: '1',
    CONFORM_MIN_BODY_RATE: '400',
    CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '1',
    CONFORM_RETRY_AFTER_SECONDS: '3',
  });
});
afterAll(async () => live.stop());

async function upload(ods: string, length: number) {
  const token = await live.supplier(ods);
  return rawRequest(
    live.port,
    `POST ${VALIDATE} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`,
  );
}

describe('a minimum body rate', () => {
  it('ends a trickle under the rate with a 408 problem that names the rate, and frees its slot', async () => {
    const slow = await upload('R01', 100_000);
    let sent = 0;
    // 20 bytes every 100 ms (200 bytes a second): never idle for a second, but half the rate.
    const trickle = setInterval(() => {
      slow.write(' '.repeat(20));
      sent += 20;
    }, 100);
    const answer = await slow.answer;
    clearInterval(trickle);
    expect(answer.status).toBe(408);
    expect(answer.ms).toBeGreaterThan(900);
    expect(answer.ms).toBeLessThan(4_000);
    expect(sent).toBeLessThan(1_000);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, detail: 'the request body arrived at under 400 bytes a second for 1 second' });

    // Its slot (the supplier's only one) is free again: the same supplier's next upload is read.
    const next = await upload('R01', SAMPLE.length);
    next.write(SAMPLE);
    const report = await next.answer;
    expect(report.status).toBe(201);
    expect(JSON.parse(report.body)).toMatchObject({ stats: { records: SAMPLE.toString().trim().split('\n').length } });
  });

  it('reads an upload at the rate to the end, however long it takes', async () => {
    const steady = await upload('R02', SAMPLE.length);
    // 120 bytes every 100 ms (1,200 bytes a second, three times the rate): about 3 s for the sample.
    for (let at = 0; at < SAMPLE.length; at += 120) {
      steady.write(SAMPLE.subarray(at, at + 120));
      await sleep(100);
    }
    const answer = await steady.answer;
    expect(answer.ms).toBeGreaterThan(2_500);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ stats: { records: SAMPLE.toString().trim().split('\n').length } });
  });
});
