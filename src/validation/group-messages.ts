/**
 * The messages of one (field, rule) group of a report's findings. A format finding's message says what
 * kind of near miss its value is (format-hints.ts), so the findings of one group can carry different
 * messages; a page that shows one line per group lists each distinct message with the records that have
 * it, rather than showing the first finding's message as if it were every finding's.
 */
import type { Finding } from './report-types.js';

export interface GroupMessage {
  message: string;
  /** The first records (of the findings kept in the report) with this message. */
  records: number[];
}

const MAX_RECORDS = 5;

/** The distinct messages of the findings, in order of first appearance, at most `max` of them. */
export function groupMessages(findings: readonly Finding[], max = 5): { messages: GroupMessage[]; more: number } {
  const byMessage = new Map<string, number[]>();
  for (const finding of findings) {
    const records = byMessage.get(finding.message);
    if (records === undefined) byMessage.set(finding.message, [finding.record]);
    else if (records.length < MAX_RECORDS && records[records.length - 1] !== finding.record) records.push(finding.record);
  }
  const messages = [...byMessage].slice(0, max).map(([message, records]) => ({ message, records }));
  return { messages, more: byMessage.size - messages.length };
}
