/**
 * Near-duplicate record keys: two records whose keys differ only in letter case or in spaces and tabs
 * around a text part (` RK9A0001` and `rk9a0001`). The standard's key is exact, so uniqueness does not
 * count them; each is a `near-duplicate-key` warning naming both records' positions, never the values.
 *
 * Bounded and cheap: a key already in its normal form (no space or tab at either end of a text part, no
 * lower-case letter: most keys) costs nothing beyond hashing it (the hash notes what it saw: KeyHasher.part)
 * and, while no other kind of key has been seen, nothing else. A key not in normal form is hashed again in normal form, looked up among the exact
 * keys (where a normal-form key is), and kept in a second fingerprint set of such keys (capped as the
 * first is), where a later normal-form key looks. At most MAX_FINDINGS pairs are listed; more are counted.
 */
import type { Finding } from '../validation/report-types.js';
import { FingerprintSet, KeyHasher, PART_LOWER_ASCII } from '../validation/fingerprints.js';
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
 * Whether a text part is in normal form, told from what KeyHasher.part saw as it hashed it (`held`) and
 * its two ends: a lower-case ASCII letter settles it; only a part with a character outside ASCII is
 * looked at again (normalForm). This runs for every key of every record.
 */
export function heldInNormalForm(text: string, held: number): boolean {
  if ((held & PART_LOWER_ASCII) !== 0) return false;
  if (held !== 0) return normalForm(text);
  const n = text.length;
  if (n === 0) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first !== SPACE && first !== TAB && last !== SPACE && last !== TAB;
}

/** Adds a key part to `hasher` in normal form (a text part trimmed and in upper case; others as they are). */
export function partInNormalForm(hasher: KeyHasher, text: string, tag: number): void {
  if (tag !== 1) hasher.part(text, tag);
  else if (!hasher.partUpperAscii(text, 1)) hasher.part(normalised(text), 1);
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
