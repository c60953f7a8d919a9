/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/fingerprints.ts).
 * Made by: conform types (Conform code generation 3); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * A set of 64-bit fingerprints of record keys, in one typed array (open addressing, linear probing): 8
 * bytes a slot, at most half full, so a million keys fit in 16 MiB (2²¹ slots). Two keys are taken as equal when both 32-bit hashes (FNV-1a
 * and a multiplicative hash of the key text) agree, so a duplicate can be miscounted only when two
 * different keys collide in 64 bits: for n keys the chance is about n² / 2⁶⁵ (3 in 100 million for a
 * million keys). Beside each key it keeps the number of the record it was first seen in (4 bytes a slot),
 * so a duplicate can name it, and when told, its line and spreadsheet row (4 bytes a slot each, kept only
 * once a key comes with one), so a duplicate can say where it is. The set stops growing at MAX_KEYS (4 million keys, 64 MiB and 32 MiB), and
 * says it was capped. Shipped in generated standalone validators' runtime (with record-actions.ts).
 */
const MAX_KEYS = 4 * 1024 * 1024;

/** A running 64-bit fingerprint over the parts of a key, without building a string of them. */
export class KeyHasher {
  a = 0x811c9dc5;
  b = 0x9e3779b9;

  reset(): this {
    this.a = 0x811c9dc5;
    this.b = 0x9e3779b9;
    return this;
  }

  /** Adds one part; `tag` tells a text part from a number with the same digits. */
  part(text: string, tag: number): void {
    let { a, b } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x85ebca6b) ^ (b >>> 13);
    }
    // A separator and the tag, so ('ab', 'c') and ('a', 'bc') differ.
    a = Math.imul(a ^ (0x10000 + tag), 0x01000193);
    b = Math.imul(b ^ (0x10000 + tag), 0x85ebca6b) ^ (b >>> 13);
    this.a = a;
    this.b = b;
  }

  /** The two halves; the second is never 0, so 0 marks an empty slot. */
  get high(): number {
    return this.a >>> 0;
  }
  get low(): number {
    return (this.b | 1) >>> 0;
  }
}

export function fingerprint(text: string): [number, number] {
  const h = new KeyHasher();
  h.part(text, 0);
  return [h.high, h.low];
}

export class FingerprintSet {
  // Slot i holds its two halves side by side (2i, 2i + 1): one cache line per probe.
  private slots = new Uint32Array(2 << 16);
  /** The record each key was first seen in (0 when not told), by slot. */
  private firsts = new Uint32Array(1 << 16);
  size = 0;
  capped = false;
  /** The line and the spreadsheet row each key was first seen on, by slot; made when a key first comes with one. */
  private lines: Uint32Array | undefined;
  private rows: Uint32Array | undefined;
  /** After `add` found a duplicate: the record its key was first seen in (0 when unknown), and its line and row (0 when not told). */
  firstRecord = 0;
  firstLine = 0;
  firstRow = 0;

  /** Adds a fingerprint seen in `record` (on `line`, spreadsheet `row`); false when it was already there (a duplicate: see firstRecord). */
  add(a: number, b: number, record = 0, line = 0, row = 0): boolean {
    // Grow at half full (slots.length counts two numbers a slot): short probes.
    if (this.size * 4 >= this.slots.length) {
      if (this.size >= MAX_KEYS) {
        this.capped = true;
        this.firstRecord = this.firstLine = this.firstRow = 0;
        return !this.has(a, b);
      }
      this.grow();
    }
    if (line !== 0) this.lines ??= new Uint32Array(this.firsts.length);
    if (row !== 0) this.rows ??= new Uint32Array(this.firsts.length);
    return this.insert(a, b, record, line, row);
  }

  private insert(a: number, b: number, record: number, line: number, row: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = (a ^ Math.imul(b, 0x27d4eb2d)) & mask; ; i = (i + 1) & mask) {
      const at = i << 1;
      if (slots[at + 1] === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        this.firsts[i] = record;
        if (this.lines !== undefined) this.lines[i] = line;
        if (this.rows !== undefined) this.rows[i] = row;
        this.size++;
        return true;
      }
      if (slots[at + 1] === b && slots[at] === a) {
        this.firstRecord = this.firsts[i]!;
        this.firstLine = this.lines?.[i] ?? 0;
        this.firstRow = this.rows?.[i] ?? 0;
        return false;
      }
    }
  }

  /** Whether a fingerprint is in the set, without adding it; when it is, firstRecord, firstLine and firstRow say where it was first seen. */
  lookup(a: number, b: number): boolean {
    const i = this.find(a, b);
    if (i === -1) return false;
    this.firstRecord = this.firsts[i]!;
    this.firstLine = this.lines?.[i] ?? 0;
    this.firstRow = this.rows?.[i] ?? 0;
    return true;
  }

  private has(a: number, b: number): boolean {
    return this.find(a, b) !== -1;
  }

  /** The slot holding a fingerprint, or -1 when it is not in the set. */
  private find(a: number, b: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = (a ^ Math.imul(b, 0x27d4eb2d)) & mask; slots[(i << 1) + 1] !== 0; i = (i + 1) & mask) {
      if (slots[(i << 1) + 1] === b && slots[i << 1] === a) return i;
    }
    return -1;
  }

  /**
   * Used as a map from fingerprint to a number (the set's record numbers): the number kept with a
   * fingerprint, or -1 when it is not in the set.
   */
  get(a: number, b: number): number {
    const i = this.find(a, b);
    return i === -1 ? -1 : this.firsts[i]!;
  }

  /** Keeps a number with a fingerprint, adding it or replacing its number; false when the set is capped and it is new (not kept). */
  put(a: number, b: number, value: number): boolean {
    const i = this.find(a, b);
    if (i !== -1) {
      this.firsts[i] = value;
      return true;
    }
    this.add(a, b, value);
    return !this.capped || this.find(a, b) !== -1;
  }

  private grow(): void {
    const old = this.slots;
    const { firsts, lines, rows } = this;
    this.slots = new Uint32Array(old.length * 2);
    this.firsts = new Uint32Array(firsts.length * 2);
    if (lines !== undefined) this.lines = new Uint32Array(lines.length * 2);
    if (rows !== undefined) this.rows = new Uint32Array(rows.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) {
      const i = at >> 1;
      if (old[at + 1] !== 0) this.insert(old[at]!, old[at + 1]!, firsts[i]!, lines?.[i] ?? 0, rows?.[i] ?? 0);
    }
  }
}
