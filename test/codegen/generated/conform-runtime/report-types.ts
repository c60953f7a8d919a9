/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/report-types.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/** The one report shape, for every input format, the CLI and (later) the HTTP API. */

export type Severity = 'error' | 'warning';
export type InputFormat = 'json' | 'ndjson' | 'csv';

/** One problem in one record. Never carries a record value. */
export interface Finding {
  /** 1-based record number; 0 for a problem with the file as a whole. */
  record: number;
  /** 1-based line in the (decompressed) source where the record starts (for record 0, the line a file finding is about, when it has one); 0 when not applicable. */
  line: number;
  /**
   * CSV only: the spreadsheet row the record is on, from the reader's position (csv-rows.ts): empty lines
   * count as rows, as a spreadsheet shows them, and a quoted cell over several lines is one row. Absent for
   * the file as a whole.
   */
  row?: number;
  /** JSON pointer to the field; '' for the whole record. */
  path: string;
  /** The JSON Schema keyword that failed, a consistency rule's id, or a reading rule (json-syntax, csv-columns, encoding, …). */
  rule: string;
  message: string;
  severity: Severity;
}

export interface SummaryEntry {
  /** The path with array indexes written as `*`, so one entry counts a field across all array items. */
  path: string;
  rule: string;
  severity: Severity;
  count: number;
  /** The first record numbers with this finding (at most five). */
  firstRecords: number[];
  /**
   * The lines of `firstRecords` (where each record starts in the file, as its findings' `line`), in the
   * same order, 0 where not known (a finding about the file as a whole without a line). Every format.
   */
  firstLines: number[];
  /**
   * CSV only: the spreadsheet rows of `firstRecords`, index-aligned with them, 0 where not known (a
   * finding about the file); absent when none is known. Reports stored before it was aligned left record 0
   * out (summary-rows.ts `firstRowsOf` reads both).
   */
  firstRows?: number[];
}

export interface ReportStats {
  records: number;
  valid: number;
  invalid: number;
  findings: number;
  /** Bytes of data read, after decompression. */
  bytes: number;
  /** Bytes received when the input was gzip-compressed. */
  compressedBytes?: number;
  seconds: number;
}

/** The reporting period a submission declared (docs/quality.md). */
export interface ReportPeriod {
  id: string;
  kind: string;
  /** Inclusive dates, YYYY-MM-DD. */
  start: string;
  end: string;
  /** The last day the period's file is on time (its end plus the standard's reportingPeriod.deadline). */
  deadline: string;
  /** When the file was received (validated). */
  submittedAt: string;
  /** Whether the file arrived after the deadline: reported, never folded into the scorecard. */
  afterDeadline: boolean;
}

export interface Report {
  standard: { id: string; version: string; contentHash: string };
  format: InputFormat;
  gzip: boolean;
  valid: boolean;
  stats: ReportStats;
  findings: Finding[];
  maxFindings: number;
  /** True when more findings were found than `maxFindings`; `summary` still counts them all. */
  truncated: boolean;
  summary: SummaryEntry[];
  /** True when there were more distinct (path, rule) pairs than the summary keeps. */
  summaryTruncated: boolean;
  /**
   * The labels (schema `title`) of the fields the findings and summary name, and of the arrays they are
   * in, by pointer with array indexes as `*`; only those the version labels (field-label.ts words a
   * finding's field with them). Absent when it labels none, and in reports made before it was kept.
   */
  fieldTitles?: Record<string, string>;
  /** The reporting period the submission declared, when it declared one. */
  period?: ReportPeriod;
  /** Notes about the submission as a whole, such as a deprecated version (with the newer one to use). */
  warnings?: string[];
  /** The data-quality scorecard (src/quality), computed in the same pass. */
  scorecard?: object;
  /** The stored submission, when the report was made by the service. */
  submission?: {
    id: string;
    createdAt: string;
    /** The submitting organisation's ODS code (null for a caller without one). */
    organisation?: string | null;
    /** The name of the token that submitted (never the token itself). */
    submitter?: string;
    /** The file's name as given (sanitised); null when not given. */
    fileName?: string | null;
    /** The file's size in bytes as received (compressed when gzip). */
    size?: number | null;
  };
  /**
   * A trial run's report as the service holds it for a while (services/trial-reports.ts): its id, when it
   * is dropped, the file's name as given (sanitised), and its address and its downloads' (added by the API).
   */
  trial?: {
    id: string;
    expiresAt: string;
    fileName: string | null;
    url?: string;
    findingsUrl?: string;
    busAckUrl?: string;
    busAckJsonUrl?: string;
    infAckUrl?: string;
  };
  /** When, by whom and why a stored submission was withdrawn (it no longer counts in quality trends). */
  withdrawn?: { at: string; by: string; reason: string };
  /** The CSV header cells the organisation's saved column mapping renamed (their name -> the field). */
  columnMapping?: { renamed: { column: string; field: string }[] };
  /** Another standard whose fields the data's columns match much better than the one chosen (the service's header match). */
  suggestion?: ReportSuggestion;
  /**
   * Every failed record's number and error text, uncapped (row-outcomes.ts), for the acknowledgement
   * files; present when the run kept them. Not enumerable (setOutcomes): never part of the report's JSON.
   */
  outcomes?: RowOutcomes;
}

/** "Your columns match Emergency care attendance 3.0.0: 18 of 18. You chose Adult social care (2 of 18)." */
export interface ReportSuggestion {
  standard: string;
  title: string;
  version: string;
  /** Columns (CSV) or fields of the first records (JSON) read, and how many are fields of the suggested version. */
  columns: number;
  matched: number;
  chosen: { standard: string; title: string; version: string; matched: number };
}

/** Every failed record's number and error text, uncapped, for the acknowledgement files (row-outcomes.ts keeps them). */
export interface RowOutcomes {
  /** Runs of consecutive failed records with one outcome, flattened: first record, count, index into `texts`. */
  runs: number[];
  /** The distinct outcome texts. */
  texts: string[];
  /** Failed records after the bounds were reached: counted, not listed. */
  omitted: number;
  /** Whether the file itself has an error (its name, its header; an empty file aside): the InfAck's Failure. */
  fileFailed: boolean;
}
