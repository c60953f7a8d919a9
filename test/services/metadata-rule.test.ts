/** The metadata rule lives in the standards service: callers other than the API get the same answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DomainError } from '../../src/services/errors.js';
import type { Principal } from '../../src/services/access.js';

const author: Principal = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' };
const supplier: Principal = { role: 'supplier', organisation: 'RR8', name: 'test', actor: 'supplier:test', tokenId: 't2' };

let app: App;
beforeAll(async () => {
  app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }));
});
afterAll(async () => app.stop());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as DomainError,
  );

describe('StandardsService.saveMetadata', () => {
  it('refuses a malformed body with the same items as the API', async () => {
    const error = await refusal(app.services.standards.saveMetadata('ward-stay', { title: ' ', recordKey: 'notarray', colour: 'red' }, author));
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.kind).toBe('rejected');
    expect(error?.errors).toEqual([
      { pointer: '/title', detail: 'must not be blank' },
      { pointer: '/owner', detail: 'is required' },
      { pointer: '/description', detail: 'is required' },
      { pointer: '/colour', detail: 'is not a field the schema allows' },
      { pointer: '/recordKey', detail: 'must be an array' },
    ]);
    expect(await refusal(app.services.standards.releasedMajors('ward-stay'))).toMatchObject({ kind: 'not-found' });
  });

  it('refuses an optional key part that is not a part of the record key, naming it, and takes one that is', async () => {
    const body = { title: 'Ward stay', owner: 'NHS England', description: 'A stay on a ward.', recordKey: ['/stayId'] };
    const error = await refusal(app.services.standards.saveMetadata('ward-stay-key', { ...body, recordKeyOptional: ['/wardCode'] }, author));
    expect(error).toMatchObject({ kind: 'rejected' });
    expect(error?.errors).toEqual([
      { pointer: '/recordKeyOptional/0', detail: '/wardCode is not a part of recordKey: list it in recordKey too, or leave it out here' },
    ]);
    const saved = await app.services.standards.saveMetadata(
      'ward-stay-key',
      { ...body, recordKey: ['/stayId', '/wardCode'], recordKeyOptional: ['/wardCode'] },
      author,
    );
    expect(JSON.stringify(saved)).toContain('recordKeyOptional');
  });

  it('refuses a supplier, and an id that is not one', async () => {
    const body = { title: 'Ward stay', owner: 'NHS England', description: 'A stay on a ward.' };
    expect(await refusal(app.services.standards.saveMetadata('ward-stay', body, supplier))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(app.services.standards.saveMetadata('Ward_Stay', body, author))).toMatchObject({ kind: 'invalid-input' });
    expect((await app.services.standards.saveMetadata('ward-stay', body, author)).created).toBe(true);
  });
});
