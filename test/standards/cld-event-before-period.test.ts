/**
 * Adult social care 2.1.0: an event that ended before the row's reporting period started is not an event
 * of the file's rolling 12 months (CLD analysis keeps an event only when it is ongoing in, or ends inside,
 * the period), so it is a warning; the record stays valid. 2.0.2 passed it with no finding. An open
 * service that started years before the period, and an event ending on the period's first day, are not
 * warned of.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

type Rec = Record<string, any>;
let dir: string;

const person = {
  laCode: 'E08000035',
  reportingPeriodStartDate: '2023-07-01',
  reportingPeriodEndDate: '2024-06-30',
  nhsNumber: '9434765919',
  laPersonUniqueIdentifier: 'LDS-1',
  gender: 'Female',
  ethnicity: 'White: Irish',
  dateOfBirth: '1938-03-09',
  clientType: 'Service User',
  postcode: 'LS6 2AA',
  accommodationStatus: 'Tenant',
  hasUnpaidCarer: 'Yes',
};
const request = { ...person, eventType: 'Request', eventOutcome: 'NFA: Other', requestRouteOfAccess: 'Community / Other route' };
const rows = [
  { ...request, eventStartDate: '2023-04-03', eventEndDate: '2023-06-30' }, // ended the day before the period: warned
  { ...request, eventStartDate: '2023-06-28', eventEndDate: '2023-07-01' }, // ends on its first day: in the period
  {
    ...person,
    primarySupportReason: 'Mental Health Support',
    eventType: 'Service',
    eventStartDate: '2019-01-07', // open since 2019: ongoing in the period
    serviceType: 'Long term support: Community',
    serviceComponent: 'Home care',
  },
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-cld-before-period-'));
  await writeFile(join(dir, 'cld.ndjson'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function report(version: string): Promise<Rec> {
  const c = captureIo(dir);
  await main(['validate', 'cld.ndjson', '-s', `adult-social-care-client-level@${version}`, '--json', '--workers', '0'], c.io);
  return JSON.parse(c.out()) as Rec;
}

describe('an adult social care event that ended before its reporting period', () => {
  it('is a warning from 2.1.0, the latest, and the file stays valid', async () => {
    const r = await report('latest');
    expect(r.standard).toMatchObject({ version: '2.1.0' });
    expect(r.valid).toBe(true);
    expect((r.findings as Rec[]).map((f) => [f.record, f.path, f.rule, f.severity])).toEqual([
      [1, '/eventEndDate', 'event-end-not-before-reporting-period', 'warning'],
    ]);
    expect(r.findings[0].message).toContain('ended before the row');
    expect(r.scorecard.dimensions.consistency.counts).toMatchObject({ failed: 1 });
  });

  it('passed 2.0.2 with no finding', async () => {
    const r = await report('2.0.2');
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([]);
  });
});
