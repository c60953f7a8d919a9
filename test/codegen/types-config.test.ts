/** The bounds of generating types over HTTP come from the environment, checked at start like every other. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_TYPES_LIMITS } from '../../src/codegen/types-job.js';

describe('types generation configuration', () => {
  it('defaults to a 30 s budget and 4 waiting, and reads CONFORM_TYPES_TIMEOUT_MS and CONFORM_MAX_WAITING_TYPES', () => {
    expect(loadConfig({}).types).toEqual({ timeoutMs: 30_000, maxWaiting: 4 });
    expect(DEFAULT_TYPES_LIMITS).toEqual({ timeoutMs: 30_000, maxWaiting: 4 });
    expect(loadConfig({ CONFORM_TYPES_TIMEOUT_MS: '1500', CONFORM_MAX_WAITING_TYPES: '0' }).types).toEqual({ timeoutMs: 1500, maxWaiting: 0 });
  });

  it.each([
    ['CONFORM_TYPES_TIMEOUT_MS', '99'],
    ['CONFORM_TYPES_TIMEOUT_MS', '600001'],
    ['CONFORM_MAX_WAITING_TYPES', '-1'],
    ['CONFORM_MAX_WAITING_TYPES', '1001'],
    ['CONFORM_MAX_WAITING_TYPES', 'many'],
  ])('refuses a bad %s (%s), naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number`));
  });
});
