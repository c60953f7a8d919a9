/**
 * A set of 64-bit fingerprints of record keys, in typed arrays (open addressing): 8 bytes a slot, so a
 * million keys fit in 16 MiB at half load. Two keys are taken as equal when both 32-bit hashes (FNV-1a
 * and a multiplicative hash of the key text) agree, so a duplicate can be miscounted only when two
 * different keys collide in 64 bits: for n keys the chance is about n² / 2⁶⁵ (3 in 100 million for a
 * million keys). The set stops growing at MAX_KEYS (4 million keys, 64 MiB), and says it was capped.
 */
const MAX_KEYS = 4 * 1024 * 1024;

export function fingerprint(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x85ebca6b) ^ (b >>> 13);
  }
  return [a >>> 0, (b | 1) >>> 0]; // b is never 0, so 0 marks an empty slot
}

export class FingerprintSet {
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  size = 0;
  capped = false;

  /** Adds a fingerprint; false when it was already there (a duplicate). */
  add(a: number, b: number): boolean {
    if (this.size * 2 >= this.low.length) {
      if (this.size >= MAX_KEYS) {
        this.capped = true;
        return !this.has(a, b);
      }
      this.grow();
    }
    const mask = this.low.length - 1;
    for (let i = (a ^ Math.imul(b, 0x27d4eb2d)) & mask; ; i = (i + 1) & mask) {
      if (this.low[i] === 0) {
        this.high[i] = a;
        this.low[i] = b;
        this.size++;
        return true;
      }
      if (this.low[i] === b && this.high[i] === a) return false;
    }
  }

  private has(a: number, b: number): boolean {
    const mask = this.low.length - 1;
    for (let i = (a ^ Math.imul(b, 0x27d4eb2d)) & mask; this.low[i] !== 0; i = (i + 1) & mask) {
      if (this.low[i] === b && this.high[i] === a) return true;
    }
    return false;
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(low.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.size = 0;
    for (let i = 0; i < low.length; i++) if (low[i] !== 0) this.add(high[i]!, low[i]!);
  }
}
