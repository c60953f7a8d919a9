import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_SCHEMA_GUARD, checkShape } from '../../src/services/schema-guard.js';
import { DomainError } from '../../src/services/errors.js';

const ID = 'https://conform.invalid/standards/t/1.0.0';

describe('schema guard configuration', () => {
  it('reads every limit from the environment, with the documented defaults', () => {
    expect(loadConfig({}).schemaGuard).toEqual({
      limits: { nodes: 5000, depth: 32, enumValues: 2000, properties: 1000, branches: 500, combinatorNesting: 6, refDepth: 16 },
      compileTimeoutMs: 5000,
      patternTimeoutMs: 2000,
      maxWaitingChecks: 8,
      compareTimeoutMs: 10_000,
      maxWaitingComparisons: 8,
      maxWaitingPublishComparisons: 8,
      maxJudgedAdoptions: 10,
      maxAdoptionReads: 50,
    });
    const env = {
      CONFORM_MAX_SCHEMA_NODES: '100',
      CONFORM_MAX_SCHEMA_DEPTH: '5',
      CONFORM_MAX_ENUM_VALUES: '10',
      CONFORM_MAX_SCHEMA_PROPERTIES: '20',
      CONFORM_MAX_SCHEMA_BRANCHES: '30',
      CONFORM_MAX_COMBINATOR_NESTING: '2',
      CONFORM_MAX_REF_DEPTH: '3',
      CONFORM_COMPILE_TIMEOUT_MS: '800',
      CONFORM_PATTERN_CHECK_MS: '50',
      CONFORM_MAX_WAITING_SCHEMA_CHECKS: '0',
      CONFORM_COMPARE_TIMEOUT_MS: '2500',
      CONFORM_MAX_WAITING_COMPARISONS: '3',
      CONFORM_MAX_WAITING_PUBLISH_COMPARISONS: '2',
      CONFORM_MAX_JUDGED_ADOPTIONS: '0',
      CONFORM_MAX_ADOPTION_READS: '7',
    };
    expect(loadConfig(env).schemaGuard).toEqual({
      limits: { nodes: 100, depth: 5, enumValues: 10, properties: 20, branches: 30, combinatorNesting: 2, refDepth: 3 },
      compileTimeoutMs: 800,
      patternTimeoutMs: 50,
      maxWaitingChecks: 0,
      compareTimeoutMs: 2500,
      maxWaitingComparisons: 3,
      maxWaitingPublishComparisons: 2,
      maxJudgedAdoptions: 0,
      maxAdoptionReads: 7,
    });
  });

  it.each([
    ['CONFORM_MAX_ENUM_VALUES', '0'],
    ['CONFORM_MAX_SCHEMA_NODES', 'lots'],
    ['CONFORM_COMPILE_TIMEOUT_MS', '10'],
    ['CONFORM_COMPARE_TIMEOUT_MS', '50'],
    ['CONFORM_MAX_WAITING_COMPARISONS', '-1'],
    ['CONFORM_MAX_WAITING_PUBLISH_COMPARISONS', '1001'],
    ['CONFORM_MAX_JUDGED_ADOPTIONS', '1001'],
    ['CONFORM_MAX_ADOPTION_READS', '-1'],
  ])('refuses a bad %s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number`));
  });
});

describe('checkShape', () => {
  it('answers a schema over a limit with one rejected error naming each limit', () => {
    const schema = { properties: { a: { enum: [1, 2, 3] } }, anyOf: [{}, {}, {}] };
    const guard = { ...DEFAULT_SCHEMA_GUARD, limits: { ...DEFAULT_SCHEMA_GUARD.limits, enumValues: 2, branches: 2 } };
    let error: unknown;
    try {
      checkShape(schema, ID, new Map(), guard);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'rejected',
      message: 'the schema is larger or more complex than the registry accepts: enum values (at most 2), anyOf/oneOf/allOf branches (at most 2)',
      errors: [
        { pointer: '/properties/a/enum', limit: 'enum values', max: 2, value: 3, detail: 'enum has 3 values; the limit is 2 (enum values)' },
        expect.objectContaining({ pointer: '', limit: 'anyOf/oneOf/allOf branches', max: 2, value: 3 }),
      ],
    });
  });
});
