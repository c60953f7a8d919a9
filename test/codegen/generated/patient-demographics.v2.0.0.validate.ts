/*
 * Standalone validator of patient-demographics 2.0.0: the type guard isPatientDemographics and validate(), giving findings as Conform's engine does.
 * Standard: patient-demographics
 * Version: 2.0.0
 * Content hash: sha256:c44f9b1f0afddc7294e9cb6b9d8512878ff3c68655aa4cc075a667e561aff382
 * Made by: conform types --standard patient-demographics@2.0.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { PatientDemographics } from './patient-demographics.v2.0.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import { toFindings } from './conform-runtime/findings.js';
import { check } from './patient-demographics.v2.0.0.ajv.js';

export type { PatientDemographics, Finding };

/** The standard version this validator was generated from. */
export const standard = {"id":"patient-demographics","version":"2.0.0","contentHash":"sha256:c44f9b1f0afddc7294e9cb6b9d8512878ff3c68655aa4cc075a667e561aff382"} as const;

/**
 * True when `value` is a valid patient-demographics 2.0.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules).
 */
export function isPatientDemographics(value: unknown): value is PatientDemographics {
  return check(value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message; never a value from
 * the record); empty when the record is valid. `record` and `line` number the findings (default 1 and 0).
 */
export function validate(value: unknown, record = 1, line = 0): Finding[] {
  return check(value) ? [] : toFindings(check.errors ?? [], record, line);
}
