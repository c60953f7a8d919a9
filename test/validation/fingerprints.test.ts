import { describe, expect, it } from 'vitest';
import { fingerprint, FingerprintSet } from '../../src/validation/fingerprints.js';

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

  it('names the record each duplicate key was first seen in, through many resizes', () => {
    const set = new FingerprintSet();
    const wrong: string[] = [];
    for (let record = 1; record <= 200_000; record++) {
      const n = record <= 150_000 ? record : record - 150_000; // records 150,001… repeat records 1…
      const [a, b] = fingerprint(`K${n}`);
      const added = set.add(a, b, record);
      if (record <= 150_000 ? !added : added || set.firstRecord !== n) wrong.push(`record ${record}: ${added} ${set.firstRecord}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(set.size).toBe(150_000);
  });

  it('gives different fingerprints to different keys and the same to the same key', () => {
    expect(fingerprint('s1\u0000')).toEqual(fingerprint('s1\u0000'));
    expect(fingerprint('s1\u0000')).not.toEqual(fingerprint('n1\u0000'));
    const [, b] = fingerprint('anything');
    expect(b).toBeGreaterThan(0);
  });
});
