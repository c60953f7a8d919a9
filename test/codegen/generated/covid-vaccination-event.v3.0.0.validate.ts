/*
 * Standalone validator of covid-vaccination-event 3.0.0: the type guard isCovidVaccinationEvent and validate(), giving findings as Conform's engine does.
 * Standard: covid-vaccination-event
 * Version: 3.0.0
 * Content hash: sha256:2bb143fb1d615a0717e60a1549d6f312b477fedfa7605b5a9b16e894bd251192
 * Made by: conform types --standard covid-vaccination-event@3.0.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { CovidVaccinationEvent } from './covid-vaccination-event.v3.0.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import { toFindings } from './conform-runtime/findings.js';
import { check } from './covid-vaccination-event.v3.0.0.ajv.js';

export type { CovidVaccinationEvent, Finding };

/** The standard version this validator was generated from. */
export const standard = {"id":"covid-vaccination-event","version":"3.0.0","contentHash":"sha256:2bb143fb1d615a0717e60a1549d6f312b477fedfa7605b5a9b16e894bd251192"} as const;

/**
 * True when `value` is a valid covid-vaccination-event 3.0.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules).
 */
export function isCovidVaccinationEvent(value: unknown): value is CovidVaccinationEvent {
  return check(value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message; never a value from
 * the record); empty when the record is valid. `record` and `line` number the findings (default 1 and 0).
 */
export function validate(value: unknown, record = 1, line = 0): Finding[] {
  return check(value) ? [] : toFindings(check.errors ?? [], record, line);
}
