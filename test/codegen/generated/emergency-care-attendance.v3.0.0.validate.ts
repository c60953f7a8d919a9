/*
 * Standalone validator of emergency-care-attendance 3.0.0: the type guard isEmergencyCareAttendance and validate(), giving findings as Conform's engine does.
 * Standard: emergency-care-attendance
 * Version: 3.0.0
 * Content hash: sha256:0cbbd9634715f90ecb3da5916857775a0c73b78e4dc8d4257b26d7434a47a270
 * Made by: conform types --standard emergency-care-attendance@3.0.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { EmergencyCareAttendance } from './emergency-care-attendance.v3.0.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import { toFindings } from './conform-runtime/findings.js';
import { check } from './emergency-care-attendance.v3.0.0.ajv.js';

export type { EmergencyCareAttendance, Finding };

/** The standard version this validator was generated from. */
export const standard = {"id":"emergency-care-attendance","version":"3.0.0","contentHash":"sha256:0cbbd9634715f90ecb3da5916857775a0c73b78e4dc8d4257b26d7434a47a270"} as const;

/**
 * True when `value` is a valid emergency-care-attendance 3.0.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules).
 */
export function isEmergencyCareAttendance(value: unknown): value is EmergencyCareAttendance {
  return check(value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message; never a value from
 * the record); empty when the record is valid. `record` and `line` number the findings (default 1 and 0).
 */
export function validate(value: unknown, record = 1, line = 0): Finding[] {
  return check(value) ? [] : toFindings(check.errors ?? [], record, line);
}
