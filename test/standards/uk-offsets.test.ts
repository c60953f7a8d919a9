/**
 * The UK offsets of the bundled standards' date-times (uk-date-time) against the NHS sources: the NHS Wales
 * Data Dictionary's timestamp rule restricts offsets to +01:00, +00:00 and -00:00 (or Z), and gives
 * 2020-08-21T10:15:20-00:00 as a valid Greenwich Mean Time example, so a real record written that way must
 * pass; any other offset must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary, type Library } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
});

/** The findings of one record under a bundled version, as "path rule". */
async function findings(standardId: string, versionId: string, record: Record<string, unknown>): Promise<string[]> {
  const standard = library.standards.get(standardId)!;
  const version = standard.versions.find((v) => v.version === versionId)!.compiled;
  const report = await validateStream([Buffer.from(JSON.stringify(record))], version, {
    format: 'ndjson',
    context: { submittedAt: '2026-12-01T12:00:00Z' },
  });
  return report.findings.map((f) => `${f.path} ${f.rule}`);
}

async function firstValid(standardId: string, versionId: string): Promise<Record<string, unknown>> {
  const standard = library.standards.get(standardId)!;
  const examples = parse(await readFile(join(standard.dir, 'examples', `${versionId}.yaml`), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  return examples.valid[0]!.record;
}

describe('UK offsets in the bundled standards', () => {
  it('accept an emergency care attendance timed in GMT written -00:00 (ECDS 3.0.0)', async () => {
    const record = {
      ...(await firstValid('emergency-care-attendance', '3.0.0')),
      activityStartDateTime: '2024-01-14T23:50:00-00:00',
      initialAssessmentDateTime: '2024-01-14T23:58:00-00:00',
      decidedToAdmitDateTime: '2024-01-15T02:10:00+00:00',
      departureDateTime: '2024-01-15T03:40:00Z',
    };
    expect(await findings('emergency-care-attendance', '3.0.0', record)).toEqual([]);
    expect(await findings('emergency-care-attendance', '3.0.0', { ...record, departureDateTime: '2024-01-15T03:40:00-05:00' })).toEqual([
      '/departureDateTime format',
    ]);
  });

  it('accept a demographic record last updated at -00:00 (patient demographics 2.0.1)', async () => {
    const record = { ...(await firstValid('patient-demographics', '2.0.1')), lastUpdated: '2024-01-05T22:40:00-00:00' };
    expect(await findings('patient-demographics', '2.0.1', record)).toEqual([]);
  });
});

/** The warnings of one record under a bundled version, as "path rule severity", with their messages. */
async function warnings(standardId: string, versionId: string, record: Record<string, unknown>): Promise<{ found: string[]; messages: string[] }> {
  const standard = library.standards.get(standardId)!;
  const version = standard.versions.find((v) => v.version === versionId)!.compiled;
  const report = await validateStream([Buffer.from(JSON.stringify(record))], version, {
    format: 'ndjson',
    context: { submittedAt: '2026-12-01T12:00:00Z' },
  });
  return { found: report.findings.map((f) => `${f.path} ${f.rule} ${f.severity}`), messages: report.findings.map((f) => f.message) };
}

// 2024: BST from 01:00 UTC on Sunday 31 March to 01:00 UTC on Sunday 27 October.
describe('a UK date-time written with the offset the UK did not have at that moment', () => {
  const cases: { standard: string; old: string; now: string; field: string; rule: string; value: string; record?: Record<string, string> }[] = [
    // 00:30+01:00 on 1 March is 23:30 UTC on 29 February, in GMT.
    {
      standard: 'covid-vaccination-event',
      old: '3.0.0',
      now: '3.1.0',
      field: '/vaccinationDateTime',
      rule: 'vaccination-bst-in-gmt',
      value: '2024-03-01T00:30:00+01:00',
      record: { expiryDate: '2024-04-30' },
    },
    // 01:00 UTC on the last Sunday of March, written +00:00: the clocks had gone forward to 02:00 BST.
    { standard: 'patient-demographics', old: '2.0.3', now: '2.1.0', field: '/lastUpdated', rule: 'last-updated-gmt-in-bst', value: '2024-03-31T01:00:00+00:00' },
    // 01:30+01:00 that morning is 00:30 UTC, still GMT: no UK clock showed 01:30.
    { standard: 'patient-demographics', old: '2.0.3', now: '2.1.0', field: '/lastUpdated', rule: 'last-updated-bst-in-gmt', value: '2024-03-31T01:30:00+01:00' },
    // 02:00+01:00 on the last Sunday of October is 01:00 UTC, when the clocks had gone back to GMT.
    { standard: 'patient-demographics', old: '2.0.3', now: '2.1.0', field: '/lastUpdated', rule: 'last-updated-bst-in-gmt', value: '2024-10-27T02:00:00+01:00' },
    // 00:59:59 UTC on that morning, written Z: still BST.
    { standard: 'patient-demographics', old: '2.0.3', now: '2.1.0', field: '/lastUpdated', rule: 'last-updated-gmt-in-bst', value: '2024-10-27T00:59:59Z' },
    // -00:00 in summer.
    { standard: 'patient-demographics', old: '2.0.3', now: '2.1.0', field: '/lastUpdated', rule: 'last-updated-gmt-in-bst', value: '2024-07-01T09:00:00-00:00' },
  ];

  for (const c of cases)
    it(`${c.standard} ${c.now} warns on ${c.field} = ${c.value} (${c.rule}); ${c.old} says nothing`, async () => {
      const record = { ...(await firstValid(c.standard, c.old)), ...c.record, [c.field.slice(1)]: c.value };
      expect((await warnings(c.standard, c.old, record)).found).toEqual([]);
      const { found, messages } = await warnings(c.standard, c.now, record);
      expect(found).toEqual([`${c.field} ${c.rule} warning`]);
      // The message says which offset the UK had, and never quotes the value.
      const uk = c.rule.endsWith('bst-in-gmt') ? 'the UK was on GMT (+00:00)' : 'the UK was on BST (+01:00)';
      expect(messages[0]).toContain(uk);
      expect(messages[0]).not.toContain(c.value);
      expect(messages[0]).not.toContain(c.value.slice(0, 10));
    });

  it('no warning for the times UK clocks showed on the boundary days (patient demographics 2.1.0)', async () => {
    const base = await firstValid('patient-demographics', '2.1.0');
    for (const lastUpdated of [
      '2024-03-31T00:59:59+00:00', // the last GMT second before the spring change
      '2024-03-31T02:00:00+01:00', // 01:00 UTC, the first BST one
      '2024-10-27T01:30:00+01:00', // the repeated hour, the first time (00:30 UTC, BST)
      '2024-10-27T01:30:00+00:00', // and the second (01:30 UTC, GMT)
      '2024-10-27T01:00:00Z', // the autumn change itself is GMT
      '2024-07-01T09:00:00+01:00',
      '2024-01-01T09:00:00Z',
    ])
      expect((await warnings('patient-demographics', '2.1.0', { ...base, lastUpdated })).found, lastUpdated).toEqual([]);
  });

  it('ECDS 3.1.0 checks each of its four date-times', async () => {
    const base = await firstValid('emergency-care-attendance', '3.1.0'); // July, +01:00
    const gmt = { ...base, departureDateTime: '2024-07-15T03:40:00+00:00', initialAssessmentDateTime: '2024-07-14T23:58:00Z' };
    expect((await warnings('emergency-care-attendance', '3.0.2', gmt)).found).toEqual([]);
    expect((await warnings('emergency-care-attendance', '3.1.0', gmt)).found.sort()).toEqual([
      '/departureDateTime departure-gmt-in-bst warning',
      '/initialAssessmentDateTime initial-assessment-gmt-in-bst warning',
    ]);
  });
});
