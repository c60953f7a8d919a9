/**
 * Near-duplicate record keys: two records whose keys differ only in letter case or in spaces and tabs
 * around a text part (` RK9A0001` and `rk9a0001`). The standard's key is exact, so uniqueness does not
 * count them; each is a `near-duplicate-key` warning naming both records' positions, never the values.
 *
 * Bounded and cheap: a key already in its normal form (no space or tab at either end of a text part, no
 * lower-case letter: most keys) costs one look at its characters and, while no other kind of key has been
 * seen, nothing else. A key not in normal form is hashed again in normal form, looked up among the exact
 * keys (where a normal-form key is), and kept in a second fingerprint set of such keys (capped as the
 * first is), where a later normal-form key looks. At most MAX_FINDINGS pairs are listed; more are counted.
 */
import type { Finding } from '../validation/report-types.js';
import { FingerprintSet, KeyHasher } from '../validation/fingerprints.js';
import { whereRecord, type RecordPosition } from '../validation/fingerprints.js';
import { findingAt } from './duplicates.js';

const MAX_FINDINGS = 1000;
const SPACE = 32,
  TAB = 9;
const LOWER = /[a-z]/;

/** Whether a text part of a key is in normal form: trimmed of spaces and tabs, and in upper case. */
export function normalForm(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  if (first === SPACE || first === TAB || last === SPACE || last === TAB) return false;
  // A lower-case ASCII letter settles it; only other letters need the text put in upper case. A loop over
  // the characters, not a regular expression: this runs for every key of every record.
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c > 127) return !LOWER.test(text) && text === text.toUpperCase();
  }
  return true;
}

/** The text part in normal form. */
export const normalised = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, '').toUpperCase();

/**
 * Collects a record key's parts as the key reader hands them over, to hash them again in normal form when
 * needed. Its arrays are reused from key to key (a count says how many parts are the current key's), so
 * starting a key costs no truncation.
 */
export class KeyParts {
  private readonly texts: string[] = [];
  private readonly tags: number[] = [];
  private count = 0;
  /** Whether every text part is in normal form. */
  normal = true;

  reset(): void {
    this.count = 0;
    this.normal = true;
  }

  add(text: string, tag: number): void {
    this.texts[this.count] = text;
    this.tags[this.count++] = tag;
    if (tag === 1 && this.normal && !normalForm(text)) this.normal = false;
  }

  /** The key's fingerprint in normal form (call only when not `normal`). */
  normalFingerprint(hasher: KeyHasher): KeyHasher {
    hasher.reset();
    for (let i = 0; i < this.count; i++) {
      const text = this.texts[i]!;
      if (this.tags[i] !== 1) hasher.part(text, this.tags[i]!);
      else if (!hasher.partUpperAscii(text, 1)) hasher.part(normalised(text), 1);
    }
    return hasher;
  }
}

export class NearDuplicates {
  /** Keys not in normal form, by their normal-form fingerprint, with where each was first seen. */
  private readonly odd = new FingerprintSet();
  private readonly pairs: { first: RecordPosition; at: RecordPosition }[] = [];
  /** Pairs found in all (listed or not). */
  count = 0;

  /**
   * A record whose exact key was new. `na`/`nb`: its key's normal-form fingerprint, or 0, 0 when the key is
   * in normal form (its exact fingerprint `a`, `b` is then that). `exact` is the set of exact keys.
   */
  check(exact: FingerprintSet, a: number, b: number, na: number, nb: number, record: number, line: number, row: number): void {
    if (nb === 0) {
      if (this.odd.size > 0 && this.odd.lookup(a, b)) this.found(this.odd, record, line, row);
      return;
    }
    if (exact.lookup(na, nb)) this.found(exact, record, line, row);
    else if (this.odd.lookup(na, nb)) this.found(this.odd, record, line, row);
    this.odd.add(na, nb, record, line, row);
  }

  private found(set: FingerprintSet, record: number, line: number, row: number): void {
    if (set.firstRecord === 0) return;
    this.count++;
    if (this.pairs.length < MAX_FINDINGS)
      this.pairs.push({ first: { record: set.firstRecord, line: set.firstLine, row: set.firstRow }, at: { record, line, row } });
  }

  /** One warning for each listed pair, at the later record, naming the earlier one. */
  findings(keyFields: readonly string[]): Finding[] {
    const key = keyFields.join(', ');
    return this.pairs.map(({ first, at }) =>
      findingAt(
        at,
        'near-duplicate-key',
        `has a record key (${key}) that differs only in letter case or surrounding spaces from that of ${whereRecord(first)}; not counted as a duplicate: check whether they are the same record`,
      ),
    );
  }
}
