/**
 * One rule for an ODS code's shape (validation/health-formats.ts): a token's organisation, the quality
 * pages' supplier filter, the API's supplier and owner patterns, an `org:` owner and the standards'
 * `ods-code` format accept the same codes, so a supplier whose token was issued is never a supplier no
 * filter can name. A token's organisation is upper-cased first, as an ODS code is read everywhere.
 */
import { describe, expect, it } from 'vitest';
import { AccessService } from '../../src/services/access.js';
import { parseOwner } from '../../src/services/ownership.js';
import { qualityFilters } from '../../src/web/quality-filters.js';
import { healthFormats } from '../../src/validation/health-formats.js';
import { ownerParameter } from '../../src/http/contract/parameters.js';
import { getQuality } from '../../src/http/contract/operations/quality.js';
import { openSqliteStore } from '../../src/store/sqlite.js';

// Both sides of each bound (3 and 8 characters), a site code of 9 (ECDS's an5 to an9, not an organisation code), and other characters.
const CODES = ['RH', 'RH8', '8KR01', 'B86001', 'G9999981', '8J1100001', 'RH8-02', 'RH8 02', 'ÄB1', ''];

const accepts = {
  token: async (access: AccessService, code: string) =>
    access.issue({ name: 'x', role: 'supplier', organisation: code }, 'test').then(
      () => true,
      () => false,
    ),
  filter: (code: string) => {
    try {
      qualityFilters({ standard: 's', supplier: code }, 's');
      return code !== '';
    } catch {
      return false;
    }
  },
  owner: (code: string) => {
    try {
      return parseOwner(`org:${code}`).kind === 'org';
    } catch {
      return false;
    }
  },
};

describe('the ODS code rule', () => {
  it('is one: tokens, the quality filter, the API patterns, owners and the ods-code format agree on every code', async () => {
    const store = await openSqliteStore(':memory:');
    const access = new AccessService(store);
    const supplierPattern = new RegExp((getQuality.query!.supplier!.schema as { pattern: string }).pattern);
    const ownerPattern = new RegExp(ownerParameter.schema.pattern as string);
    try {
      for (const code of CODES) {
        const expected = healthFormats['ods-code'].validate(code);
        expect(await accepts.token(access, code), code).toBe(expected);
        expect(accepts.filter(code), code).toBe(expected);
        expect(accepts.owner(code), code).toBe(expected);
        expect(supplierPattern.test(code), code).toBe(expected);
        expect(ownerPattern.test(`org:${code}`), code).toBe(expected);
      }
      expect(CODES.filter((code) => healthFormats['ods-code'].validate(code))).toEqual(['RH8', '8KR01', 'B86001', 'G9999981']);
      // a token's organisation typed in lower case is kept as the one rule's upper-case code
      const { stored } = await access.issue({ name: 'Sunrise', role: 'supplier', organisation: ' b86001 ' }, 'test');
      expect(stored.organisation).toBe('B86001');
    } finally {
      await store.close();
    }
  });
});
