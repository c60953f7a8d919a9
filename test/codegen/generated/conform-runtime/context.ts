/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/context.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * What a validation run knows beyond the record: when the data was received and, when declared, the
 * reporting period it is for. Cross-field rules (`x-consistency`) use it: a date after the submission is
 * in the future, a date outside the period is out of scope. The engine passes it to Ajv's validators as
 * their `this` (Ajv's `passContext`), so one compiled validator serves every run. Plain data: it goes to
 * worker threads in each piece's message, and it is copied into generated standalone validators' runtime.
 */
export interface ValidationContext {
  /** When the data was received (RFC 3339 instant). Dates after it (beyond an allowed skew) are in the future. */
  submittedAt: string;
  /** The reporting period the file is for: inclusive calendar dates YYYY-MM-DD. Absent when none is declared. */
  period?: { start: string; end: string };
  /** The file's name, when known: checked against the standard's file-name convention (file-name.ts). */
  fileName?: string;
}
