/**
 * One rule for an organisation's code (validation/health-formats.ts isOrganisationCode): a token's
 * organisation, the quality pages' supplier filter, the API's supplier and owner patterns and an `org:`
 * owner accept the same codes, so a supplier whose token was issued is never a supplier no filter can
 * name. It takes 3 to 10 characters, as the national immunisation pipeline's supplier codes (8J1100001,
 * DPSREDUCED) name suppliers; the standards' `ods-code` format keeps 3 to 8. A token's organisation is
 * upper-cased first, as a code is read everywhere.
 */
import { describe, expect, it } from 'vitest';
import { AccessService } from '../../src/services/access.js';
import { parseOwner } from '../../src/services/ownership.js';
import { qualityFilters } from '../../src/web/quality-filters.js';
import { healthFormats, isOrganisationCode } from '../../src/validation/health-formats.js';
import { ownerParameter } from '../../src/http/contract/parameters.js';
import { getQuality } from '../../src/http/contract/operations/quality.js';
import { openSqliteStore } from '../../src/store/sqlite.js';

// Both sides of each bound (3, 8 and 10 characters), the pipeline's supplier codes of 9 and 10, and other characters.
const CODES = ['RH', 'RH8', '8KR01', 'B86001', 'G9999981', '8J1100001', 'DPSREDUCED', 'DPSREDUCED1', 'RH8-02', 'RH8 02', 'ÄB1', ''];

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

describe('the organisation rule', () => {
  it('is one: tokens, the quality filter, the API patterns and owners agree on every code; ods-code keeps 3 to 8', async () => {
    const store = await openSqliteStore(':memory:');
    const access = new AccessService(store);
    const supplierPattern = new RegExp((getQuality.query!.supplier!.schema as { pattern: string }).pattern);
    const ownerPattern = new RegExp(ownerParameter.schema.pattern as string);
    try {
      for (const code of CODES) {
        const expected = isOrganisationCode(code);
        expect(await accepts.token(access, code), code).toBe(expected);
        expect(accepts.filter(code), code).toBe(expected);
        expect(accepts.owner(code), code).toBe(expected);
        expect(supplierPattern.test(code), code).toBe(expected);
        expect(ownerPattern.test(`org:${code}`), code).toBe(expected);
      }
      expect(CODES.filter((code) => isOrganisationCode(code))).toEqual(['RH8', '8KR01', 'B86001', 'G9999981', '8J1100001', 'DPSREDUCED']);
      expect(CODES.filter((code) => healthFormats['ods-code'].validate(code))).toEqual(['RH8', '8KR01', 'B86001', 'G9999981']);
      // a token's organisation typed in lower case is kept as the one rule's upper-case code
      const { stored } = await access.issue({ name: 'Sunrise', role: 'supplier', organisation: ' b86001 ' }, 'test');
      expect(stored.organisation).toBe('B86001');
    } finally {
      await store.close();
    }
  });
});
