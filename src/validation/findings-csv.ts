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

/** Findings written per piece: some 100 KiB of CSV, a few milliseconds of work. */
export const FINDINGS_PER_PIECE = 500;

type Findable = Pick<Report, 'findings' | 'fieldTitles'>;

const rowOf = (f: Report['findings'][number], fieldTitles: Report['fieldTitles']) => [
  f.record,
  f.row ?? '',
  f.line,
  spreadsheetSafe(f.path),
  spreadsheetSafe(f.rule),
  f.severity,
  spreadsheetSafe(f.message),
  spreadsheetSafe(fieldLabel(f.path, fieldTitles) ?? f.path),
];

/**
 * The findings CSV a piece at a time: the header, then `perPiece` findings per piece. A download is
 * written from these as the client reads it, so a report of 100,000 findings (22 MB of CSV, 1.4 s of
 * work) never holds the event loop in one stretch, nor the whole text in memory.
 */
export function* findingsCsvPieces(report: Findable, perPiece = FINDINGS_PER_PIECE): Generator<string> {
  const options = { cast: { number: (n: number) => String(n) } };
  yield stringify([], { header: true, columns: [...FINDINGS_CSV_COLUMNS], ...options });
  for (let start = 0; start < report.findings.length; start += perPiece)
    yield stringify(
      report.findings.slice(start, start + perPiece).map((f) => rowOf(f, report.fieldTitles)),
      options,
    );
}

export function findingsCsv(report: Findable): string {
  return [...findingsCsvPieces(report)].join('');
}
