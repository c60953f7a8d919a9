/*
 * Standalone validator of covid-vaccination-event 2.1.0: the type guard isCovidVaccinationEvent and validate(), giving findings as Conform's engine does.
 * Standard: covid-vaccination-event
 * Version: 2.1.0
 * Content hash: sha256:1ccad698bd2d4451407fe0ce32998ad6a6dc7b19d64d806e3ac2957dae15e084
 * Made by: conform types --standard covid-vaccination-event@2.1.0 --out <dir> (Conform code generation 1)
 * Generated file: do not edit it; generate it again instead.
 */

import type { CovidVaccinationEvent } from './covid-vaccination-event.v2.1.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import { toFindings } from './conform-runtime/findings.js';
import { check } from './covid-vaccination-event.v2.1.0.ajv.js';

export type { CovidVaccinationEvent, Finding };

/** The standard version this validator was generated from. */
export const standard = {"id":"covid-vaccination-event","version":"2.1.0","contentHash":"sha256:1ccad698bd2d4451407fe0ce32998ad6a6dc7b19d64d806e3ac2957dae15e084"} as const;

/**
 * True when `value` is a valid covid-vaccination-event 2.1.0 record: every rule of the standard
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
