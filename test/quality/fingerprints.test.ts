import { describe, expect, it } from 'vitest';
import { fingerprint, FingerprintSet } from '../../src/quality/fingerprints.js';

describe('record-key fingerprints', () => {
  it('count duplicates exactly over 300,000 keys, through many resizes', () => {
    const set = new FingerprintSet();
    let duplicates = 0;
    for (let i = 0; i < 300_000; i++) {
      const key = `RK9A${i % 250_000}`; // 50,000 repeats
      const [a, b] = fingerprint(key);
      if (!set.add(a, b)) duplicates++;
    }
    expect(duplicates).toBe(50_000);
    expect(set.size).toBe(250_000);
    expect(set.capped).toBe(false);
  });

  it('gives different fingerprints to different keys and the same to the same key', () => {
    expect(fingerprint('s1\u0000')).toEqual(fingerprint('s1\u0000'));
    expect(fingerprint('s1\u0000')).not.toEqual(fingerprint('n1\u0000'));
    const [, b] = fingerprint('anything');
    expect(b).toBeGreaterThan(0);
  });
});
