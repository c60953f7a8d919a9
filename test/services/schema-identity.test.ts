/**
 * A compiled schema's identity is its content: a candidate refused at publish never validates anything,
 * and the corrected version published after it validates with its own schema, on one thread and on worker
 * threads alike. The workers run compiled code, so this test uses the build (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Principal } from '../../src/services/access.js';
import type { Report } from '../../src/validation/report-types.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');
const { canRunInWorkers } = (await import(`${dist}/validation/parallel/parallel.js`)) as typeof import('../../src/validation/parallel/parallel.js');
const { DomainError } = (await import(`${dist}/services/errors.js`)) as typeof import('../../src/services/errors.js');

const author: Principal = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' };

const base = { title: 'Ward stay', type: 'object', additionalProperties: false, required: ['stayId'], properties: { stayId: { type: 'string' } } };
/** Breaks 1.0.0's suppliers (a new required field), so a MINOR is refused. */
const refused = { ...base, required: ['stayId', 'ward'], properties: { ...base.properties, ward: { type: 'string', maxLength: 2 } } };
/** The corrected 1.1.0: the field is optional and may be longer. */
const corrected = { ...base, properties: { ...base.properties, ward: { type: 'string', maxLength: 20 } } };

/** Records that the refused schema rejects and the corrected one accepts: no ward, and a long ward. */
const records =
  Array.from({ length: 4000 }, (_, i) => JSON.stringify(i % 2 === 0 ? { stayId: `S${i}` } : { stayId: `S${i}`, ward: 'Ward 12 (Oak)' })).join('\n') + '\n';

let app: App;
beforeAll(async () => {
  app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
});
afterAll(async () => app.stop());

const validate = (workers: number): Promise<Report> =>
  app.services.submissions.validate({ standardId: 'ward-stay', versionSpec: '1.1.0', format: 'ndjson', source: [Buffer.from(records)], workers });

describe('schema identity', () => {
  it('never lets a refused candidate validate, on one thread or on workers', async () => {
    const { standards } = app.services;
    expect((await standards.publish({ standardId: 'ward-stay', version: '1.0.0', body: JSON.stringify(base) }, author)).outcome).toBe('created');
    const refusal = await standards.publish({ standardId: 'ward-stay', version: '1.1.0', body: JSON.stringify(refused) }, author).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as InstanceType<typeof DomainError>).kind).toBe('incompatible');
    expect((await standards.publish({ standardId: 'ward-stay', version: '1.1.0', body: JSON.stringify(corrected) }, author)).outcome).toBe('created');

    expect(canRunInWorkers()).toBe(true);
    const single = await validate(0);
    const parallel = await validate(2);
    for (const report of [single, parallel]) {
      expect(report.standard.version).toBe('1.1.0');
      expect(report.stats).toMatchObject({ records: 4000, valid: 4000, invalid: 0, findings: 0 });
    }
  });

  it('refuses a candidate that does not compile without leaving anything behind', async () => {
    const { standards } = app.services;
    const bad = { ...corrected, properties: { ...corrected.properties, ward: { type: 'string', format: 'no-such-format' } } };
    const refusal = await standards.publish({ standardId: 'ward-stay', version: '1.2.0', body: JSON.stringify(bad) }, author).catch((e: unknown) => e);
    expect((refusal as InstanceType<typeof DomainError>).kind).toBe('rejected');
    expect((refusal as Error).message).toMatch(/unknown format "no-such-format"/);
    // The same version published correctly afterwards validates by its own content.
    const fixed = { ...corrected, properties: { ...corrected.properties, ward: { type: 'string', maxLength: 30 } } };
    expect((await standards.publish({ standardId: 'ward-stay', version: '1.2.0', body: JSON.stringify(fixed) }, author)).outcome).toBe('created');
    const report = await app.services.submissions.validate({ standardId: 'ward-stay', versionSpec: '1.2.0', format: 'ndjson', source: [Buffer.from(records)] });
    expect(report.stats).toMatchObject({ records: 4000, valid: 4000 });
  });
});
