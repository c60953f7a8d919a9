/**
 * Record key parts a record may leave out (standard.yaml `recordKeyOptional`): a part not given is part of
 * the key as "not given", so the record is still keyed, and two records differing in such a part are two
 * keys. Adult social care keys an event as DHSC tells CLD events apart (the person, client type, event type
 * and start and end, with route of access, assessment type, service type and component, and delivery
 * mechanism where they apply): two services of one person starting on one day are two events, where the
 * key of four parts took the second for a duplicate of the first. Worker threads key records as this
 * thread does. The workers run compiled code, so this uses the build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chunked } from '../validation/helpers.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { optionalNotInKey, standardMetadataSchema } from '../../src/registry/standard-meta.js';

const dist = '../../dist/src';
const { Validators } = (await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { scorecardPass } = (await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js');

type Rec = Record<string, any>;
const pool = new WorkerPool(2);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-optional-key-'));
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

const ID = 'https://conform.invalid/standards/optional-key/1.0.0';
const schema = { type: 'object', properties: { org: { type: 'string' }, person: { type: 'string' }, kind: { type: 'string' }, end: { type: 'string' } } };

async function keyed(rows: Rec[], options: { pool?: InstanceType<typeof WorkerPool> } = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'optional-key', version: '1.0.0', contentHash: 'k1' }, ID, schema);
  const declared = { recordKey: ['/org', '/person', '/kind', '/end'], recordKeyOptional: ['/kind', '/end'] };
  const pass = scorecardPass(validators.ajv, schema, ID, declared, new Date('2026-01-01T00:00:00Z'));
  const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  await validateStream(Readable.from(chunked(Buffer.from(text), 64_000)), version, { format: 'ndjson', observer: pass.observer, ...options });
  const card = pass.scorecard();
  return { findings: pass.duplicateFindings(), counts: card.dimensions.uniqueness.counts, plan: card.plan };
}

describe('optional parts of a record key', () => {
  const rows = [
    { org: 'A', person: 'P1' }, // both optional parts not given
    { org: 'A', person: 'P1', kind: 'x' }, // differs from 1 by a part given: another key
    { org: 'A', person: 'P1', kind: 'x', end: '2026-01-01' },
    { org: 'A', person: 'P1', kind: '  ' }, // blank optional part: as not given, so record 1's key
    { org: 'A', person: 'P1', kind: 'x' }, // record 2's key
    { person: 'P1', kind: 'x' }, // a needed part absent: not keyed
    { org: ' ', person: 'P1', end: ' ' }, // a needed part blank: not keyed, named as a blank key
  ];

  for (const [how, options] of [
    ['on this thread', {}],
    ['on worker threads', { pool }],
  ] as const) {
    it(`keys a record without them, and tells given from not given (${how})`, async () => {
      const { findings, counts, plan } = await keyed(rows, options);
      expect(counts).toMatchObject({ keyed: 5, duplicates: 2, missingKey: 2 });
      expect(findings.map((f) => [f.record, f.rule])).toEqual([
        [4, 'duplicate-key'],
        [5, 'duplicate-key'],
        [7, 'blank-key'],
      ]);
      expect(findings[0]!.message).toContain('as record 1 ');
      expect(findings[1]!.message).toContain('as record 2 ');
      expect(plan.recordKeyOptional).toEqual(['/kind', '/end']);
    });
  }

  it('belong to the key: a part not in recordKey is a problem, and the metadata schema takes the list', () => {
    expect(optionalNotInKey({ recordKey: ['/a', '/b'], recordKeyOptional: ['/b'] })).toEqual([]);
    expect(optionalNotInKey({ recordKey: ['/a'], recordKeyOptional: ['/b'] })).toEqual([
      { pointer: '/recordKeyOptional/0', detail: '/b is not a part of recordKey: list it in recordKey too, or leave it out here' },
    ]);
    expect(Object.keys(standardMetadataSchema.properties)).toContain('recordKeyOptional');
  });
});

describe('adult social care events as DHSC tells them apart', () => {
  const person = {
    laCode: 'E10000003',
    reportingPeriodStartDate: '2025-07-01',
    reportingPeriodEndDate: '2026-06-30',
    nhsNumber: '9434765919',
    laPersonUniqueIdentifier: 'P001',
    gender: 'Female',
    ethnicity: 'White: Irish',
    dateOfBirth: '1940-03-01',
    clientType: 'Service User',
    postcode: 'EX2 5DW',
    accommodationStatus: 'Owner occupier',
    hasUnpaidCarer: 'Yes',
  };
  const service = {
    ...person,
    primarySupportReason: 'Physical Support: Personal care support',
    eventType: 'Service',
    eventStartDate: '2026-04-01',
    serviceType: 'Long term support: Community',
    deliveryMechanism: 'CASSR Commissioned Support',
  };
  const request = { ...person, eventType: 'Request', eventStartDate: '2026-04-01', eventEndDate: '2026-04-01', eventOutcome: 'NFA: Other' };
  const rows = [
    { ...service, serviceComponent: 'Home care' },
    { ...service, serviceComponent: 'Day care' }, // another service the same day: not a duplicate
    { ...request, requestRouteOfAccess: 'Community / Other route' },
    { ...request, requestRouteOfAccess: 'Discharge from hospital' }, // another request the same day
    { ...service, serviceComponent: 'Home care' }, // record 1 again: a duplicate
    { ...request, requestRouteOfAccess: 'Community / Other route', eventEndDate: '2026-04-02' }, // ends another day: another request
  ];

  it('are two services of one person starting on one day, and a row sent twice is a duplicate', async () => {
    await writeFile(join(dir, 'cld.ndjson'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const c = captureIo(dir);
    await main(['validate', 'cld.ndjson', '-s', 'adult-social-care-client-level@2.0.2', '--period', '2026-27-Q1', '--json', '--workers', '0'], c.io);
    const report = JSON.parse(c.out()) as Rec;
    expect(report.valid).toBe(true);
    const card = report.scorecard as Rec;
    expect(card.dimensions.uniqueness).toMatchObject({ score: 83.3, counts: { keyed: 6, duplicates: 1, missingKey: 0 } });
    const duplicates = (report.findings as Rec[]).filter((f) => f.rule === 'duplicate-key');
    expect(duplicates.map((f) => f.record)).toEqual([5]);
    expect(duplicates[0]!.message).toContain('as record 1 ');
    expect(card.plan.recordKeyOptional).toEqual([
      '/eventEndDate',
      '/requestRouteOfAccess',
      '/assessmentType',
      '/serviceType',
      '/serviceComponent',
      '/deliveryMechanism',
    ]);
  });

  it('is what standard.yaml declares: every optional part is a part of the key', async () => {
    const meta = parse(await readFile(new URL('../../standards/adult-social-care-client-level/standard.yaml', import.meta.url), 'utf8')) as Rec;
    expect(meta.recordKey).toEqual(expect.arrayContaining(['/laCode', '/laPersonUniqueIdentifier', '/clientType', '/eventType', '/eventStartDate']));
    expect(optionalNotInKey(meta)).toEqual([]);
  });
});
