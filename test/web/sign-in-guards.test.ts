/** The sign-in guards on their own: where `next` may lead, and the failure limiter's windows and bound. */
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/web/next-path.js';
import { SignInLimiter } from '../../src/web/sign-in-limit.js';

describe('safeNext', () => {
  it('keeps paths on this site, resolved', () => {
    for (const [value, expected] of [
      ['/validate', '/validate'],
      ['/quality?standard=a&supplier=B1', '/quality?standard=a&supplier=B1'],
      ['/standards/x/1.0.0#fields', '/standards/x/1.0.0#fields'],
      ['/a/./b/../c', '/a/c'],
      ['/', '/'],
    ]) {
      expect(safeNext(value), value).toBe(expected);
    }
  });

  it('falls back to /validate for anything else', () => {
    for (const value of [
      undefined,
      null,
      42,
      ['/a'],
      '',
      'validate',
      '//evil.com',
      '/\\evil.com',
      '/\tevil.com',
      '/%5cevil.com',
      '/..//evil.com',
      `/${'a'.repeat(3000)}`,
      '/é',
    ]) {
      expect(safeNext(value), JSON.stringify(value)).toBe('/validate');
    }
  });
});

describe('SignInLimiter', () => {
  it('blocks an address at its limit until its minute is over, and everyone at the overall limit', () => {
    let now = 1_000_000;
    const limiter = new SignInLimiter({ perAddress: 3, total: 5 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('a')).toBe(0);
      limiter.failed('a');
    }
    expect(limiter.retryAfter('a')).toBe(60);
    expect(limiter.retryAfter('b')).toBe(0);
    now += 59_500;
    expect(limiter.retryAfter('a')).toBe(1);
    now += 500;
    expect(limiter.retryAfter('a'), 'a new minute').toBe(0);
    // The overall window started with a's first failure and has just ended too: five more from b and c reach it.
    limiter.failed('b');
    limiter.failed('b');
    limiter.failed('c');
    limiter.failed('c');
    expect(limiter.retryAfter('d')).toBe(0);
    limiter.failed('c');
    expect(limiter.retryAfter('d'), 'the overall limit blocks everyone').toBe(60);
  });

  it('tracks at most 10,000 addresses', () => {
    let now = 0;
    const limiter = new SignInLimiter({ perAddress: 10, total: Number.MAX_SAFE_INTEGER }, () => now);
    for (let i = 0; i < 25_000; i++) {
      now += 1;
      limiter.failed(`10.0.${i >> 8}.${i & 255}`);
    }
    expect(limiter.size).toBeLessThanOrEqual(10_000);
  });
});
