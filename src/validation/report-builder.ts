/**
 * Collects findings as records stream past: keeps the first `maxFindings` findings about records in full,
 * and counts every finding per (path, rule) with its first record numbers, in memory bounded by the
 * schema's shape rather than by the number of records. Findings about the file as a whole (record 0: its
 * name, its header, an empty file) are kept beside that cap, up to MAX_FILE_FINDINGS: however low the cap
 * (even 0), a report still says what is wrong with the file itself, and whether it gets an acknowledgement
 * (file-outcome.ts) can be read from it.
 */
import type { Finding, InputFormat, Report, Severity, SummaryEntry } from './report-types.js';
import { OutcomeRecorder, setOutcomes, type RowOutcomes } from './row-outcomes.js';
import { cutText, MAX_FINDING_MESSAGE, shownFindings } from './finding-text.js';

export { cutText, MAX_FINDING_MESSAGE, MAX_FINDING_PATH } from './finding-text.js';

export const DEFAULT_MAX_FINDINGS = 1000;
const FIRST_RECORDS = 5;
/** Findings about the file as a whole kept beside the cap (a header with more unknown columns is counted, not listed). */
export const MAX_FILE_FINDINGS = 100;
/** Distinct (path, rule) pairs kept in the summary; only reached when data invents field names. */
const MAX_SUMMARY_ENTRIES = 5000;
const ARRAY_INDEX = /\/\d+(?=\/|$)/g;

/**
 * Adds one of a summary entry's first records, with its line and spreadsheet row (CSV; 0 or undefined
 * when not known, as for a finding about the file). `firstRows` stays index-aligned with `firstRecords`,
 * 0 where not known, as `firstLines` is: made when a first record first has a row, with 0 for those before.
 */
function pushFirst(entry: SummaryEntry, record: number, line: number, row: number | undefined): void {
  entry.firstRecords.push(record);
  entry.firstLines.push(line);
  if (entry.firstRows) entry.firstRows.push(row ?? 0);
  else if (row !== undefined && row > 0) entry.firstRows = [...new Array<number>(entry.firstRecords.length - 1).fill(0), row];
}

/** What a builder counted, as plain data: a worker thread sends one back for each piece it validates. */
export interface ReportPart {
  records: number;
  valid: number;
  findingCount: number;
  errorCount: number;
  findings: Finding[];
  summary: SummaryEntry[];
  summaryTruncated: boolean;
}

export class ReportBuilder {
  records = 0;
  private valid = 0;
  private findingCount = 0;
  private errorCount = 0;
  private readonly findings: Finding[] = [];
  /** Of `findings`, those about records (the ones `maxFindings` caps) and those about the file. */
  private recordFindings = 0;
  private fileFindings = 0;
  private readonly summary = new Map<string, SummaryEntry>();
  private summaryTruncated = false;
  /** Every failed record's number and error text, uncapped (row-outcomes.ts), when an acknowledgement may be asked for. */
  private readonly outcomes: OutcomeRecorder | undefined;
  /** The counts at the last drain(). */
  private drained = { records: 0, valid: 0, findingCount: 0, errorCount: 0 };

  constructor(
    readonly maxFindings: number = DEFAULT_MAX_FINDINGS,
    options: { outcomes?: boolean } = {},
  ) {
    this.outcomes = options.outcomes ? new OutcomeRecorder() : undefined;
  }

  /** How many more findings about records the report will keep. */
  get findingsWanted(): number {
    return this.maxFindings - this.recordFindings;
  }

  /**
   * Whether a record's findings need their messages: while the report keeps findings about records, or
   * when it keeps row outcomes (whose error text is the messages). Past the cap a finding is only counted
   * (summary, scorecard), by its path, rule and severity.
   */
  get wantsMessages(): boolean {
    return this.outcomes !== undefined || this.recordFindings < this.maxFindings;
  }

  /** Counts one record that passed. */
  pass(): void {
    this.records++;
    this.valid++;
  }

  /**
   * Counts one record that failed, with its findings (at least one, unless `invalid`: a record whose
   * only errors were said once for the whole file, such as a required column the header lacks). The
   * record's outcome is written from `all`, its findings before any were left out of the report.
   */
  fail(given: readonly Finding[], invalid?: boolean, allGiven: readonly Finding[] = given): void {
    // As the report, and every file and page made from it, shows them: a lone surrogate in a field name as
    // a `\u` escape (lone-surrogates.ts), a long path or message cut (MAX_FINDING_PATH, MAX_FINDING_MESSAGE).
    const findings = shownFindings(given);
    const all = allGiven === given ? findings : shownFindings(allGiven);
    this.records++;
    const failed = invalid === true || findings.some((f) => f.severity === 'error');
    if (!failed) this.valid++;
    else this.outcomes?.fail(this.records, all);
    for (const finding of findings) this.add(finding);
  }

  /** A finding about the file as a whole (record 0), such as an empty file; at a line when it has one (0 when not). */
  fileFinding(rule: string, message: string, severity: Severity = 'error', line = 0): void {
    this.outcomes?.file({ rule, severity });
    this.add({ record: 0, line, path: '', rule, message: cutText(message, MAX_FINDING_MESSAGE), severity });
  }

  part(): ReportPart {
    return {
      records: this.records,
      valid: this.valid,
      findingCount: this.findingCount,
      errorCount: this.errorCount,
      findings: this.findings,
      summary: [...this.summary.values()],
      summaryTruncated: this.summaryTruncated,
    };
  }

  /**
   * Adds a part counted elsewhere over the records that come next, shifting its record and line numbers
   * by the records and lines before it. Parts must be absorbed in input order.
   */
  absorb(part: ReportPart, recordOffset: number, lineOffset: number): void {
    // Outcomes are kept on one thread only (validate.ts does not send such a run to workers in pieces).
    if (this.outcomes) throw new Error('a report that keeps row outcomes cannot absorb parts validated elsewhere');
    this.merge(part, recordOffset, lineOffset);
  }

  /**
   * Adds what one thread counted of a whole submission since its last drain (drain()): its numbers are
   * already the submission's, and its row outcomes, if it keeps them, come at the end (adoptOutcomes).
   */
  absorbDrained(part: ReportPart): void {
    this.merge(part, 0, 0);
  }

  /**
   * What this builder counted since its last drain, as a part whose record and line numbers are the
   * submission's own (a thread validating a whole submission in order sends one after each piece). The
   * numbering, the caps on findings kept and the row outcomes carry on; the counts and findings start again.
   */
  drain(): ReportPart {
    const part: ReportPart = {
      records: this.records - this.drained.records,
      valid: this.valid - this.drained.valid,
      findingCount: this.findingCount - this.drained.findingCount,
      errorCount: this.errorCount - this.drained.errorCount,
      findings: this.findings.splice(0),
      summary: [...this.summary.values()],
      summaryTruncated: this.summaryTruncated,
    };
    this.drained = { records: this.records, valid: this.valid, findingCount: this.findingCount, errorCount: this.errorCount };
    this.summary.clear();
    return part;
  }

  /** The row outcomes a thread kept for the whole submission (with this builder's own file findings' verdict). */
  adoptOutcomes(outcomes: RowOutcomes): void {
    this.outcomes?.adopt(outcomes);
  }

  /** The row outcomes kept so far (for a thread to send with its last part). */
  get keptOutcomes(): RowOutcomes | undefined {
    return this.outcomes?.result();
  }

  private merge(part: ReportPart, recordOffset: number, lineOffset: number): void {
    this.records += part.records;
    this.valid += part.valid;
    this.findingCount += part.findingCount;
    this.errorCount += part.errorCount;
    for (const f of part.findings) {
      if (f.record === 0) {
        // About the file: kept beside the cap, at its own line.
        if (this.fileFindings >= MAX_FILE_FINDINGS) continue;
        this.fileFindings++;
        this.findings.push(f.line > 0 && lineOffset > 0 ? { ...f, line: f.line + lineOffset } : f);
        continue;
      }
      if (this.recordFindings >= this.maxFindings) continue;
      this.recordFindings++;
      this.findings.push(recordOffset === 0 && lineOffset === 0 ? f : { ...f, record: f.record + recordOffset, line: f.line + lineOffset });
    }
    for (const e of part.summary) {
      const key = `${e.path}\u0000${e.rule}`;
      const entry = this.summary.get(key);
      // Spreadsheet rows (CSV) are the reader's own, never shifted: only a whole submission's parts carry them.
      const shifted = e.firstRecords.map((r) => (r === 0 ? 0 : r + recordOffset));
      // Lines are the piece's own: shifted as its findings' are (0, not known, stays 0).
      const lines = e.firstLines.map((l) => (l > 0 ? l + lineOffset : 0));
      if (entry) {
        entry.count += e.count;
        shifted.forEach((r, i) => {
          if (entry.firstRecords.length >= FIRST_RECORDS || entry.firstRecords.at(-1) === r) return;
          pushFirst(entry, r, lines[i] ?? 0, e.firstRows?.[i]);
        });
      } else if (this.summary.size < MAX_SUMMARY_ENTRIES) {
        this.summary.set(key, { ...e, firstRecords: shifted, firstLines: lines, ...(e.firstRows ? { firstRows: [...e.firstRows] } : {}) });
      } else {
        this.summaryTruncated = true;
      }
    }
    this.summaryTruncated ||= part.summaryTruncated;
  }

  private add(finding: Finding): void {
    this.findingCount++;
    if (finding.severity === 'error') this.errorCount++;
    if (finding.record === 0 ? this.fileFindings < MAX_FILE_FINDINGS : this.recordFindings < this.maxFindings) {
      if (finding.record === 0) this.fileFindings++;
      else this.recordFindings++;
      this.findings.push(finding);
    }
    const path = finding.path.includes('/') ? finding.path.replace(ARRAY_INDEX, '/*') : finding.path;
    const key = `${path}\u0000${finding.rule}`;
    const entry = this.summary.get(key);
    if (entry) {
      entry.count++;
      if (entry.firstRecords.length < FIRST_RECORDS && entry.firstRecords.at(-1) !== finding.record)
        pushFirst(entry, finding.record, finding.line, finding.row);
    } else if (this.summary.size < MAX_SUMMARY_ENTRIES) {
      const entry: SummaryEntry = {
        path,
        rule: finding.rule,
        severity: finding.severity,
        count: 1,
        firstRecords: [finding.record],
        firstLines: [finding.line],
      };
      if (finding.row !== undefined && finding.row > 0) entry.firstRows = [finding.row];
      this.summary.set(key, entry);
    } else {
      this.summaryTruncated = true;
    }
  }

  build(context: { standard: Report['standard']; format: InputFormat; gzip: boolean; bytes: number; compressedBytes?: number; seconds: number }): Report {
    const summary = [...this.summary.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule));
    const report: Report = {
      standard: context.standard,
      format: context.format,
      gzip: context.gzip,
      valid: this.errorCount === 0,
      stats: {
        records: this.records,
        valid: this.valid,
        invalid: this.records - this.valid,
        findings: this.findingCount,
        bytes: context.bytes,
        ...(context.compressedBytes !== undefined ? { compressedBytes: context.compressedBytes } : {}),
        seconds: context.seconds,
      },
      findings: this.findings,
      maxFindings: this.maxFindings,
      truncated: this.findingCount > this.findings.length,
      summary,
      summaryTruncated: this.summaryTruncated,
    };
    if (this.outcomes) setOutcomes(report, this.outcomes.result());
    return report;
  }
}

/**
 * Adds findings made after the pass (the scorecard's duplicate record keys) to a built report: kept in
 * record order within the report's cap on findings about records, counted in the stats and the summary. Warnings only: they never
 * make a record or the report invalid.
 */
export function addFindings(report: Report, extra: readonly Finding[]): void {
  if (extra.length === 0) return;
  const added = extra;
  // The cap is on findings about records; those about the file (record 0) are kept beside it.
  const fileKept = report.findings.reduce((n, f) => (f.record === 0 ? n + 1 : n), 0);
  const room = report.maxFindings - (report.findings.length - fileKept);
  if (!report.truncated) {
    report.findings = [...report.findings, ...added].sort((a, b) => a.record - b.record).slice(0, report.maxFindings + fileKept);
  } else if (room > 0) {
    report.findings.push(...added.slice(0, room));
  }
  report.stats.findings += added.length;
  report.truncated = report.stats.findings > report.findings.length;
  for (const f of added) {
    const entry = report.summary.find((s) => s.path === f.path && s.rule === f.rule);
    if (entry) {
      entry.count++;
      if (entry.firstRecords.length < FIRST_RECORDS) pushFirst(entry, f.record, f.line, f.row);
    } else {
      report.summary.push({
        path: f.path,
        rule: f.rule,
        severity: f.severity,
        count: 1,
        firstRecords: [f.record],
        firstLines: [f.line],
        ...(f.row !== undefined && f.row > 0 ? { firstRows: [f.row] } : {}),
      });
    }
  }
  report.summary.sort((a, b) => b.count - a.count || a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule));
}
