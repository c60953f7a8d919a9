import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/services/admission.js';
import { DomainError, HTTP_STATUS } from '../../src/services/errors.js';
import { loadConfig, ConfigError } from '../../src/config.js';

const refusal = (enter: () => unknown): DomainError => {
  try {
    enter();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('admission', () => {
  it("refuses a supplier beyond its share with over-limit (429), and beyond the process's bound with unavailable (503)", () => {
    const admission = new Admission({ perProcess: 3, perSupplier: 2, retryAfterSeconds: 9 });
    admission.enter('A');
    admission.enter('A');
    const over = refusal(() => admission.enter('A'));
    expect(over).toBeInstanceOf(DomainError);
    expect(over).toMatchObject({ kind: 'over-limit', retryAfter: 9 });
    expect(over.message).toBe('this organisation already has 2 validations running (at most 2 at once); try again later');
    // The limit reached, by name and number, never the organisation.
    expect(over.errors).toEqual([{ limit: 'validations-per-organisation', max: 2, detail: 'at most 2 validations may run at once for one organisation' }]);
    expect(HTTP_STATUS[over.kind]).toBe(429);
    admission.enter('B');
    const busy = refusal(() => admission.enter('C'));
    expect(busy).toMatchObject({ kind: 'unavailable', retryAfter: 9 });
    expect(busy.message).toBe('the service is validating as many submissions as it can (3); try again later');
    expect(busy.errors).toEqual([{ limit: 'validations-per-process', max: 3, detail: 'at most 3 validations may run at once in this server process' }]);
    expect(HTTP_STATUS[busy.kind]).toBe(503);
    expect(admission.inUse()).toBe(3);
  });

  it('frees a slot once, however often it is released', () => {
    const admission = new Admission({ perProcess: 2, perSupplier: 1, retryAfterSeconds: 1 });
    const slot = admission.enter('A');
    admission.enter('B');
    slot.release();
    slot.release();
    expect(admission.inUse()).toBe(1);
    expect(admission.inUse('A')).toBe(0);
    admission.enter('A');
    expect(() => admission.enter('C')).toThrow(/as many submissions as it can/);
  });
});

describe('admission and timeout settings', () => {
  it('have sane defaults and are read from the environment', () => {
    expect(loadConfig({})).toMatchObject({
      maxValidations: 8,
      maxValidationsPerSupplier: 2,
      retryAfterSeconds: 5,
      bodyTimeoutSeconds: 30,
      headersTimeoutSeconds: 20,
      keepAliveTimeoutSeconds: 5,
      maxConnections: 1000,
      maxConnectionsPerAddress: 0,
    });
    expect(loadConfig({ CONFORM_MAX_CONNECTIONS: '50', CONFORM_MAX_CONNECTIONS_PER_ADDRESS: '10' })).toMatchObject({
      maxConnections: 50,
      maxConnectionsPerAddress: 10,
    });
    expect(loadConfig({ CONFORM_MAX_VALIDATIONS: '3', CONFORM_BODY_TIMEOUT_SECONDS: '2' })).toMatchObject({ maxValidations: 3, bodyTimeoutSeconds: 2 });
    expect(loadConfig({})).toMatchObject({ minBodyBytesPerSecond: 1000 });
    expect(loadConfig({ CONFORM_MIN_BODY_RATE: '0' })).toMatchObject({ minBodyBytesPerSecond: 0 });
    for (const bad of ['-1', 'x', '1.5']) expect(() => loadConfig({ CONFORM_MIN_BODY_RATE: bad })).toThrow('CONFORM_MIN_BODY_RATE');
  });

  it.each([
    'CONFORM_MAX_VALIDATIONS',
    'CONFORM_MAX_VALIDATIONS_PER_SUPPLIER',
    'CONFORM_RETRY_AFTER_SECONDS',
    'CONFORM_BODY_TIMEOUT_SECONDS',
    'CONFORM_HEADERS_TIMEOUT_SECONDS',
    'CONFORM_KEEP_ALIVE_TIMEOUT_SECONDS',
    'CONFORM_MAX_CONNECTIONS',
  ])('names %s when it is not a whole number in range', (name) => {
    for (const bad of ['0', 'x', '1.5']) {
      expect(() => loadConfig({ [name]: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: bad })).toThrow(name);
    }
  });
});
