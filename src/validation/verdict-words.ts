/**
 * The verdict in words a data manager reads first, for the CLI's text report and the report page: how
 * many of the findings are errors (they make the file invalid) and how many warnings (to check; they do
 * not), and, when the file fails for a fault of the file itself (its name, its header, its characters)
 * rather than of a record, that it does, and what kind. Without this a file whose every record passes but
 * whose header is wrong read "Not valid: 0 of 1 records do not meet the standard".
 */
import type { Report, Severity } from './report-types.js';
import { countWords } from './count-words.js';

/** What a finding about the file as a whole (record 0) is about, by its rule. */
const FILE_FAULT: Record<string, string> = {
  'file-name': 'its name',
  'csv-header': 'its header row',
  'header-order': 'its header row',
  'missing-column': 'its header row',
  'unknown-column': 'its header row',
  'misspelt-column': 'its header row',
  'unnamed-columns': 'its header row',
  'record-too-deep': 'its header row',
  encoding: 'its characters (encoding)',
  empty: 'it is empty',
};

export interface FileErrors {
  /** Errors about the file as a whole (record 0) among the report's kept findings. */
  count: number;
  /** What they are about, each once, in the order first found ("its header row", "its name"). */
  about: string[];
}

/** The errors the report's kept findings hold about the file as a whole (the file findings come first, before any cap). */
export function fileErrors(report: Pick<Report, 'findings'>): FileErrors {
  const about: string[] = [];
  let count = 0;
  for (const f of report.findings) {
    if (f.record !== 0 || f.severity !== 'error') continue;
    count += 1;
    const what = FILE_FAULT[f.rule] ?? 'the file as a whole';
    if (!about.includes(what)) about.push(what);
  }
  return { count, about };
}

/** The findings by severity, counted over the summary (every finding, not only those kept); undefined when the summary was cut short. */
export function severityCounts(report: Pick<Report, 'summary' | 'summaryTruncated'>): Record<Severity, number> | undefined {
  if (report.summaryTruncated) return undefined;
  const counts: Record<Severity, number> = { error: 0, warning: 0 };
  for (const s of report.summary) counts[s.severity] += s.count;
  return counts;
}

const plural = (n: number, word: string): string => countWords(n, word);

/** "2 errors, 1 warning": how the findings split, for beside the count of findings. */
export function severityText(counts: Record<Severity, number>): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
}

/**
 * The sentence that says the file itself fails, or '' when no finding about the file is an error:
 * "the file itself has 1 error (its header row)".
 */
export function fileErrorText(errors: FileErrors): string {
  if (errors.count === 0) return '';
  return `the file itself has ${plural(errors.count, 'error')} (${errors.about.join('; ')})`;
}

/** Errors first, then warnings, each in the order given: what makes the file fail is read first. */
export function errorsFirst<T extends { severity: Severity }>(entries: readonly T[]): T[] {
  return [...entries.filter((e) => e.severity === 'error'), ...entries.filter((e) => e.severity !== 'error')];
}
