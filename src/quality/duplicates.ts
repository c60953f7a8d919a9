/**
 * Duplicate record keys as findings: for each key seen more than once, the records that share it (the
 * first DUPLICATE_RECORDS of them, and how many in all), so a supplier can find them. Never the key's
 * value: a finding names the key's fields and the record numbers only. Memory is bounded: at most
 * MAX_GROUPS keys are followed (later duplicates are still counted by the uniqueness dimension).
 */
import type { Finding } from '../validation/report-types.js';

/** Records listed per duplicated key. */
export const DUPLICATE_RECORDS = 10;
/** Duplicated keys followed. */
const MAX_GROUPS = 1000;

interface Group {
  /** The record the key was first seen in, then its duplicates (at most DUPLICATE_RECORDS in all). */
  records: number[];
  count: number;
}

export class DuplicateRecords {
  private readonly groups = new Map<number, Group>();

  /** A record whose key was first seen in record `first` (0 when that is not known). */
  add(first: number, record: number): void {
    if (first === 0) return;
    let group = this.groups.get(first);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) return;
      this.groups.set(first, (group = { records: [first], count: 1 }));
    }
    group.count++;
    if (group.records.length < DUPLICATE_RECORDS) group.records.push(record);
  }

  /** One warning for each listed duplicate (every record after the first with its key), in record order. */
  findings(keyFields: readonly string[]): Finding[] {
    const key = keyFields.join(', ');
    const out: Finding[] = [];
    for (const { records, count } of this.groups.values()) {
      const listed = `${records.join(', ')}${count > records.length ? `, … (${count} records in all)` : ` (${count} records)`}`;
      for (const record of records.slice(1)) {
        out.push({
          record,
          line: 0,
          path: '',
          rule: 'duplicate-key',
          message: `has the same record key (${key}) as record ${records[0]}; records with this key: ${listed}`,
          severity: 'warning',
        });
      }
    }
    return out.sort((a, b) => a.record - b.record);
  }
}
