/**
 * A set of 64-bit fingerprints of record keys, in 8 typed arrays (segments chosen by the fingerprint, each
 * with open addressing and linear probing, doubling on its own at 87.5% full, the eight of staggered sizes
 * so they double at different moments): 12 bytes a slot (the fingerprint's two halves and the number of
 * the record its key was first seen in, side by side), each segment between 44% and 87.5% full: 19–21
 * bytes a key in all, about 19.7 MiB at a million keys (slots half full took 24 MiB). Two keys are taken as
 * equal when both 32-bit hashes (FNV-1a and a multiplicative hash of the key text) agree, so a duplicate
 * can be miscounted only when two different keys collide in 64 bits: for n keys the chance is about
 * n² / 2⁶⁵ (3 in 100 million for a million keys). The record number kept with each key lets a duplicate
 * name it, and when told, where records are (RecordPositions: their lines and
 * spreadsheet rows, kept as runs of records whose line and row follow their numbers; a record not noted
 * has none), so a duplicate can say where its first occurrence is. The set stops growing at MAX_KEYS (4 million keys, about 79 MiB),
 * and says it was capped. Shipped in generated standalone validators' runtime (with record-actions.ts).
 */
const MAX_KEYS = 4 * 1024 * 1024;

/** Where a record is: its number, the line it starts on (0 when not known) and its spreadsheet row (CSV; 0 otherwise). */
export interface RecordPosition {
  record: number;
  line: number;
  row: number;
}

/**
 * "record 3 (line 5, row 4)": where a record is, as a finding names an earlier one (duplicate-key,
 * near-duplicate-key, and x-record-actions' rules across rows), with what is known of its line and row.
 */
export function whereRecord({ record, line, row }: RecordPosition): string {
  const at = [line > 0 ? `line ${line}` : '', row > 0 ? `row ${row}` : ''].filter(Boolean).join(', ');
  return at === '' ? `record ${record}` : `record ${record} (${at})`;
}

/** An offset not told (a record without a line, or without a spreadsheet row). */
const NONE = -0x80000000;

/**
 * The line and spreadsheet row of each record noted, for records noted in increasing order: kept as runs
 * of records noted one after another whose line and row are their number plus the same offsets, four
 * numbers a run (its first and last record, the two offsets). A run ends where a record's line or row
 * stops following its number (a blank line, a cell over several lines, an unreadable row) or where a
 * record is not noted (a record without a key). An ordinary file has a handful of runs however many
 * records it has; at worst (every record after a change or a gap) 16 bytes a record noted, as a line and
 * a row beside each slot of the set would cost. A record never noted has no position (0, 0): where it is
 * is not guessed from its neighbours, since a finding naming it at a guessed line would send its reader
 * to the wrong record.
 */
export class RecordPositions {
  private runs = new Int32Array(4 * 64);
  private length = 0;

  note(record: number, line: number, row: number): void {
    const n = this.length;
    const runs = this.runs;
    if (n > 0 && record <= runs[n - 3]!) return; // out of order: positions are only for records in input order
    const dl = line === 0 ? NONE : line - record;
    const dr = row === 0 ? NONE : row - record;
    if (n > 0 && runs[n - 3] === record - 1 && runs[n - 2] === dl && runs[n - 1] === dr) {
      runs[n - 3] = record;
      return;
    }
    if (n + 4 > runs.length) {
      this.runs = new Int32Array(runs.length * 2);
      this.runs.set(runs);
    }
    this.runs[n] = record;
    this.runs[n + 1] = record;
    this.runs[n + 2] = dl;
    this.runs[n + 3] = dr;
    this.length = n + 4;
  }

  /** The line and row of a record noted; 0 for what is not known, and for a record never noted. */
  at(record: number): { line: number; row: number } {
    const runs = this.runs;
    let lo = 0;
    let hi = this.length / 4 - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid * 4]! <= record) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1 || record === 0 || record > runs[found * 4 + 1]!) return { line: 0, row: 0 };
    const dl = runs[found * 4 + 2]!;
    const dr = runs[found * 4 + 3]!;
    return { line: dl === NONE ? 0 : record + dl, row: dr === NONE ? 0 : record + dr };
  }
}

/** What KeyHasher.part saw in a part: a lower-case ASCII letter, and a character outside ASCII. */
export const PART_LOWER_ASCII = 1;
export const PART_NON_ASCII = 2;

/** A running 64-bit fingerprint over the parts of a key, without building a string of them. */
export class KeyHasher {
  // Both halves stay signed 32-bit integers, as Math.imul makes them: V8 keeps such a number unboxed, where
  // an unsigned half over 2³¹ became a heap number each time it was passed or stored (two a key).
  a = 0x811c9dc5 | 0;
  b = 0x9e3779b9 | 0;

  reset(): this {
    this.a = 0x811c9dc5 | 0;
    this.b = 0x9e3779b9 | 0;
    return this;
  }

  /**
   * Adds one part; `tag` tells a text part from a number with the same digits. Says what the part held,
   * seen on the way (PART_LOWER_ASCII, PART_NON_ASCII; 0: neither), so a caller asking whether a key is
   * in upper case need not look at its characters again.
   */
  part(text: string, tag: number): number {
    return this.add(text, 0, text.length, 0, tag);
  }

  /**
   * Adds one ASCII part as part() would add it trimmed of spaces and tabs at its ends and in upper case,
   * without making that string; false (nothing added) when the part holds a character outside ASCII,
   * whose upper case only String#toUpperCase knows.
   */
  partUpperAscii(text: string, tag: number): boolean {
    let start = 0;
    let end = text.length;
    while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
    while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
    this.add(text, start, end, 32, tag);
    return true;
  }

  /**
   * Adds the characters at [start, end), each lower-case ASCII letter less `upper` (32: in upper case; 0:
   * as it is), then the tag; what they held (see part).
   */
  private add(text: string, start: number, end: number, upper: number, tag: number): number {
    let { a, b } = this;
    let held = 0;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c >= 97) {
        if (c <= 122) {
          c -= upper;
          held |= PART_LOWER_ASCII;
        } else if (c > 127) held |= PART_NON_ASCII;
      }
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x85ebca6b) ^ (b >>> 13);
    }
    // A separator and the tag, so ('ab', 'c') and ('a', 'bc') differ.
    a = Math.imul(a ^ (0x10000 + tag), 0x01000193);
    b = Math.imul(b ^ (0x10000 + tag), 0x85ebca6b) ^ (b >>> 13);
    this.a = a;
    this.b = b;
    return held;
  }

  /** The two halves, signed 32-bit integers; the second is odd, never 0, so 0 marks an empty slot. */
  get high(): number {
    return this.a | 0;
  }
  get low(): number {
    return this.b | 1;
  }
}

export function fingerprint(text: string): [number, number] {
  const h = new KeyHasher();
  h.part(text, 0);
  return [h.high, h.low];
}

/** A mix of both halves of a fingerprint, whose high bits give its first slot in its segment. */
function home(a: number, b: number): number {
  return a ^ Math.imul(b, 0x27d4eb2d);
}

/** 2⁻³²: scales a 32-bit mix times a segment's slot count down to a slot. */
const TO_SLOT = 1 / 4294967296;

/**
 * The first slot of a mix (home()) in a segment of `capacity` slots: the mix's high bits scaled to the
 * slot count (multiply-shift), so a segment need not be a power of two. Exact in doubles: the product is
 * under 2⁵³ for any segment up to 2²¹ slots, and under 2³² × capacity for any larger one, so its floor
 * stays below `capacity`.
 */
function slotOf(mix: number, capacity: number): number {
  return ((mix >>> 0) * capacity * TO_SLOT) | 0;
}

/**
 * Segments a set is split into, by the top bits of a mix of a fingerprint's second half (its first slot
 * in a segment comes from the high bits of another mix). Each grows on its own, so growing copies one
 * segment (an eighth of the set) while the rest stay: a set doubled in one table held the old and the new
 * table at once (36 MiB for a table growing to a million keys, instead of 24), and that moment set the
 * service's peak memory for a large file. Eight, not more: 64 segments measured the same in the service,
 * but their many mid-sized arrays came from malloc's heap rather than their own mappings, and the command
 * line's peak rose by about 13 MiB (docs/benchmarks.md).
 */
const SEGMENT_BITS = 3;
const SEGMENTS = 1 << SEGMENT_BITS;
const SEGMENT_SHIFT = 32 - SEGMENT_BITS;
/**
 * A segment doubles when its keys reach this share of its slots, so it is between 44% and 87.5% full (a
 * slot holds 12 bytes). Linear probing stays short at that load: a probe reads the next 12 bytes, mostly
 * in the cache line already read. Growing by less than double, with more slots in use, saves more memory
 * but places each key again more often (twice as often at ×1.5): adding a million keys measured 30–40% slower.
 */
const MAX_LOAD = 0.875;
/**
 * Each segment's first slot count, 2^(k/8) times the smallest (about 5,800; about 760 KiB for the set):
 * segments hold about as many keys each, so they double at different moments and the set's slots grow by
 * about 9% at a time. All eight at one size doubled together, so a set's memory went by doubling, and
 * was twice what it needed just after each. Not powers of two, so a fingerprint's first slot is placed by
 * multiply-shift (slotOf).
 */
const FIRST_SLOTS = Array.from({ length: SEGMENTS }, (_, k) => Math.round(2 ** (13 + k / SEGMENTS - 0.5) / 8) * 8);

/**
 * reserve() sizes the set for at most this many times the keys it holds: a guess of the keys to come made
 * from 1/16 of an input (parallel.ts) is within it, and a false one costs no more than 16 times the memory
 * of the keys actually seen (up to MAX_KEYS' 79 MiB).
 */
const RESERVE_AHEAD = 16;

function limitOf(capacity: number): number {
  return Math.floor(capacity * MAX_LOAD);
}

function segmentOf(b: number): number {
  return Math.imul(b, 0x9e3779b1) >>> SEGMENT_SHIFT;
}

/** Numbers a slot holds: the fingerprint's two halves, then the record its key was first seen in. */
const SLOT = 3;

export class FingerprintSet {
  // Each segment is open addressing with linear probing, at most MAX_LOAD full. Slot i holds its two halves
  // and the record its key was first seen in (0 when not told) side by side (3i, 3i + 1, 3i + 2): one
  // cache line per probe, and the record written where the probe ended (a set of a million keys is far
  // larger than the caches, and its record numbers in an array of their own cost a second miss a key).
  // Signed, as KeyHasher gives them; the record is read back unsigned. A segment's slot count is its
  // array's length over SLOT (FIRST_SLOTS, then doubled).
  private readonly slotsOf = FIRST_SLOTS.map((n) => new Int32Array(SLOT * n));
  /** Keys in each segment, and the count at which each grows. */
  private readonly sizes = new Int32Array(SEGMENTS);
  private readonly limits = Int32Array.from(FIRST_SLOTS, limitOf);
  size = 0;
  capped = false;
  /** Where the records keys were added with are (their lines and rows); made when a key first comes with one. */
  private positions: RecordPositions | undefined;
  /** After `add` found a duplicate: the record its key was first seen in (0 when unknown), and its line and row (0 when not told). */
  firstRecord = 0;
  firstLine = 0;
  firstRow = 0;
  /** What touch() read, kept only so its reads are made. */
  private touched = 0;

  /** Adds a fingerprint (two signed 32-bit halves, as KeyHasher gives them) seen in `record` (on `line`, spreadsheet `row`); false when it was already there (a duplicate: see firstRecord). */
  add(a: number, b: number, record = 0, line = 0, row = 0): boolean {
    const segment = segmentOf(b);
    if (this.size >= MAX_KEYS) {
      this.capped = true;
      this.firstRecord = this.firstLine = this.firstRow = 0;
      return this.find(this.slotsOf[segment]!, a, b) === -1;
    }
    let slots: Int32Array = this.slotsOf[segment]!;
    if (this.sizes[segment]! >= this.limits[segment]!) slots = this.grow(segment);
    if (line !== 0 || row !== 0) (this.positions ??= new RecordPositions()).note(record, line, row);
    const capacity = slots.length / SLOT;
    for (let i = slotOf(home(a, b), capacity); ;) {
      const at = i * SLOT;
      if (slots[at + 1] === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = record;
        this.sizes[segment]!++;
        this.size++;
        return true;
      }
      if (slots[at + 1] === b && slots[at] === a) {
        this.first(slots, at);
        return false;
      }
      if (++i === capacity) i = 0;
    }
  }

  /**
   * Reads the first slot of each fingerprint in `keys` (its two halves at every `stride`-th number), adding
   * none, so a batch about to be added finds its slots in the cache. A set of a million keys is far larger
   * than the caches: each `add` waits for its slot's cache line before the next add can start, where these
   * reads, independent of one another, wait together. For the main thread judging a piece's deferred keys
   * (about 1,800 at a time), a million adds took about a quarter less CPU (docs/benchmarks.md). Reads the
   * first `length` numbers of `keys`.
   */
  touch(keys: Int32Array, stride: number, length = keys.length): void {
    const slotsOf = this.slotsOf;
    let read = 0;
    for (let k = 0; k + 1 < length; k += stride) {
      const a = keys[k]!;
      const b = keys[k + 1]!;
      const slots = slotsOf[segmentOf(b)]!;
      read ^= slots[slotOf(home(a, b), slots.length / SLOT) * SLOT + 1]!;
    }
    // Kept, so the reads are not dropped as unused.
    this.touched ^= read;
  }

  /** Whether a fingerprint is in the set, without adding it; when it is, firstRecord, firstLine and firstRow say where it was first seen. */
  lookup(a: number, b: number): boolean {
    const segment = segmentOf(b);
    const slots = this.slotsOf[segment]!;
    const at = this.find(slots, a, b);
    if (at === -1) return false;
    this.first(slots, at);
    return true;
  }

  /** Says where the key in the slot at `at` was first seen. */
  private first(slots: Int32Array, at: number): void {
    this.firstRecord = slots[at + 2]! >>> 0;
    const where = this.positions?.at(this.firstRecord);
    this.firstLine = where?.line ?? 0;
    this.firstRow = where?.row ?? 0;
  }

  /** Where in a segment's slots the slot holding a fingerprint starts, or -1 when it is not in the set. */
  private find(slots: Int32Array, a: number, b: number): number {
    const capacity = slots.length / SLOT;
    for (let i = slotOf(home(a, b), capacity); slots[i * SLOT + 1] !== 0;) {
      const at = i * SLOT;
      if (slots[at + 1] === b && slots[at] === a) return at;
      if (++i === capacity) i = 0;
    }
    return -1;
  }

  /**
   * Used as a map from fingerprint to a number (the set's record numbers): the number kept with a
   * fingerprint, or -1 when it is not in the set.
   */
  get(a: number, b: number): number {
    const segment = segmentOf(b);
    const slots = this.slotsOf[segment]!;
    const at = this.find(slots, a, b);
    return at === -1 ? -1 : slots[at + 2]! >>> 0;
  }

  /** Keeps a number with a fingerprint, adding it or replacing its number; false when the set is capped and it is new (not kept). */
  put(a: number, b: number, value: number): boolean {
    const segment = segmentOf(b);
    const slots = this.slotsOf[segment]!;
    const at = this.find(slots, a, b);
    if (at !== -1) {
      slots[at + 2] = value;
      return true;
    }
    if (this.size >= MAX_KEYS) {
      this.capped = true;
      return false;
    }
    return this.add(a, b, value);
  }

  /**
   * Makes room at once for about `keys` keys in all, for a caller that knows roughly how many will come
   * (the service: from a submission's declared length and the records a byte seen so far), so the
   * segments are not doubled and their keys placed again four or five times on the way there. Each
   * segment is sized as doubling would have sized it for its eighth of `keys`: never larger than growing
   * to that many keys would make it, and never for more than RESERVE_AHEAD times the keys already held or
   * MAX_KEYS (a caller's guess from a few records cannot make the set take more than the keys it has seen
   * could soon fill, however long the input says it is). Keys, duplicates and capping are as without it.
   */
  reserve(keys: number): void {
    const perSegment = Math.min(keys, RESERVE_AHEAD * this.size, MAX_KEYS) / SEGMENTS;
    for (let segment = 0; segment < SEGMENTS; segment++) {
      const capacity = this.slotsOf[segment]!.length / SLOT;
      let wanted = capacity;
      while (limitOf(wanted) < perSegment) wanted *= 2;
      if (wanted > capacity) this.resize(segment, wanted);
    }
  }

  /** Doubles one segment, its keys placed again; its new slots. */
  private grow(segment: number): Int32Array {
    return this.resize(segment, (this.slotsOf[segment]!.length / SLOT) * 2);
  }

  /** Gives one segment `capacity` slots (more than it has), its keys placed again; its new slots. */
  private resize(segment: number, capacity: number): Int32Array {
    const old = this.slotsOf[segment]!;
    const slots = new Int32Array(SLOT * capacity);
    for (let from = 0; from < old.length; from += SLOT) {
      const b = old[from + 1]!;
      if (b === 0) continue;
      const a = old[from]!;
      let i = slotOf(home(a, b), capacity);
      while (slots[i * SLOT + 1] !== 0) if (++i === capacity) i = 0;
      const at = i * SLOT;
      slots[at] = a;
      slots[at + 1] = b;
      slots[at + 2] = old[from + 2]!;
    }
    this.slotsOf[segment] = slots;
    this.limits[segment] = limitOf(capacity);
    return slots;
  }
}
