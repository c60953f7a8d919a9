/** The report's (field, rule) pairs with what CI reports show of each: count, first records, first lines and the message. */
import type { Finding, Report, Severity } from '../validation/report-types.js';
import { groupMessages, type GroupMessage } from '../validation/group-messages.js';
import { firstRowsOf } from '../validation/summary-rows.js';

export interface FindingPair {
  /** JSON pointer of the field ('' for the whole record; array indexes written `*`). */
  path: string;
  rule: string;
  severity: Severity;
  count: number;
  firstRecords: number[];
  /** Lines of the first records, in their order (the summary's firstLines; 0 where not known). */
  firstLines: number[];
  /** CSV: the spreadsheet rows of the first records, in their order (the summary's firstRows; 0 where not known, as for a file finding). */
  firstRows: number[];
  /** The message of the first kept finding (written from the schema, never from the data). */
  message: string | undefined;
  /**
   * Each distinct message of the kept findings with its first records: a format finding's message says
   * what kind of near miss its value is, so one pair may carry several (at most 5; `moreMessages` others).
   */
  messages: GroupMessage[];
  moreMessages: number;
}

/** A finding's path as the summary folds it: array indexes become `*`. */
const folded = (path: string): string => path.replace(/\/\d+(?=\/|$)/g, '/*');

export function findingPairs(report: Report): FindingPair[] {
  const byPair = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const key = `${folded(finding.path)}\u0000${finding.rule}`;
    const list = byPair.get(key);
    if (list) list.push(finding);
    else byPair.set(key, [finding]);
  }
  return report.summary.map((s) => {
    const kept = byPair.get(`${s.path}\u0000${s.rule}`) ?? [];
    const { messages, more } = groupMessages(kept);
    return {
      path: s.path,
      rule: s.rule,
      severity: s.severity,
      count: s.count,
      firstRecords: s.firstRecords,
      firstLines: s.firstLines,
      firstRows: firstRowsOf(s) ?? [],
      message: kept[0]?.message,
      messages,
      moreMessages: more,
    };
  });
}

export const fieldLabel = (path: string): string => path || '(record)';
export const recordLabel = (record: number): string => (record === 0 ? 'file' : String(record));
