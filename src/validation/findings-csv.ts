/**
 * A report's findings as CSV, for a spreadsheet: where each is (record, spreadsheet row for CSV input,
 * line, field), its rule, severity and message, then the field's label. Findings never carry a record value, so neither does this.
 * `field` is the JSON pointer, for machines; `fieldLabel`, added last so that the columns before it keep
 * their places, is the field as a person reads it: the label the version gives it, with which array item
 * in words (field-label.ts), else the pointer again.
 * Only the findings the report kept are listed (the report's `truncated` says when there were more).
 * Every text cell passes the formula guard (csv-cell.ts): a spreadsheet shows it as text, never runs it.
 */
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from './csv-cell.js';
import type { Report } from './report-types.js';
import { fieldLabel } from './field-label.js';

export const FINDINGS_CSV_COLUMNS = ['record', 'row', 'line', 'field', 'rule', 'severity', 'message', 'fieldLabel'] as const;

export function findingsCsv(report: Pick<Report, 'findings' | 'fieldTitles'>): string {
  return stringify(
    report.findings.map((f) => [
      f.record,
      f.row ?? '',
      f.line,
      spreadsheetSafe(f.path),
      spreadsheetSafe(f.rule),
      f.severity,
      spreadsheetSafe(f.message),
      spreadsheetSafe(fieldLabel(f.path, report.fieldTitles) ?? f.path),
    ]),
    { header: true, columns: [...FINDINGS_CSV_COLUMNS], cast: { number: (n) => String(n) } },
  );
}
