/**
 * The validation context through the application layer: a candidate with a malformed x-consistency rule
 * is refused at publish with a message naming the rule and the problem; SubmissionService.validate takes
 * `context` (submission time and reporting period) and, without one, measures against the time of the
 * call with no period, on one thread and on workers alike. The workers run compiled code, so this test
 * uses the build (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Principal } from '../../src/services/access.js';
import type { ValidationContext } from '../../src/validation/context.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');
const { DomainError } = (await import(`${dist}/services/errors.js`)) as typeof import('../../src/services/errors.js');

const author: Principal = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' };

const schema = (rules: unknown[]) => ({
  title: 'Clinic event',
  type: 'object',
  additionalProperties: false,
  required: ['eventId', 'eventDate'],
  properties: { eventId: { type: 'string' }, eventDate: { type: 'string', format: 'date' }, dateOfBirth: { type: 'string', format: 'date' } },
  'x-consistency': rules,
});
const good = [
  { id: 'event-not-in-future', field: '/eventDate', notAfter: '$submission' },
  { id: 'birth-not-after-event', field: '/dateOfBirth', notAfter: '/eventDate' },
  { id: 'event-in-period', field: '/eventDate', within: '$period', severity: 'warning' },
];

const records =
  [
    { eventId: 'E1', eventDate: '2024-03-10', dateOfBirth: '1990-01-01' },
    { eventId: 'E2', eventDate: '2024-04-02' },
    { eventId: 'E3', eventDate: '2024-03-10', dateOfBirth: '2024-03-11' },
    { eventId: 'E4', eventDate: '2099-01-01' },
    { eventId: 'E5', eventDate: '2024-02-20' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n';

let app: App;
beforeAll(async () => {
  app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
});
afterAll(async () => app.stop());

const validate = (workers: number, context?: ValidationContext) =>
  app.services.submissions.validate({
    standardId: 'clinic-event',
    versionSpec: '1.0.0',
    format: 'ndjson',
    source: [Buffer.from(records)],
    workers,
    ...(context ? { context } : {}),
  });
const found = (report: Awaited<ReturnType<typeof validate>>) => report.findings.map((f) => `${f.record} ${f.rule} ${f.severity}`);

describe('the validation context in SubmissionService', () => {
  it('refuses a malformed rule at publish, naming the rule and what is wrong', async () => {
    const bad = [{ id: 'event-not-in-future', field: '/eventDate', notAfter: '$submission', skew: 'five minutes' }];
    const refusal = await app.services.standards
      .publish({ standardId: 'clinic-event', version: '1.0.0', body: JSON.stringify(schema(bad)) }, author)
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as InstanceType<typeof DomainError>).kind).toBe('rejected');
    expect((refusal as Error).message).toMatch(/rule 1 \("event-not-in-future"\) skew must be an ISO 8601 duration/);
    const published = await app.services.standards.publish({ standardId: 'clinic-event', version: '1.0.0', body: JSON.stringify(schema(good)) }, author);
    expect(published.outcome).toBe('created');
  });

  it('validates against the given submission time and period, on one thread and on workers', async () => {
    const context: ValidationContext = { submittedAt: '2024-04-01T09:00:00+01:00', period: { start: '2024-03-01', end: '2024-03-31' } };
    const expected = [
      // a date after the submission is that finding alone, not also outside the period
      '2 event-not-in-future error',
      '3 birth-not-after-event error',
      '4 event-not-in-future error',
      '5 event-in-period warning',
    ];
    for (const workers of [0, 2]) {
      const report = await validate(workers, context);
      expect(found(report), `workers ${workers}`).toEqual(expected);
      expect(report.stats).toMatchObject({ records: 5, valid: 2, invalid: 3 });
    }
  });

  it('without a context, measures against now with no period', async () => {
    for (const workers of [0, 2]) {
      expect(found(await validate(workers)), `workers ${workers}`).toEqual(['3 birth-not-after-event error', '4 event-not-in-future error']);
    }
  });
});
