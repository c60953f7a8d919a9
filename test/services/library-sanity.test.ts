/**
 * The corrected library's sanity rules and applicability, through SubmissionService on the bundled
 * standards (the store imports them at start): CLD 2.0.0 counts a Request event without Primary Support
 * Reason as complete; CLD 2.0.1 counts postcode ZZ99 3WZ as a default code where 2.0.0 scores the same
 * rows as before; impossible dates (a birth in 2090, a vaccination after the file arrived) are
 * refused in words a data manager uses; a vaccination on the batch's expiry day is valid; the period a
 * file is submitted for turns an out-of-period vaccination into a warning, not an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Scorecard } from '../../src/quality/types.js';
import { join } from 'node:path';
import { loadLibrary, readYaml } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';

let app: App;
beforeAll(async () => {
  app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
});
afterAll(async () => app.stop());

const ndjson = (records: object[]) => [Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n')];
const validate = (standardId: string, versionSpec: string, records: object[], period?: string, submittedAt = new Date('2024-07-15T09:00:00Z')) =>
  app.services.submissions.validate(
    { standardId, versionSpec, format: 'ndjson', source: ndjson(records), workers: 0, ...(period ? { period } : {}) },
    submittedAt,
  );

const person = {
  laCode: 'E08000035',
  reportingPeriodStartDate: '2023-07-01',
  reportingPeriodEndDate: '2024-06-30',
  nhsNumber: '9434765919',
  laPersonUniqueIdentifier: 'LDS-000184223',
  gpPracticeCode: 'B86001',
  gender: 'Female',
  ethnicity: 'White: English, Welsh, Scottish, Northern Irish or British',
  dateOfBirth: '1938-03-09',
  clientType: 'Service User',
  postcode: 'LS6 2AA',
  accommodationStatus: 'Owner occupier or shared ownership scheme',
  hasUnpaidCarer: 'Yes',
};
const request = {
  ...person,
  eventType: 'Request',
  eventStartDate: '2024-04-03',
  eventEndDate: '2024-04-03',
  eventOutcome: 'Progress to assessment, review or reassessment',
  eventReference: 'REQ-2024-04-0019',
  requestRouteOfAccess: 'Discharge from hospital',
};

describe('adult social care 2.0.0 (CLD Release 2)', () => {
  it('counts a Request event without Primary Support Reason as complete: the field does not apply', async () => {
    const report = await validate('adult-social-care-client-level', '2.0.0', [request, { ...request, laPersonUniqueIdentifier: 'LDS-000184224' }]);
    expect(report.findings).toEqual([]);
    const completeness = (report.scorecard as Scorecard).dimensions.completeness;
    expect(completeness.score).toBe(100);
    expect((completeness.fields ?? []).map((f) => f.field)).not.toContain('/primarySupportReason');
  });

  it('refuses a date of birth in the future, saying so without the value', async () => {
    const report = await validate('adult-social-care-client-level', '2.0.0', [{ ...request, dateOfBirth: '2090-03-09' }]);
    const birth = report.findings.find((f) => f.rule === 'birth-not-in-future');
    expect(birth).toMatchObject({ path: '/dateOfBirth', severity: 'error', message: 'The date of birth is in the future (after the file was received).' });
    expect(JSON.stringify(report)).not.toContain('2090');
  });
});

describe('adult social care 2.0.1: postcode ZZ99 3WZ and ethnicity "not known" are default codes, with declared thresholds', () => {
  // Ten requests: postcodes ZZ99 3WZ three times and ZZ993WZ once (not known: defaults), ZZ99 3VZ once
  // (no fixed abode: an answer); ethnicity "No data: Undeclared or not known" twice (the default) and
  // "No data: Refused" once (the person chose not to say: an answer).
  const postcodes = ['ZZ99 3WZ', 'ZZ99 3WZ', 'ZZ99 3WZ', 'ZZ993WZ', 'ZZ99 3VZ', 'LS6 2AA', 'LS9 7TF', 'LS11 5BZ', 'EN5 4DY', 'LS6 2AA'];
  const ethnicities = ['No data: Undeclared or not known', 'No data: Undeclared or not known', 'No data: Refused'];
  const rows = postcodes.map((postcode, i) => ({
    ...request,
    laPersonUniqueIdentifier: `LDS-0001900${i}`,
    postcode,
    ethnicity: ethnicities[i] ?? person.ethnicity,
  }));
  const field = (card: Scorecard, name: string) => card.dimensions.defaults.fields?.find((f) => f.field === name);

  it('scores the excess of ZZ99 3WZ against the postcode under 2.0.1, at the declared threshold 0', async () => {
    const report = await validate('adult-social-care-client-level', '2.0.1', rows);
    expect(report.findings).toEqual([]);
    const card = report.scorecard as Scorecard;
    expect(card.plan.fields.find((f) => f.field === '/postcode')).toMatchObject({ defaultCodes: ['ZZ99 3WZ', 'ZZ993WZ'], threshold: 0 });
    expect(field(card, '/postcode')).toEqual({ field: '/postcode', score: 60, filled: 10, defaults: 4, threshold: 0, records: 10, defaultsInExcess: 4 });
    expect(field(card, '/ethnicity')).toEqual({ field: '/ethnicity', score: 80, filled: 10, defaults: 2, threshold: 0, records: 10, defaultsInExcess: 2 });
    // gpPracticeCode 100, ethnicity 80, postcode 60 (primary support reason does not apply to requests).
    expect(card.dimensions.defaults).toMatchObject({ score: 80, counts: { fields: 3, records: 10 } });
    expect(card.dqmi.fields?.find((f) => f.field === '/postcode')?.score).toBe(60);
  });

  it('leaves 2.0.0 as it was: the same verdicts, and no default code on its postcode', async () => {
    const report = await validate('adult-social-care-client-level', '2.0.0', rows);
    expect(report.findings).toEqual([]);
    const card = report.scorecard as Scorecard;
    expect(card.validity).toBe(100);
    expect(field(card, '/postcode')).toBeUndefined();
    expect(card.dimensions.defaults).toMatchObject({ score: 90, counts: { fields: 2, records: 10 } });
    expect(card.dqmi.fields?.find((f) => f.field === '/postcode')?.score).toBe(100);
  });

  it('declares the thresholds of both in standard.yaml, so the plan shows they were chosen', async () => {
    const meta = (await loadLibrary(bundledStandardsDir())).standards.get('adult-social-care-client-level')!.meta;
    expect(meta.quality?.defaultThresholds).toMatchObject({ '/ethnicity': 0, '/postcode': 0 });
  });
});

describe('emergency care 3.0.1 and patient demographics 2.0.2: postcode ZZ99 3WZ is a default code too', () => {
  it.each([
    ['emergency-care-attendance', '3.0.0', '3.0.1', '/postcode', '/attendanceId'],
    ['patient-demographics', '2.0.1', '2.0.2', '/address/postcode', '/localPatientId'],
  ] as const)('%s: %s unchanged, %s counts ZZ99 3WZ at %s against the declared threshold 0', async (id, before, after, field, key) => {
    // Four copies of the standard's first valid example: postcode not known twice (with and without
    // the space), no fixed abode (an answer) once, and the example's own postcode.
    const examples = (await readYaml(join(bundledStandardsDir(), id, 'examples', `${after}.yaml`))) as { valid: { record: Record<string, unknown> }[] };
    const base = examples.valid[0]!.record;
    const set = (record: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> => {
      const [head, ...rest] = pointer.slice(1).split('/');
      return rest.length === 0
        ? { ...record, [head!]: value }
        : { ...record, [head!]: set((record[head!] ?? {}) as Record<string, unknown>, `/${rest.join('/')}`, value) };
    };
    const own = field
      .slice(1)
      .split('/')
      .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], base);
    const rows = ['ZZ99 3WZ', 'ZZ993WZ', 'ZZ99 3VZ', own].map((postcode, i) => set(set(base, field, postcode), key, `ZZ-${i}`));
    const old = await validate(id, before, rows);
    const now = await validate(id, after, rows);
    expect(now.findings).toEqual(old.findings);
    const oldCard = old.scorecard as Scorecard;
    const card = now.scorecard as Scorecard;
    expect(card.validity).toBe(oldCard.validity);
    expect(oldCard.dimensions.defaults.fields?.find((f) => f.field === field)).toBeUndefined();
    expect(card.dimensions.defaults.fields?.find((f) => f.field === field)).toMatchObject({
      filled: 4,
      defaults: 2,
      threshold: 0,
      defaultsInExcess: 2,
      score: 50,
    });
  });
});

describe('COVID-19 vaccination 3.0.0', () => {
  const given = {
    vaccinationEventId: 'f1b2c3d4-0001',
    nhsNumber: '9434765919',
    vaccinationDateTime: '2024-06-30T00:30:00+01:00',
    vaccineProduct: '39114911000001105',
    vaccinationProcedure: '1324681000000101',
    organisationOdsCode: 'RX8',
    expiryDate: '2024-06-30',
  };

  it('accepts a vaccination on the batch expiry day, and warns when it falls outside the file period', async () => {
    const inPeriod = await validate('covid-vaccination-event', '3.0.0', [given], '2024-06');
    expect(inPeriod.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const outside = await validate('covid-vaccination-event', '3.0.0', [given], '2024-05');
    expect(outside.findings.map((f) => `${f.rule} ${f.severity}`)).toContain('vaccination-in-period warning');
    expect(outside.stats.valid).toBe(1);
    // A warning is reported, but neither the record nor the scorecard's validity counts it as invalid.
    expect((outside.scorecard as Scorecard).dimensions.validity.score).toBe(100);
  });

  it('refuses a vaccination dated after the file was received', async () => {
    const report = await validate('covid-vaccination-event', '3.0.0', [
      { ...given, vaccinationDateTime: '2035-06-30T10:00:00+01:00', expiryDate: '2035-07-01' },
    ]);
    expect(report.findings.map((f) => f.rule)).toEqual(['vaccination-not-in-future']);
    expect(report.stats.invalid).toBe(1);
  });
});

describe('the postcode-not-known pseudo-postcodes are default codes from CLD 2.0.2, emergency care 3.0.2 and patient demographics 2.0.3', () => {
  it.each([
    ['adult-social-care-client-level', '2.0.1', '2.0.2', '/postcode', '/laPersonUniqueIdentifier'],
    ['emergency-care-attendance', '3.0.1', '3.0.2', '/postcode', '/attendanceId'],
    ['patient-demographics', '2.0.2', '2.0.3', '/address/postcode', '/localPatientId'],
  ] as const)('%s: %s counts ZZ99 3WZ only, %s every UK "not known" pseudo-postcode in any spelling (%s)', async (id, before, after, field, key) => {
    const examples = (await readYaml(join(bundledStandardsDir(), id, 'examples', `${after}.yaml`))) as { valid: { record: Record<string, unknown> }[] };
    const base = examples.valid[0]!.record;
    const set = (record: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> => {
      const [head, ...rest] = pointer.slice(1).split('/');
      return rest.length === 0
        ? { ...record, [head!]: value }
        : { ...record, [head!]: set((record[head!] ?? {}) as Record<string, unknown>, `/${rest.join('/')}`, value) };
    };
    // Defaults: not known (ZZ99 3WZ), and England/UK, Wales, Scotland, Northern Ireland not otherwise
    // stated, in the spellings the postcode format accepts. Answers: no fixed abode, India, a real postcode.
    const postcodes = ['ZZ99 3WZ', 'zz99 3cz', 'ZZ993GZ', 'ZZ99 1WZ', 'zz992wz', 'ZZ99 3VZ', 'ZZ99 6CZ', 'LS1 4AP'];
    const rows = postcodes.map((postcode, i) => set(set(base, field, postcode), key, `ZZ-${i}`));
    const received = new Date('2026-12-01T09:00:00Z'); // after every example's dates
    const old = await validate(id, before, rows, undefined, received);
    const now = await validate(id, after, rows, undefined, received);
    expect(now.findings).toEqual([]);
    expect(old.findings).toEqual([]);
    const defaultsOf = (report: { scorecard?: unknown }) => (report.scorecard as Scorecard).dimensions.defaults.fields?.find((f) => f.field === field);
    // Before: ZZ99 3WZ is the only default code (the old version's lists are unchanged).
    expect(defaultsOf(old)).toMatchObject({ filled: 8, defaults: 1, threshold: 0, defaultsInExcess: 1, score: 87.5 });
    // Now: 5 of the 8 values say the postcode is not known; (8 − 5) / 8 = 37.5.
    expect(defaultsOf(now)).toMatchObject({ filled: 8, defaults: 5, threshold: 0, defaultsInExcess: 5, score: 37.5 });
    expect((now.scorecard as Scorecard).plan.fields.find((f) => f.field === field)?.defaultCodes).toEqual([
      'ZZ99 3WZ',
      'ZZ99 3CZ',
      'ZZ99 3GZ',
      'ZZ99 1WZ',
      'ZZ99 2WZ',
    ]);
  });
});
