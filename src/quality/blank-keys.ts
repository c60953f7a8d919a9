/**
 * Records whose record key is given but blank: a key field present as text of white space only (a cell of
 * spaces in a spreadsheet, `"  "` in JSON). Such a record cannot be told from others; the uniqueness
 * dimension leaves it out (its note counts the records "without a complete key"), and these warnings name
 * them, so a supplier can find them. A key field that is absent is not named here (where the standard
 * requires it, validation already says so), nor a record with an error on a key field (a standard that
 * refuses a blank identifier, as the immunisation batch file does, names it itself). At most BLANK_KEY_RECORDS records are named, with the count of all.
 */
import type { Finding } from '../validation/report-types.js';
import type { RecordPosition } from '../validation/fingerprints.js';
import { findingAt } from './duplicates.js';

/** Records named with a blank key. */
export const BLANK_KEY_RECORDS = 10;

export class BlankKeys {
  readonly records: RecordPosition[] = [];
  count = 0;

  add(at: RecordPosition): void {
    this.count++;
    if (this.records.length < BLANK_KEY_RECORDS) this.records.push(at);
  }

  /** Another collector's (a worker's piece): its first records, numbered and placed as this one's, and its count. */
  absorb(records: readonly RecordPosition[], count: number): void {
    for (const at of records) if (this.records.length < BLANK_KEY_RECORDS) this.records.push(at);
    this.count += count;
  }

  /** One warning for each record named, in record order. */
  findings(keyFields: readonly string[]): Finding[] {
    const key = keyFields.join(', ');
    const listed = `${this.records.map((r) => r.record).join(', ')}${this.count > this.records.length ? `, … (${this.count} records in all)` : ` (${this.count} ${this.count === 1 ? 'record' : 'records'})`}`;
    return [...this.records]
      .sort((a, b) => a.record - b.record)
      .map((at) =>
        findingAt(
          at,
          'blank-key',
          `has a blank record key (${key}): a key field holds only white space, so this record cannot be told apart from others and uniqueness does not count it; records with a blank key: ${listed}`,
        ),
      );
  }
}
