/** Migration 0011-column-mappings on both databases: one mapping per organisation and standard, replaced whole, deleted. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories)('column mappings on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
  });
  afterEach(async () => dispose());

  it('keeps one mapping per organisation and standard', async () => {
    const mapping = {
      organisation: '8KR01',
      standardId: 'emergency-care-attendance',
      columns: { 'NHS Number': 'nhsNumber', 'naïve “quoted”': 'postcode' },
      updatedAt: '2026-05-01T10:00:00.000Z',
      updatedBy: 'supplier:x',
    };
    expect(await store.getColumnMapping('8KR01', 'emergency-care-attendance')).toBeUndefined();
    await store.saveColumnMapping(mapping);
    await store.saveColumnMapping({ ...mapping, organisation: 'RR8', columns: { a: 'attendanceId' } });
    expect(await store.getColumnMapping('8KR01', 'emergency-care-attendance')).toEqual(mapping);
    const replaced = { ...mapping, columns: { nhs: 'nhsNumber' }, updatedAt: '2026-05-02T10:00:00.000Z' };
    await store.saveColumnMapping(replaced);
    expect(await store.getColumnMapping('8KR01', 'emergency-care-attendance')).toEqual(replaced);
    expect(await store.deleteColumnMapping('8KR01', 'emergency-care-attendance')).toBe(true);
    expect(await store.deleteColumnMapping('8KR01', 'emergency-care-attendance')).toBe(false);
    expect((await store.getColumnMapping('RR8', 'emergency-care-attendance'))!.columns).toEqual({ a: 'attendanceId' });
  });
});
