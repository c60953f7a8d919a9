/**
 * A summary entry's spreadsheet rows (CSV), one for each of its first records, for whoever shows them
 * (the web report, the CLI's table and CI reports).
 */
import type { SummaryEntry } from './report-types.js';

/**
 * The rows of `s.firstRecords`, index-aligned, 0 where not known (a finding about the file, record 0);
 * undefined when the entry has none (not CSV, or a report stored before summaries kept rows). A report
 * stored before firstRows was index-aligned left record 0 out of it (its rows are fewer than its
 * records): those are realigned, each row going to the next first record that is not the file.
 */
export function firstRowsOf(s: SummaryEntry): number[] | undefined {
  const rows = s.firstRows;
  if (rows === undefined || rows.length === s.firstRecords.length) return rows;
  let next = 0;
  return s.firstRecords.map((r) => (r === 0 ? 0 : (rows[next++] ?? 0)));
}
