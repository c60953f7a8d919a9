export interface ValidationContext {
  /** When the data was received (RFC 3339 instant). Dates after it (beyond an allowed skew) are in the future. */
  submittedAt: string;
  /** The reporting period the file is for: inclusive calendar dates YYYY-MM-DD. Absent when none is declared. */
  period?: { start: string; end: string };
}
