/*
 * Standalone validator of patient-demographics 1.1.0: the type guard isPatientDemographics and validate(), giving findings as Conform's engine does.
 * Standard: patient-demographics
 * Version: 1.1.0
 * Content hash: sha256:fa4a56f847f30714d51ae994b2a17ac8230ff4f639a12939d398b371f81302a4
 * Made by: conform types --standard patient-demographics@1.1.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { PatientDemographics } from './patient-demographics.v1.1.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import { toFindings } from './conform-runtime/findings.js';
import { check } from './patient-demographics.v1.1.0.ajv.js';

export type { PatientDemographics, Finding };

/** The standard version this validator was generated from. */
export const standard = {"id":"patient-demographics","version":"1.1.0","contentHash":"sha256:fa4a56f847f30714d51ae994b2a17ac8230ff4f639a12939d398b371f81302a4"} as const;

/**
 * True when `value` is a valid patient-demographics 1.1.0 record: every rule of the standard
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
