/**
 * Hostile: a report page whose findings fall in many groups. A supplier's records of 1,000 unknown fields
 * make 100,000 findings in 1,008 groups; the page took each group's findings by filtering all of them, a
 * cost of groups × findings on the event loop (11 to 20 s for that page, measured by hand, on every view).
 * Now the findings are grouped in one pass: the page reads each finding a bounded number of times, and
 * shows the same groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { reportView } from '../../src/web/report-view.js';
import { groupMessages } from '../../src/validation/group-messages.js';
import type { Finding, Report } from '../../src/validation/report-types.js';

let t: TestApp;
let report: Report;
const FIELDS = 200;

beforeAll(async () => {
  t = await startTestApp();
  // Each record has FIELDS unknown fields, and a wrong address.
  const record = (i: number) => ({ ...Object.fromEntries(Array.from({ length: FIELDS }, (_, k) => [`x${k}`, 'v'])), address: [{ odd: i }] });
  const body = Array.from({ length: 10 }, (_, i) => JSON.stringify(record(i))).join('\n');
  const answer = await t.server.inject({
    method: 'POST',
    url: '/v1/standards/patient-demographics/versions/2.0.1/trial?maxFindings=100000',
    headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    payload: body,
  });
  expect(answer.statusCode).toBe(200);
  report = JSON.parse(answer.payload) as Report;
}, 60_000);
afterAll(async () => t.stop());

/** The report with its findings behind a proxy counting how often a finding is read by index. */
function counted(source: Report): { report: Report; reads: () => number } {
  let reads = 0;
  const findings = new Proxy(source.findings, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { report: { ...source, findings }, reads: () => reads };
}

describe('the report page of findings in many groups', () => {
  it('reads each finding a bounded number of times, not once per group', () => {
    expect(report.summary.length).toBeGreaterThan(FIELDS);
    expect(report.findings.length).toBeGreaterThan(10 * FIELDS);
    const { report: watched, reads } = counted(report);
    reportView(watched);
    // Grouping reads each finding once; the page's other uses a few more. Filtering per group read them groups × findings times.
    expect(reads()).toBeLessThan(3 * report.findings.length);
  });

  it("gives each group the findings whose rule and path (indexes as *) are the group's", () => {
    const view = reportView(report);
    expect(view.groups.length).toBe(report.summary.length);
    const generalised = (f: Finding) => f.path.replace(/\/\d+(?=\/|$)/g, '/*');
    for (const group of view.groups) {
      const kept = report.findings.filter((f) => f.rule === group.rule && (f.path === group.path || generalised(f) === group.path));
      expect(kept.length, group.path).toBeGreaterThan(0);
      const { messages } = groupMessages(kept);
      if (messages.length === 1) expect(group.message).toBe(messages[0]!.message);
      else expect(group.messages.map((m) => m.message)).toEqual(messages.map((m) => m.message));
    }
  });
});
