/**
 * Duplicate record keys as findings: for each key seen more than once, the records that share it (the
 * first DUPLICATE_RECORDS of them, and how many in all), so a supplier can find them. Each finding is at
 * its record's line (and spreadsheet row, for CSV), and names where the key was first seen (record, line,
 * row). Never the key's value: a finding names the key's fields and positions only. Memory is bounded: at
 * most MAX_GROUPS keys are followed (later duplicates are still counted by the uniqueness dimension).
 */
import type { Finding } from '../validation/report-types.js';
import { whereRecord, type RecordPosition } from '../validation/fingerprints.js';

/** Records listed per duplicated key. */
export const DUPLICATE_RECORDS = 10;
/** Duplicated keys followed. */
const MAX_GROUPS = 1000;

/** A finding about one record, at its line and (CSV) row. */
export function findingAt(at: RecordPosition, rule: string, message: string): Finding {
  const finding: Finding = { record: at.record, line: at.line, path: '', rule, message, severity: 'warning' };
  if (at.row > 0) finding.row = at.row;
  return finding;
}

interface Group {
  /** The record the key was first seen in, then its duplicates (at most DUPLICATE_RECORDS in all). */
  records: RecordPosition[];
  count: number;
}

export class DuplicateRecords {
  private readonly groups = new Map<number, Group>();

  /** A record (at `at`) whose key was first seen at `first` (record 0 when that is not known). */
  add(first: RecordPosition, at: RecordPosition): void {
    if (first.record === 0) return;
    let group = this.groups.get(first.record);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) return;
      this.groups.set(first.record, (group = { records: [first], count: 1 }));
    }
    group.count++;
    if (group.records.length < DUPLICATE_RECORDS) group.records.push(at);
  }

  /** One warning for each listed duplicate (every record after the first with its key), in record order. */
  findings(keyFields: readonly string[]): Finding[] {
    const key = keyFields.join(', ');
    const out: Finding[] = [];
    for (const { records, count } of this.groups.values()) {
      const numbers = records.map((r) => r.record).join(', ');
      const listed = `${numbers}${count > records.length ? `, … (${count} records in all)` : ` (${count} records)`}`;
      const first = whereRecord(records[0]!);
      for (const at of records.slice(1)) {
        out.push(findingAt(at, 'duplicate-key', `has the same record key (${key}) as ${first}; records with this key: ${listed}`));
      }
    }
    return out.sort((a, b) => a.record - b.record);
  }
}
