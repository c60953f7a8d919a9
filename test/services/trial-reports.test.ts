/**
 * The trial-report holder's rules: only the caller's organisation (or token, without one) sees a report;
 * reports expire; the counts and bytes are bounded, the oldest going first (the owner's own first); a
 * report too large for an owner's share is not held; the held copy cannot be changed by a caller.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TrialReports, type TrialReportLimits } from '../../src/services/trial-reports.js';
import { DomainError } from '../../src/services/errors.js';
import { loadConfig, ConfigError } from '../../src/config.js';
import type { Report } from '../../src/validation/report-types.js';

const report = (records: number, padding = 0): Report => ({
  standard: { id: 'emergency-care-attendance', version: '3.0.0', contentHash: 'sha256:x' },
  format: 'csv',
  gzip: false,
  valid: false,
  stats: { records, valid: 0, invalid: records, findings: 1, bytes: 10, seconds: 0 },
  findings: [{ record: 1, line: 2, path: '/nhsNumber', rule: 'format', severity: 'error', message: 'm'.repeat(padding) }],
  maxFindings: 1000,
  truncated: false,
  summary: [],
  summaryTruncated: false,
});

const leeds = { organisation: 'RR8', tokenId: 'token-leeds-1' };
const leedsOtherToken = { organisation: 'RR8', tokenId: 'token-leeds-2' };
const york = { organisation: 'RCB', tokenId: 'token-york' };
const adminA = { organisation: null, tokenId: 'token-admin-a' };
const adminB = { organisation: null, tokenId: 'token-admin-b' };

let clock = 1_000_000;
const holders: TrialReports[] = [];
function holder(limits: Partial<TrialReportLimits> = {}): TrialReports {
  const made = new TrialReports({ ttlMs: 60 * 60_000, maxReports: 100, maxPerOwner: 10, maxBytes: 1024 * 1024, ...limits }, () => clock);
  holders.push(made);
  return made;
}
afterEach(() => {
  for (const made of holders.splice(0)) made.stop();
});

const notFound = (read: () => unknown): DomainError => {
  try {
    read();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected not-found');
};

describe('trial reports', () => {
  it('are held under a random id for the same organisation; another organisation, an admin or an unknown id is not-found, said alike', () => {
    const trials = holder();
    const held = trials.hold(report(7), leeds, 'attendances.csv')!;
    expect(held.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(held).toEqual({ id: held.id, expiresAt: new Date(clock + 60 * 60_000).toISOString(), fileName: 'attendances.csv' });
    expect(trials.get(held.id, leeds).report.stats.records).toBe(7);
    // Every token (and web session) of the organisation sees it.
    expect(trials.get(held.id, leedsOtherToken).trial).toEqual(held);
    const others = [() => trials.get(held.id, york), () => trials.get(held.id, adminA), () => trials.get('00000000-0000-4000-8000-000000000000', leeds)];
    const refusals = others.map(notFound);
    for (const refusal of refusals) expect(refusal).toMatchObject({ kind: 'not-found' });
    expect(new Set(refusals.map((r) => r.message)).size).toBe(1);
    expect(refusals[0]!.message).toBe(
      'no trial report has this id: trial reports are held for 60 minutes, only on the server that ran them, and never stored; run the trial again',
    );
    // A caller without an organisation: its own token only.
    const adminHeld = trials.hold(report(1), adminA)!;
    expect(trials.get(adminHeld.id, adminA).report.stats.records).toBe(1);
    expect(notFound(() => trials.get(adminHeld.id, adminB)).kind).toBe('not-found');
  });

  it('keep a copy no caller can change, without the address the face added', () => {
    const trials = holder();
    const given = { ...report(3), trial: { id: 'x', expiresAt: 'y', fileName: null, url: '/v1/trials/x' } };
    const held = trials.hold(given, leeds)!;
    given.stats.records = 99;
    const read = trials.get(held.id, leeds);
    read.report.stats.records = 42;
    expect(trials.get(held.id, leeds).report.stats.records).toBe(3);
    expect(trials.get(held.id, leeds).report.trial).toBeUndefined();
  });

  it('expire after their time: asked for, they are not-found and dropped; the sweep drops the rest', () => {
    const trials = holder({ ttlMs: 10 * 60_000 });
    const first = trials.hold(report(1), leeds)!;
    clock += 5 * 60_000;
    const second = trials.hold(report(2), leeds)!;
    clock += 5 * 60_000 - 1;
    expect(trials.get(first.id, leeds).report.stats.records).toBe(1);
    clock += 1;
    expect(notFound(() => trials.get(first.id, leeds)).message).toContain('held for 10 minutes');
    expect(trials.size().reports).toBe(1);
    expect(trials.get(second.id, leeds).report.stats.records).toBe(2);
    clock += 5 * 60_000;
    // The metrics' figures drop the expired first: the gauges never count a report no one can read.
    expect(trials.size().reports).toBe(1);
    expect(trials.stats()).toEqual({ reports: 0, bytes: 0 });
    trials.dropExpired();
    expect(trials.size()).toEqual({ reports: 0, bytes: 0 });
  });

  it("bound one owner's reports: its own oldest go first, and other owners' stay", () => {
    const trials = holder({ maxPerOwner: 3 });
    const yorks = trials.hold(report(100), york)!;
    const ids = [1, 2, 3, 4, 5].map((n) => trials.hold(report(n), leeds)!.id);
    expect(notFound(() => trials.get(ids[0]!, leeds)).kind).toBe('not-found');
    expect(notFound(() => trials.get(ids[1]!, leeds)).kind).toBe('not-found');
    expect(ids.slice(2).map((id) => trials.get(id, leeds).report.stats.records)).toEqual([3, 4, 5]);
    expect(trials.get(yorks.id, york).report.stats.records).toBe(100);
    expect(trials.size().reports).toBe(4);
  });

  it('bound the process: beyond the count, the oldest of anyone goes first', () => {
    const trials = holder({ maxReports: 3 });
    const a = trials.hold(report(1), leeds)!;
    const b = trials.hold(report(2), york)!;
    const c = trials.hold(report(3), adminA)!;
    const d = trials.hold(report(4), york)!;
    expect(notFound(() => trials.get(a.id, leeds)).kind).toBe('not-found');
    expect([trials.get(b.id, york), trials.get(c.id, adminA), trials.get(d.id, york)].map((r) => r.report.stats.records)).toEqual([2, 3, 4]);
    expect(trials.size().reports).toBe(3);
  });

  it("bound the bytes: the process budget and an owner's quarter of it; a report larger than the quarter is not held", () => {
    const size = Buffer.byteLength(JSON.stringify(report(1, 1000)));
    // Room for four such reports in all (records 1 to 9: the same size), and one per owner.
    const trials = holder({ maxBytes: size * 4 + 3 });
    const first = trials.hold(report(1, 1000), leeds)!;
    const second = trials.hold(report(2, 1000), leeds)!;
    expect(notFound(() => trials.get(first.id, leeds)).kind).toBe('not-found');
    expect(trials.size()).toEqual({ reports: 1, bytes: size });
    const others = [york, adminA, adminB].map((owner, i) => ({ owner, held: trials.hold(report(3 + i, 1000), owner)! }));
    expect(trials.size()).toEqual({ reports: 4, bytes: size * 4 });
    // A fifth owner's report makes room by dropping the oldest of all (Leeds's).
    const fifth = trials.hold(report(6, 1000), { organisation: 'RAE', tokenId: 't' })!;
    expect(notFound(() => trials.get(second.id, leeds)).kind).toBe('not-found');
    expect(trials.get(fifth.id, { organisation: 'RAE', tokenId: 't' }).report.stats.records).toBe(6);
    expect(others.map(({ owner, held }) => trials.get(held.id, owner).report.stats.records)).toEqual([3, 4, 5]);
    expect(trials.size().bytes).toBeLessThanOrEqual(size * 4 + 3);
    // Larger than an owner's share: not held, and nothing else is dropped for it.
    expect(trials.hold(report(7, 2000), leeds)).toBeUndefined();
    expect(trials.size().reports).toBe(4);
  });

  it('are configured with the other settings, checked', () => {
    expect(loadConfig({})).toMatchObject({ trialReportMinutes: 60, trialReports: 500, trialReportsPerSupplier: 20, trialReportMiB: 64 });
    expect(loadConfig({ CONFORM_TRIAL_REPORT_MINUTES: '5' }).trialReportMinutes).toBe(5);
    expect(() => loadConfig({ CONFORM_TRIAL_REPORT_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONFORM_TRIAL_REPORTS_PER_SUPPLIER: 'many' })).toThrow(
      'CONFORM_TRIAL_REPORTS_PER_SUPPLIER must be a whole number from 1 to 100000',
    );
  });
});
