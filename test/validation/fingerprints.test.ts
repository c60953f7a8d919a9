import { describe, expect, it } from 'vitest';
import { fingerprint, FingerprintSet, RecordPositions } from '../../src/validation/fingerprints.js';

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

  it('keeps record numbers up to 2³² − 1 beside their keys, read back unsigned, through resizes and put', () => {
    const set = new FingerprintSet();
    const big = (i: number): number => 0xffff_ffff - i * 7919;
    for (let i = 0; i < 40_000; i++) {
      const [a, b] = fingerprint(`R${i}`);
      set.add(a, b, big(i));
    }
    const [a, b] = fingerprint('R123');
    expect(set.get(a, b)).toBe(big(123));
    expect(set.add(a, b, 7)).toBe(false);
    expect(set.firstRecord).toBe(big(123));
    expect(set.put(a, b, 3_000_000_000)).toBe(true);
    expect(set.get(a, b)).toBe(3_000_000_000);
    expect(set.get(...fingerprint('not added'))).toBe(-1);
  });

  it('spreads keys evenly over its segments, so growing copies a small part of the set at a time', () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 200_000; i++) {
      const [a, b] = fingerprint(`RTHA${String(i).padStart(7, '0')}`);
      set.add(a, b, i + 1);
    }
    const internals = set as unknown as { sizes: Int32Array; slotsOf: Int32Array[] };
    const sizes = [...internals.sizes];
    const mean = 200_000 / sizes.length;
    expect(Math.max(...sizes)).toBeLessThan(mean * 1.15);
    expect(Math.min(...sizes)).toBeGreaterThan(mean * 0.85);
    // The largest segment, the most one growth copies, is a small part of the whole set's slots.
    const slots = internals.slotsOf.map((s) => s.length);
    const total = slots.reduce((x, y) => x + y, 0);
    expect(Math.max(...slots) / total).toBeLessThanOrEqual(1 / 4);
    // Every key is still found, with the record it was first seen in.
    const [a, b] = fingerprint('RTHA0123456');
    expect(set.get(a, b)).toBe(123_457);
  });

  it('keeps every key and its first record across each growth of each segment, and finds duplicates right after one', () => {
    const set = new FingerprintSet();
    const internals = set as unknown as { slotsOf: Int32Array[]; sizes: Int32Array; limits: Int32Array };
    // Three numbers a slot: the fingerprint's two halves and the first record.
    const slots = () => internals.slotsOf.map((s) => s.length / 3);
    const wrong: string[] = [];
    let growths = 0;
    const grewBy = [0, 0, 0, 0, 0, 0, 0, 0];
    let before = slots();
    const n = 250_000;
    for (let record = 1; record <= n; record++) {
      const [a, b] = fingerprint(`RRF${record}`);
      if (!set.add(a, b, record)) wrong.push(`record ${record} taken as a duplicate`);
      const after = slots();
      const grown = after.findIndex((count, segment) => count !== before[segment]);
      if (grown === -1) continue;
      growths++;
      grewBy[grown]!++;
      // A segment grew (doubled) to take this key: the keys added before it and this one are all still there.
      expect(after[grown]).toBe(2 * before[grown]!);
      for (const earlier of [1, 2, record >> 1, record - 1, record]) {
        const [ea, eb] = fingerprint(`RRF${earlier}`);
        if (set.add(ea, eb, n + record) || set.firstRecord !== earlier) wrong.push(`record ${earlier} after growth ${growths}`);
      }
      before = after;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    // Each segment doubled at least twice (from 5,792 to 10,624 slots at first, to 35,000 or more).
    expect(Math.min(...grewBy)).toBeGreaterThanOrEqual(2);
    expect(growths).toBe(grewBy.reduce((x, y) => x + y, 0));
    expect(set.size).toBe(n);
    // Every key, after all growths, has the record it was first seen in.
    for (let record = 1; record <= n; record += 7) {
      const [a, b] = fingerprint(`RRF${record}`);
      if (set.get(a, b) !== record) wrong.push(`record ${record} at the end`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    // A segment grows only when it reaches its limit, and its keys stay under it.
    for (let segment = 0; segment < 8; segment++) expect(internals.sizes[segment]).toBeLessThanOrEqual(internals.limits[segment]!);
  });

  it('takes at most about 21 bytes a key (fingerprint and first record) at any count from 50,000 to 600,000 keys, where half-full doubling tables took 24 to 48', () => {
    const set = new FingerprintSet();
    const internals = set as unknown as { slotsOf: Int32Array[] };
    const bytes = () => internals.slotsOf.reduce((n, array) => n + array.byteLength, 0);
    let most = 0;
    let least = Infinity;
    for (let i = 1; i <= 600_000; i++) {
      set.add(i * 2654435761, Math.imul(i, 0x85ebca6b) | 1, i);
      if (i >= 50_000 && i % 1_000 === 0) {
        most = Math.max(most, bytes() / i);
        least = Math.min(least, bytes() / i);
      }
    }
    expect(set.size).toBe(600_000);
    expect(most).toBeLessThan(21.5);
    // 12 bytes a slot: never fuller than 87.5%.
    expect(least).toBeGreaterThanOrEqual(12 / 0.875);
  });

  it('stops at MAX_KEYS and says so, still telling keys it holds from new ones', () => {
    const MAX_KEYS = 4 * 1024 * 1024;
    const set = new FingerprintSet();
    const b = (i: number) => Math.imul(i, 0x85ebca6b) | 1;
    for (let i = 1; i <= MAX_KEYS; i++) if (!set.add(i, b(i), i)) throw new Error(`key ${i} taken as a duplicate`);
    expect(set.size).toBe(MAX_KEYS);
    expect(set.capped).toBe(false);
    // A key it holds is still a duplicate (where it was first seen is no longer said once capped).
    expect(set.add(77, b(77), MAX_KEYS + 1)).toBe(false);
    expect(set.capped).toBe(true);
    expect(set.firstRecord).toBe(0);
    // A new key is not kept: added again, it is again not a duplicate.
    expect(set.add(MAX_KEYS + 5, b(MAX_KEYS + 5), MAX_KEYS + 2)).toBe(true);
    expect(set.add(MAX_KEYS + 5, b(MAX_KEYS + 5), MAX_KEYS + 3)).toBe(true);
    expect(set.size).toBe(MAX_KEYS);
    expect(set.get(MAX_KEYS + 5, b(MAX_KEYS + 5))).toBe(-1);
    expect(set.put(MAX_KEYS + 6, b(MAX_KEYS + 6), 1)).toBe(false);
    expect(set.get(123_456, b(123_456))).toBe(123_456);
    expect(set.lookup(MAX_KEYS, b(MAX_KEYS))).toBe(true);
    expect(set.firstRecord).toBe(MAX_KEYS);
  });

  it('reserve() sizes each segment as growing would have, once, and finds the same duplicates and first records', () => {
    type Internals = { slotsOf: Int32Array[] };
    const slots = (set: FingerprintSet) => (set as unknown as Internals).slotsOf.map((s) => s.length / 3);
    const n = 400_000;
    const key = (record: number) => fingerprint(`RRK${record % 390_000}`); // 10,000 repeats at the end
    const grown = new FingerprintSet();
    const reserved = new FingerprintSet();
    let resizedAfter = 0;
    const wrong: string[] = [];
    for (let record = 1; record <= n; record++) {
      const [a, b] = key(record);
      if (record === n / 16) reserved.reserve(n);
      const before = record > n / 16 ? slots(reserved).join() : '';
      const added = grown.add(a, b, record);
      if (reserved.add(a, b, record) !== added || reserved.firstRecord !== grown.firstRecord) wrong.push(`record ${record}`);
      if (before !== '' && slots(reserved).join() !== before) resizedAfter++;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(reserved.size).toBe(390_000);
    expect(grown.size).toBe(390_000);
    // Made room once: no segment doubled afterwards (its keys placed again), and none is larger than growing made it.
    expect(resizedAfter).toBe(0);
    slots(reserved).forEach((count, segment) => expect(count).toBeLessThanOrEqual(slots(grown)[segment]!));
    // Every key still has the record it was first seen in.
    for (let record = 1; record <= 390_000; record += 13) expect(reserved.get(...key(record))).toBe(record);
  });

  it('reserve() never makes room for more than 16 times the keys it holds, nor past MAX_KEYS, whatever it is told', () => {
    type Internals = { slotsOf: Int32Array[] };
    const bytes = (set: FingerprintSet) => (set as unknown as Internals).slotsOf.reduce((n, s) => n + s.byteLength, 0);
    const filled = (keys: number) => {
      const set = new FingerprintSet();
      for (let i = 1; i <= keys; i++) set.add(...fingerprint(`K${i}`), i);
      return set;
    };
    // Empty: told a billion keys are coming, it keeps its first slots.
    const empty = new FingerprintSet();
    const first = bytes(empty);
    empty.reserve(1e9);
    expect(bytes(empty)).toBe(first);
    // 10,000 keys told a billion: no more than a set that grew to 160,000 keys.
    const small = filled(10_000);
    small.reserve(1e9);
    expect(bytes(small)).toBeLessThanOrEqual(bytes(filled(160_000)));
    expect(bytes(small)).toBeGreaterThan(bytes(filled(10_000)));
    // 300,000 keys told a billion: 16 times is past MAX_KEYS (4,194,304 keys), so room for MAX_KEYS at most (21 bytes a key).
    const large = filled(300_000);
    large.reserve(1e9);
    expect(bytes(large)).toBeLessThanOrEqual(4 * 1024 * 1024 * 21);
    expect(bytes(large)).toBeGreaterThanOrEqual((4 * 1024 * 1024 * 12) / 0.875);
    expect(large.get(...fingerprint('K299999'))).toBe(299_999);
  });

  it('touch() reads the slots of a batch of keys without adding any: the keys, duplicates and first records are as without it', () => {
    // Keys as a piece's deferred keys come: two halves then five other numbers each (a record among them).
    const stride = 7;
    const batch = (from: number, n: number): Int32Array => {
      const keys = new Int32Array(n * stride);
      for (let i = 0; i < n; i++) {
        const [a, b] = fingerprint(`K${(from + i) % 30_000}`); // from 30,000 on, repeats
        keys.set([a, b, from + i + 1, 0, 0, 0, 0], i * stride);
      }
      return keys;
    };
    const touched = new FingerprintSet();
    const plain = new FingerprintSet();
    const told: string[] = [];
    for (let from = 0; from < 40_000; from += 1_800) {
      const keys = batch(from, Math.min(1_800, 40_000 - from));
      const before = touched.size;
      touched.touch(keys, stride);
      expect(touched.size).toBe(before);
      for (let k = 0; k < keys.length; k += stride) {
        const added = touched.add(keys[k]!, keys[k + 1]!, keys[k + 2]);
        expect(plain.add(keys[k]!, keys[k + 1]!, keys[k + 2])).toBe(added);
        if (!added) told.push(`${keys[k + 2]} ${touched.firstRecord} ${plain.firstRecord}`);
      }
    }
    expect(touched.size).toBe(30_000);
    expect(told).toHaveLength(10_000);
    expect(told.every((t) => t.split(' ')[1] === t.split(' ')[2])).toBe(true);
    // An empty batch, or one over an empty set, reads nothing it should not.
    new FingerprintSet().touch(new Int32Array(0), stride);
    const empty = new FingerprintSet();
    empty.touch(batch(0, 10), stride);
    expect(empty.size).toBe(0);
    expect(empty.lookup(...fingerprint('K3'))).toBe(false);
  });

  it('gives different fingerprints to different keys and the same to the same key', () => {
    expect(fingerprint('s1\u0000')).toEqual(fingerprint('s1\u0000'));
    expect(fingerprint('s1\u0000')).not.toEqual(fingerprint('n1\u0000'));
    // Signed 32-bit halves (kept unboxed), the second odd so never 0, the mark of an empty slot.
    for (const key of ['anything', 'RTHA0000001', '', '\u00e9']) {
      const [a, b] = fingerprint(key);
      expect(a).toBe(a | 0);
      expect(b).toBe(b | 0);
      expect(b & 1).toBe(1);
    }
  });
});

describe('RecordPositions', () => {
  it("gives each noted record's line and row from the points where they stop following the record numbers", () => {
    const positions = new RecordPositions();
    // A CSV: header on line 1; records 1-3 on lines 2-4; a blank line; record 4 on line 6 (row 6); record 5's
    // cell spans lines 7-8 (row 7); record 6 on line 9 (row 8).
    const records: [number, number, number][] = [
      [1, 2, 2],
      [2, 3, 3],
      [3, 4, 4],
      [4, 6, 6],
      [5, 7, 7],
      [6, 9, 8],
    ];
    for (const [record, line, row] of records) positions.note(record, line, row);
    for (const [record, line, row] of records) expect(positions.at(record)).toEqual({ line, row });
    expect(positions.at(0)).toEqual({ line: 0, row: 0 });
  });

  it('keeps one point for a file whose records follow their numbers, and 0 for what was not told', () => {
    const positions = new RecordPositions();
    for (let record = 1; record <= 100_000; record++) positions.note(record, record + 1, 0);
    expect(positions.at(77_777)).toEqual({ line: 77_778, row: 0 });
    // Internal size: one run for the whole file (four numbers), not one per record.
    expect((positions as unknown as { length: number }).length).toBe(4);
  });

  it('gives a record that was never noted no position (0), never one guessed from the record before it', () => {
    const positions = new RecordPositions();
    positions.note(1, 2, 2);
    positions.note(2, 3, 3);
    // Records 3 and 4 are not noted (no key: the set never saw them); record 5 follows the same offsets.
    positions.note(5, 6, 6);
    expect(positions.at(3)).toEqual({ line: 0, row: 0 });
    expect(positions.at(4)).toEqual({ line: 0, row: 0 });
    expect(positions.at(5)).toEqual({ line: 6, row: 6 });
    expect(positions.at(2)).toEqual({ line: 3, row: 3 });
    // Past the last record noted, and before the first.
    expect(positions.at(6)).toEqual({ line: 0, row: 0 });
    const late = new RecordPositions();
    late.note(4, 5, 0);
    expect(late.at(3)).toEqual({ line: 0, row: 0 });
  });

  it("a duplicate of a key first seen without a line says the line is not known, not the neighbour's", () => {
    const set = new FingerprintSet();
    expect(set.add(1, 11, 1, 2, 2)).toBe(true);
    // Record 2 comes without a line or row (a caller that does not know them): not noted.
    expect(set.add(2, 22, 2)).toBe(true);
    expect(set.add(2, 22, 3, 4, 4)).toBe(false);
    expect([set.firstRecord, set.firstLine, set.firstRow]).toEqual([2, 0, 0]);
  });

  it('ignores a record noted out of order instead of breaking the order it searches', () => {
    const positions = new RecordPositions();
    positions.note(10, 11, 0);
    positions.note(5, 99, 0);
    positions.note(20, 25, 0);
    expect(positions.at(10)).toEqual({ line: 11, row: 0 });
    expect(positions.at(20)).toEqual({ line: 25, row: 0 });
  });

  it('lets a duplicate name where its key was first seen, with far less memory than a line per slot', () => {
    const set = new FingerprintSet();
    for (let i = 1; i <= 5_000; i++) expect(set.add(i, i * 7 + 1, i, i + 2, i + 1)).toBe(true);
    expect(set.add(1234, 1234 * 7 + 1, 5_001, 5_004, 5_002)).toBe(false);
    expect([set.firstRecord, set.firstLine, set.firstRow]).toEqual([1234, 1236, 1235]);
  });
});
