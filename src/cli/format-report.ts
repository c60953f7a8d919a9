/** The readable text form of a report for a terminal. */
import type { Report } from '../validation/report-types.js';
import { textTable as table } from './text-table.js';
import { firstRowsOf } from '../validation/summary-rows.js';
import { fieldLabel } from '../validation/field-label.js';
import { suggestionText } from './suggestion-text.js';
import { lateFileWords } from '../quality/explain.js';
import { humanDay } from '../quality/human-time.js';
import { agree, countWords } from '../validation/count-words.js';
import { sizeWords } from '../validation/size-words.js';
import { errorsFirst, fileErrors, fileErrorText, severityCounts, severityText } from '../validation/verdict-words.js';

const SHOWN_FINDINGS = 20;
const SHOWN_SUMMARY = 30;

function n(value: number): string {
  return value.toLocaleString('en-GB');
}

/**
 * Where a trial run's report is held (`trial`, which only a server's report has): its address made
 * absolute from the server's URL, and how long the server keeps it (never stored). None when the server
 * did not hold it (too large) or the report is not a trial's.
 */
export function trialAddress(report: Report, server: string | undefined, now = Date.now()): string {
  if (!report.trial || server === undefined) return '';
  const url = new URL(report.trial.url ?? `/v1/trials/${report.trial.id}`, server).href;
  const left = Date.parse(report.trial.expiresAt) - now;
  const minutes = Number.isFinite(left) ? Math.max(0, Math.round(left / 60_000)) : 0;
  return (
    `\nTrial run, nothing stored. The server holds its report for ${minutes} minute${minutes === 1 ? '' : 's'} (until ${report.trial.expiresAt}), for the organisation that ran it only:\n` +
    `  ${url}\n`
  );
}

/** A field as a person reads it: its label where the version gives one (field-label.ts), else its pointer. */
const fieldText = (path: string, report: Report): string => (path === '' ? '(record)' : (fieldLabel(path, report.fieldTitles) ?? path));

export function formatReport(report: Report, fileLabel: string): string {
  const { stats } = report;
  const lines: string[] = [];
  const source = `${report.format}${report.gzip ? ', gzip' : ''}, ${sizeWords(stats.bytes)}`;
  lines.push(`${report.standard.id}@${report.standard.version}  ${fileLabel} (${source})`);
  const verdict = report.valid ? 'VALID' : 'INVALID';
  // Which findings make the file fail (errors) and which are to check (warnings): the tables say which is which.
  const counts = stats.findings > 0 ? severityCounts(report) : undefined;
  lines.push(
    `${verdict}: ${countWords(stats.records, 'record')}, ${n(stats.valid)} valid, ${n(stats.invalid)} invalid, ` +
      `${countWords(stats.findings, 'finding')}${counts ? ` (${severityText(counts)})` : ''} in ${stats.seconds.toFixed(2)} s`,
  );
  // A file that fails for a fault of its own (its name, its header) though its records pass says so first.
  const own = report.valid ? '' : fileErrorText(fileErrors(report));
  if (own !== '') {
    const what =
      stats.records === 0
        ? `${own}, so it is invalid: fix that first`
        : stats.invalid === 0
          ? `${own}, so it is invalid though every record passes: fix that first`
          : `as well as the invalid ${agree(stats.invalid, 'record', 'records')}, ${own}`;
    lines.push(`${what[0]!.toUpperCase()}${what.slice(1)} (record "file" in the findings below).`);
  } else if (report.valid && counts && counts.warning > 0) {
    lines.push('Warnings do not make the file invalid: check each one.');
  }
  const p = report.period;
  if (p) {
    // Lateness is reported, not scored: timeliness judges the records as if the file arrived on its due date.
    const late = p.afterDeadline ? ` (this file arrived after the deadline: ${lateFileWords(p.submittedAt)})` : '';
    lines.push(`Reporting period ${p.id}: ${humanDay(p.start)} to ${humanDay(p.end)}, due by the end of ${humanDay(p.deadline)}${late}`);
  }
  const better = report.suggestion;
  // As the web report's notice says it, with the option that picks the standard the columns match.
  if (better) lines.push(suggestionText(better));
  // CSV: the spreadsheet row too, where the record is when the file is opened in a spreadsheet.
  const csv = report.format === 'csv';
  if (report.summary.length > 0) {
    lines.push('', 'Findings by field and rule:');
    // Where the first records are, in the same order and words as the findings below (row, then line; '-' where not known).
    const rows = [['field', 'rule', 'severity', 'count', 'first records', ...(csv ? ['first rows'] : []), 'first lines']];
    for (const s of errorsFirst(report.summary).slice(0, SHOWN_SUMMARY)) {
      const records = s.firstRecords.map((r) => (r === 0 ? 'file' : String(r))).join(', ');
      const spreadsheetRows = firstRowsOf(s) ?? [];
      const rowsOf = s.firstRecords.map((_, i) => ((spreadsheetRows[i] ?? 0) > 0 ? String(spreadsheetRows[i]) : '-')).join(', ');
      const linesOf = s.firstRecords.map((_, i) => ((s.firstLines[i] ?? 0) > 0 ? String(s.firstLines[i]) : '-')).join(', ');
      rows.push([fieldText(s.path, report), s.rule, s.severity, n(s.count), records, ...(csv ? [rowsOf] : []), linesOf]);
    }
    lines.push(...table(rows));
    if (report.summary.length > SHOWN_SUMMARY) lines.push(`  … and ${report.summary.length - SHOWN_SUMMARY} more field and rule pairs (--json for all)`);
  }
  if (report.findings.length > 0) {
    lines.push('', 'First findings:');
    const rows = [csv ? ['record', 'row', 'line', 'field', 'rule', 'severity', 'message'] : ['record', 'line', 'field', 'rule', 'severity', 'message']];
    for (const f of report.findings.slice(0, SHOWN_FINDINGS)) {
      const at = [f.record === 0 ? 'file' : String(f.record), ...(csv ? [f.row === undefined ? '-' : String(f.row)] : []), f.line === 0 ? '-' : String(f.line)];
      rows.push([...at, fieldText(f.path, report), f.rule, f.severity, f.message]);
    }
    lines.push(...table(rows));
    const more = stats.findings - Math.min(SHOWN_FINDINGS, report.findings.length);
    if (more > 0) lines.push(`  … ${n(more)} more (--json for the first ${n(report.maxFindings)}${report.truncated ? '; the report keeps that many' : ''})`);
  }
  return lines.join('\n') + '\n';
}
